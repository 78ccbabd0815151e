#include "core/registry_json.h"

#include <cstdio>
#include <utility>

#include "core/civil_time.h"

namespace reghub {
namespace {

using nlohmann::json;

json TimestampJson(UnixSeconds seconds) {
  return seconds == 0 ? json(nullptr) : json(FormatTimestamp(seconds));
}

json CredentialsToJson(const CredentialsInfo& info) {
  json out = {{"kind", CredentialKindName(info.kind)},
              {"fingerprint", info.fingerprint},
              {"replaced_at", TimestampJson(info.replaced_at)}};
  switch (info.kind) {
    case CredentialKind::kNone:
      break;
    case CredentialKind::kBasic:
      out["username"] = info.username;
      break;
    case CredentialKind::kEcrAccessKey:
      out["access_key_id"] = info.access_key_id;
      out["region"] = info.region;
      out["fips"] = info.fips;
      break;
    case CredentialKind::kEcrInstanceRole:
      out["region"] = info.region;
      out["fips"] = info.fips;
      break;
    case CredentialKind::kGcpServiceAccount:
      out["client_email"] = info.client_email;
      break;
  }
  return out;
}

// Reads fields of a JSON object into typed values, collecting one violation
// per field of the wrong type. Absent and null fields keep their defaults, so
// snapshots written by older versions still read.
class Reader {
 public:
  Reader(const json& object, std::string prefix, std::vector<FieldViolation>* violations)
      : object_(object), prefix_(std::move(prefix)), violations_(violations) {}

