#include "core/registry_diff.h"

#include <algorithm>
#include <string>
#include <utility>

namespace reghub {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSummaryValueLength = 80;

// A value as shown in a summary: JSON text (strings quoted and escaped), cut
// to a readable length on a UTF-8 boundary.
std::string Show(const json& value) {
  std::string text = value.dump();
  if (text.size() <= kMaxSummaryValueLength) return text;
  std::size_t cut = kMaxSummaryValueLength;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

class Differ {
 public:
  template <typename T>
  void Scalar(const char* field, const T& before, const T& after) {
    if (before == after) return;
    json b = before;
    json a = after;
    std::string summary = std::string(field) + " changed from " + Show(b) + " to " + Show(a);
    Add(field, std::move(b), std::move(a), std::move(summary));
  }

  void Strings(const char* field, const std::vector<std::string>& before,
               const std::vector<std::string>& after) {
    if (before == after) return;
    Add(field, before, after, std::string(field) + ListSummary(Labels(before), Labels(after)));
  }

  void Mirrors(const std::vector<Mirror>& before, const std::vector<Mirror>& after) {
    if (before == after) return;
    std::vector<std::string> labels_before;
    std::vector<std::string> labels_after;
    labels_before.reserve(before.size());
    labels_after.reserve(after.size());
    for (const Mirror& m : before) labels_before.push_back(Label(m));
    for (const Mirror& m : after) labels_after.push_back(Label(m));
    Add("mirrors", MirrorsJson(before), MirrorsJson(after),
        "mirrors" + ListSummary(labels_before, labels_after));
  }

  void Add(const char* field, json before, json after, std::string summary) {
    changes_.push_back({field, std::move(before), std::move(after), std::move(summary)});
  }

  std::vector<FieldChange> Take() {
    std::stable_sort(changes_.begin(), changes_.end(),
                     [](const FieldChange& a, const FieldChange& b) { return a.field < b.field; });
    return std::move(changes_);
  }

 private:
  static std::vector<std::string> Labels(const std::vector<std::string>& values) {
    std::vector<std::string> labels;
    labels.reserve(values.size());
    for (const std::string& v : values) labels.push_back(Show(v));
    return labels;
  }

  static std::string Label(const Mirror& mirror) {
    std::string label = mirror.upstream;
    if (!mirror.path_prefix.empty()) label += " (path prefix " + Show(mirror.path_prefix) + ")";
    return label;
  }

  static json MirrorsJson(const std::vector<Mirror>& mirrors) {
    json out = json::array();
    for (const Mirror& m : mirrors) {
      out.push_back({{"upstream", m.upstream}, {"path_prefix", m.path_prefix}});
    }
    return out;
  }

  // ": added a, b; removed c", or " reordered" when only the order changed.
  static std::string ListSummary(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after) {
    auto join = [](const std::vector<std::string>& items) {
      std::string out;
      for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
      return out;
    };
    std::vector<std::string> added;
    std::vector<std::string> removed;
    for (const auto& item : after) {
      if (std::find(before.begin(), before.end(), item) == before.end()) added.push_back(item);
    }
    for (const auto& item : before) {
      if (std::find(after.begin(), after.end(), item) == after.end()) removed.push_back(item);
    }
    if (added.empty() && removed.empty()) return " reordered";
    std::string out = ":";
    if (!added.empty()) out += " added " + join(added);
    if (!added.empty() && !removed.empty()) out += ";";
    if (!removed.empty()) out += " removed " + join(removed);
    return out;
  }

  std::vector<FieldChange> changes_;
};

// Credentials are equal when everything but the replacement time is: the
// fingerprint covers the secret material, the rest is shown as is.
bool SameCredentials(CredentialsInfo a, CredentialsInfo b) {
  a.replaced_at = 0;
  b.replaced_at = 0;
  return a == b;
}

std::string CaSummary(const std::string& before, const std::string& after) {
  if (before.empty()) return "CA bundle added";
  if (after.empty()) return "CA bundle removed";
  return "CA bundle replaced";
}

}  // namespace

std::vector<FieldChange> DiffRegistries(const Registry& before, const Registry& after) {
  Differ diff;
  diff.Scalar("url", before.url.ToString(), after.url.ToString());
  diff.Scalar("display_name", before.display_name, after.display_name);
  diff.Scalar("description", before.description, after.description);
  diff.Scalar("provider", std::string(ProviderName(before.provider)),
              std::string(ProviderName(after.provider)));
  diff.Scalar("access", std::string(AccessName(before.access)),
              std::string(AccessName(after.access)));
  if (!SameCredentials(before.credentials, after.credentials)) {
    // Never values: only the kinds.
    diff.Add("credentials", std::string(CredentialKindName(before.credentials.kind)),
             std::string(CredentialKindName(after.credentials.kind)), "credentials replaced");
  }
  diff.Mirrors(before.mirrors, after.mirrors);
  diff.Scalar("tls.mode", std::string(TlsModeName(before.tls.mode)),
              std::string(TlsModeName(after.tls.mode)));
  if (before.tls.ca_fingerprint != after.tls.ca_fingerprint) {
    diff.Add("tls.ca_fingerprint", before.tls.ca_fingerprint, after.tls.ca_fingerprint,
             CaSummary(before.tls.ca_fingerprint, after.tls.ca_fingerprint));
  }
  diff.Scalar("usage.push_images", before.usage.push_images, after.usage.push_images);
  diff.Scalar("usage.push_charts", before.usage.push_charts, after.usage.push_charts);
  diff.Scalar("usage.chart_repository", before.usage.chart_repository,
              after.usage.chart_repository);
  diff.Strings("usage.chart_repositories", before.usage.chart_repositories,
               after.usage.chart_repositories);
  diff.Scalar("usage.default", before.usage.is_default, after.usage.is_default);
  diff.Strings("repositories", before.repositories, after.repositories);
  return diff.Take();
}

json FieldChangesToJson(const std::vector<FieldChange>& changes) {
  json out = json::array();
  for (const FieldChange& change : changes) {
    out.push_back({{"field", change.field},
                   {"before", change.before},
                   {"after", change.after},
                   {"summary", change.summary}});
  }
  return out;
}

std::vector<FieldChange> FieldChangesFromJson(const json& input) {
  std::vector<FieldChange> changes;
  if (!input.is_array()) return changes;
  for (const json& item : input) {
    if (!item.is_object()) continue;
    auto text = [&](const char* key) {
      auto it = item.find(key);
      return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto value = [&](const char* key) {
      auto it = item.find(key);
      return it != item.end() ? *it : json(nullptr);
    };
    changes.push_back({text("field"), value("before"), value("after"), text("summary")});
  }
  return changes;
}

}  // namespace reghub
