#include "cli/registry_output.h"

#include <vector>

namespace reghub::cli {
namespace {

// value at a "/"-separated path, or null.
Json At(const Json& object, const std::string& path) {
  const Json* current = &object;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    std::string key =
        path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!current->is_object() || !current->contains(key)) return nullptr;
    current = &(*current)[key];
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return *current;
}

std::string Text(const Json& object, const std::string& path) { return CellText(At(object, path)); }

std::string YesNo(const Json& value) {
  return value.is_boolean() && value.get<bool>() ? "yes" : "no";
}

std::string CredentialsText(const Json& credentials) {
  std::string kind = Text(credentials, "kind");
  if (kind.empty() || kind == "none") return kind.empty() ? "" : "none";
  std::string text = kind;
  if (std::string user = Text(credentials, "username"); !user.empty()) text += ", username " + user;
  if (std::string key = Text(credentials, "access_key_id"); !key.empty())
    text += ", access key " + key;
  if (std::string email = Text(credentials, "client_email"); !email.empty()) text += ", " + email;
  if (std::string region = Text(credentials, "region"); !region.empty())
    text += ", region " + region;
  if (At(credentials, "fips").is_boolean() && At(credentials, "fips").get<bool>()) text += ", FIPS";
  if (std::string print = Text(credentials, "fingerprint"); !print.empty()) {
    text += "\nfingerprint " + print;
  }
  if (std::string replaced = Text(credentials, "replaced_at"); !replaced.empty()) {
    text += "\nreplaced " + replaced;
  }
  return text;
}

std::string MirrorsText(const Json& mirrors) {
  if (!mirrors.is_array() || mirrors.empty()) return "-";
  std::string text;
  for (const Json& mirror : mirrors) {
    if (!text.empty()) text += "\n";
    text += Text(mirror, "upstream");
    if (std::string prefix = Text(mirror, "path_prefix"); !prefix.empty()) text += " at /" + prefix;
  }
  return text;
}

std::string TlsText(const Json& tls) {
  std::string text = Text(tls, "mode");
  if (std::string ca = Text(tls, "ca_fingerprint"); !ca.empty()) text += ", CA " + ca;
  return text;
}

std::string UsageText(const Json& usage) {
  std::string text = "push images: " + YesNo(At(usage, "push_images")) +
                     ", push charts: " + YesNo(At(usage, "push_charts")) +
                     ", default: " + YesNo(At(usage, "default"));
  if (At(usage, "chart_repository").is_boolean() && At(usage, "chart_repository").get<bool>()) {
    text += "\nchart repository: " + Text(usage, "chart_repositories");
  }
  return text;
}

std::string OrDash(std::string text) { return text.empty() ? "-" : text; }

std::string ChangeText(const Json& change) {
  if (change.is_string()) return change.get<std::string>();
  if (std::string summary = Text(change, "summary"); !summary.empty()) return summary;
  return Text(change, "field");
}

}  // namespace

std::string RegistryListTable(const Json& registries) {
  std::vector<std::vector<std::string>> rows;
  if (registries.is_array()) {
    for (const Json& registry : registries) {
      rows.push_back({Text(registry, "id"), Text(registry, "url"), Text(registry, "provider"),
                      Text(registry, "access"), OrDash(Text(registry, "credentials/kind")),
                      Text(registry, "revision"), YesNo(At(registry, "usage/default"))});
    }
  }
  return RenderTable({"ID", "URL", "PROVIDER", "ACCESS", "CREDENTIALS", "REVISION", "DEFAULT"},
                     rows);
}

std::string RegistryDetails(const Json& registry) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"ID", Text(registry, "id")},
      {"URL", Text(registry, "url")},
      {"Display name", OrDash(Text(registry, "display_name"))},
      {"Description", OrDash(Text(registry, "description"))},
      {"Provider", Text(registry, "provider")},
      {"Access", Text(registry, "access")},
      {"Credentials", OrDash(CredentialsText(At(registry, "credentials")))},
      {"Mirrors", MirrorsText(At(registry, "mirrors"))},
      {"TLS", TlsText(At(registry, "tls"))},
      {"Usage", UsageText(At(registry, "usage"))},
      {"Repositories", OrDash(Text(registry, "repositories"))},
      {"Revision", Text(registry, "revision")},
      {"Created", Text(registry, "created_at") + " by " + Text(registry, "created_by")},
      {"Updated", Text(registry, "updated_at") + " by " + Text(registry, "updated_by")},
  };
  if (std::string deadline = Text(registry, "permissions_deadline"); !deadline.empty()) {
    fields.emplace_back("Permissions until", deadline);
  }
  return RenderFields(fields);
}

std::string RevisionsTable(const Json& revisions) {
  std::vector<std::vector<std::string>> rows;
  if (revisions.is_array()) {
    for (const Json& revision : revisions) {
      std::string changes;
      if (const Json list = At(revision, "changes"); list.is_array()) {
        for (const Json& change : list) {
          if (!changes.empty()) changes += "; ";
          changes += ChangeText(change);
        }
      }
      rows.push_back({Text(revision, "revision"), Text(revision, "created_at"),
                      Text(revision, "created_by"), OrDash(changes)});
    }
  }
  return RenderTable({"REVISION", "CREATED AT", "CREATED BY", "CHANGES"}, rows);
}

std::string DiffTable(const Json& diff) {
  std::vector<std::vector<std::string>> rows;
  if (const Json changes = At(diff, "changes"); changes.is_array()) {
    for (const Json& change : changes) {
      // Values that do not show the change (credentials: the kind before and
      // after, never the secret) are completed by the change's summary.
      bool has_values = change.is_object() &&
                        ((change.contains("before") && !change["before"].is_null()) ||
                         (change.contains("after") && !change["after"].is_null())) &&
                        Text(change, "before") != Text(change, "after");
      if (has_values) {
        rows.push_back({Text(change, "field"), Text(change, "before"), Text(change, "after")});
      } else {
        std::string after = Text(change, "after");
        std::string summary = ChangeText(change);
        rows.push_back({Text(change, "field"), Text(change, "before"),
                        after.empty() ? summary : after + " (" + summary + ")"});
      }
    }
  }
  std::string header = "Revision " + Text(diff, "from") + " -> " + Text(diff, "to") + ": ";
  if (rows.empty()) return header + "no changes\n";
  return header + std::to_string(rows.size()) + (rows.size() == 1 ? " change\n" : " changes\n") +
         RenderTable({"FIELD", "BEFORE", "AFTER"}, rows);
}

}  // namespace reghub::cli