  const json* Find(const char* key) const {
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string Path(const char* key) const { return prefix_ + key; }
  void Fail(const char* key, std::string message) const {
    violations_->push_back({Path(key), std::move(message)});
  }

  void String(const char* key, std::string* out) const {
    if (const json* v = Find(key)) {
      if (v->is_string())
        *out = v->get<std::string>();
      else
        Fail(key, "must be a string");
    }
  }
  void Bool(const char* key, bool* out) const {
    if (const json* v = Find(key)) {
      if (v->is_boolean())
        *out = v->get<bool>();
      else
        Fail(key, "must be a boolean");
    }
  }
  void Int(const char* key, std::int64_t* out) const {
    if (const json* v = Find(key)) {
      if (v->is_number_integer())
        *out = v->get<std::int64_t>();
      else
        Fail(key, "must be an integer");
    }
  }
  void Time(const char* key, UnixSeconds* out) const {
    if (const json* v = Find(key)) {
      auto parsed = v->is_string() ? ParseTimestamp(v->get<std::string>()) : std::nullopt;
      if (parsed)
        *out = *parsed;
      else
        Fail(key, "must be an RFC 3339 timestamp");
    }
  }
  void Strings(const char* key, std::vector<std::string>* out) const {
    if (const json* v = Find(key)) {
      if (!v->is_array()) return Fail(key, "must be an array of strings");
      out->clear();
      for (const json& item : *v) {
        if (!item.is_string()) return Fail(key, "must be an array of strings");
        out->push_back(item.get<std::string>());
      }
    }
  }
  template <typename Enum>
  void Enumerated(const char* key, std::optional<Enum> (*parse)(std::string_view),
                  Enum* out) const {
    if (const json* v = Find(key)) {
      auto parsed = v->is_string() ? parse(v->get<std::string>()) : std::nullopt;
      if (parsed)
        *out = *parsed;
      else
        Fail(key, "has an unknown value");
    }
  }
  Reader Child(const char* key) const {
    const json* v = Find(key);
    if (v != nullptr && !v->is_object()) Fail(key, "must be an object");
    static const json kEmpty = json::object();
    return Reader(v != nullptr && v->is_object() ? *v : kEmpty, Path(key) + ".", violations_);
  }

 private:
  const json& object_;
  std::string prefix_;
  std::vector<FieldViolation>* violations_;
};

bool ParseDigits(std::string_view text, std::size_t pos, std::size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

json RegistryToJson(const Registry& registry, bool include_ca_pem) {
  json mirrors = json::array();
  for (const Mirror& mirror : registry.mirrors) {
    mirrors.push_back({{"upstream", mirror.upstream}, {"path_prefix", mirror.path_prefix}});
  }
  json tls = {{"mode", TlsModeName(registry.tls.mode)},
              {"ca_fingerprint", registry.tls.ca_fingerprint}};
  if (include_ca_pem) tls["ca_pem"] = registry.tls.ca_pem;
  json usage = {{"push_images", registry.usage.push_images},
                {"push_charts", registry.usage.push_charts},
                {"chart_repository", registry.usage.chart_repository},
                {"chart_repositories", registry.usage.chart_repositories},
                {"default", registry.usage.is_default}};
  return {{"id", registry.id},
          {"url", registry.url.ToString()},
          {"display_name", registry.display_name},
          {"description", registry.description},
          {"provider", ProviderName(registry.provider)},
          {"access", AccessName(registry.access)},
          {"credentials", CredentialsToJson(registry.credentials)},
          {"mirrors", std::move(mirrors)},
          {"tls", std::move(tls)},
          {"usage", std::move(usage)},
          {"repositories", registry.repositories},
          {"revision", registry.revision},
          {"permissions_deadline", TimestampJson(registry.permissions_deadline)},
          {"created_at", TimestampJson(registry.created_at)},
          {"created_by", registry.created_by},
          {"updated_at", TimestampJson(registry.updated_at)},
          {"updated_by", registry.updated_by}};
}

Result<Registry> RegistryFromJson(const json& input) {
  if (!input.is_object()) return Error::InvalidArgument("a registry must be a JSON object");
  std::vector<FieldViolation> violations;
  Reader top(input, "", &violations);
  Registry registry;
  top.String("id", &registry.id);
  std::string url;
  top.String("url", &url);
  if (url.empty()) {
    violations.push_back({"url", "required"});
  } else {
    auto parsed = CanonicalizeRegistryUrl(url);
    if (parsed.ok())
      registry.url = *parsed;
    else
      violations.push_back({"url", parsed.error().details.front().message});
  }
  top.String("display_name", &registry.display_name);
  top.String("description", &registry.description);
  top.Enumerated("provider", &ParseProvider, &registry.provider);
  top.Enumerated("access", &ParseAccess, &registry.access);

  Reader credentials = top.Child("credentials");
  CredentialsInfo& info = registry.credentials;
  credentials.Enumerated("kind", &ParseCredentialKind, &info.kind);
  credentials.String("fingerprint", &info.fingerprint);
  credentials.Time("replaced_at", &info.replaced_at);
  credentials.String("username", &info.username);
  credentials.String("access_key_id", &info.access_key_id);
  credentials.String("region", &info.region);
  credentials.Bool("fips", &info.fips);
  credentials.String("client_email", &info.client_email);

  if (const json* mirrors = top.Find("mirrors")) {
    if (!mirrors->is_array()) violations.push_back({"mirrors", "must be an array"});
    for (std::size_t i = 0; mirrors->is_array() && i < mirrors->size(); ++i) {
      const json& item = (*mirrors)[i];
      std::string path = "mirrors[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        violations.push_back({path, "must be an object"});
        continue;
      }
      Mirror mirror;
      Reader reader(item, path + ".", &violations);
      reader.String("upstream", &mirror.upstream);
      reader.String("path_prefix", &mirror.path_prefix);
      registry.mirrors.push_back(std::move(mirror));
    }
  }

  Reader tls = top.Child("tls");
  tls.Enumerated("mode", &ParseTlsMode, &registry.tls.mode);
  tls.String("ca_pem", &registry.tls.ca_pem);
  tls.String("ca_fingerprint", &registry.tls.ca_fingerprint);

  Reader usage = top.Child("usage");
  usage.Bool("push_images", &registry.usage.push_images);
  usage.Bool("push_charts", &registry.usage.push_charts);
  usage.Bool("chart_repository", &registry.usage.chart_repository);
  usage.Strings("chart_repositories", &registry.usage.chart_repositories);
  usage.Bool("default", &registry.usage.is_default);

  top.Strings("repositories", &registry.repositories);
  top.Int("revision", &registry.revision);
  top.Time("permissions_deadline", &registry.permissions_deadline);
  top.Time("created_at", &registry.created_at);
  top.String("created_by", &registry.created_by);
  top.Time("updated_at", &registry.updated_at);
  top.String("updated_by", &registry.updated_by);

  if (!violations.empty()) {
    std::string message =
        "invalid registry JSON: " + violations.front().field + ": " + violations.front().message;
    return Error::InvalidArgument(std::move(message), std::move(violations));
  }
  return registry;
}

std::string FormatTimestamp(UnixSeconds seconds) {
  CivilTime t = UnixSecondsToCivil(seconds);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day,
                t.hour, t.minute, t.second);
  return buffer;
}

// Accepts RFC 3339 date-times: "YYYY-MM-DDTHH:MM:SS", optional fraction
// (truncated to the second), then "Z" or "+HH:MM"/"-HH:MM"; 't'/'z' and a
// space separator are accepted too.
std::optional<UnixSeconds> ParseTimestamp(std::string_view text) {
  CivilTime t;
  if (text.size() < 20 || !ParseDigits(text, 0, 4, &t.year) || text[4] != '-' ||
      !ParseDigits(text, 5, 2, &t.month) || text[7] != '-' || !ParseDigits(text, 8, 2, &t.day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      !ParseDigits(text, 11, 2, &t.hour) || text[13] != ':' ||
      !ParseDigits(text, 14, 2, &t.minute) || text[16] != ':' ||
      !ParseDigits(text, 17, 2, &t.second)) {
    return std::nullopt;
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > DaysInMonth(t.year, t.month) ||
      t.hour > 23 || t.minute > 59 || t.second > 60) {
    return std::nullopt;
  }
  if (t.second == 60) t.second = 59;  // a leap second reads as the second before it
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos, ++digits;
    if (digits == 0) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  std::int64_t offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int hours = 0;
    int minutes = 0;
    if (!ParseDigits(text, pos + 1, 2, &hours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ParseDigits(text, pos + 4, 2, &minutes) || hours > 23 || minutes > 59) {
      return std::nullopt;
    }
    offset =
        (std::int64_t{hours} * 3600 + std::int64_t{minutes} * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return CivilToUnixSeconds(t) - offset;
}

}  // namespace reghub
