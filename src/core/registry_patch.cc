#include "core/registry_patch.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/repository_name.h"
#include "core/violations.h"

namespace reghub {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxUrlInputLength = 1024;
constexpr std::size_t kMaxUsernameLength = 256;
constexpr std::size_t kMaxShortFieldLength = 128;  // access_key_id, region

// Fields the server makes: named as unknown on input, with the reason.
bool IsServerMade(std::string_view path) {
  static constexpr std::string_view kServerMade[] = {"id",
                                                     "permissions_deadline",
                                                     "created_at",
                                                     "created_by",
                                                     "updated_at",
                                                     "updated_by",
                                                     "credentials.fingerprint",
                                                     "credentials.replaced_at",
                                                     "credentials.client_email",
                                                     "tls.ca_fingerprint"};
  return std::find(std::begin(kServerMade), std::end(kServerMade), path) != std::end(kServerMade);
}

// Which control characters a string field may hold.
enum class Text { kLine, kMultiline };

// Counts UTF-8 code points (the input is valid UTF-8: nlohmann checks it).
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// True when `text` holds a C0/C1 control character or DEL; \n and \t (and \r
// before \n) are allowed in multi-line text.
bool HasControl(std::string_view text, Text kind) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool multiline_ok =
        c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
    if ((c < 0x20 || c == 0x7f) && !(kind == Text::kMultiline && multiline_ok)) return true;
    if (c == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

// Reads one JSON object strictly, recording violations at dotted paths.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string prefix, Violations* violations)
      : object_(object), prefix_(std::move(prefix)), violations_(violations) {}

  std::string Path(std::string_view key) const { return prefix_ + std::string(key); }
  void Fail(std::string_view key, std::string message) const {
    violations_->Add(Path(key), std::move(message));
  }
  const json* Find(std::string_view key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  void RefuseUnknown(std::initializer_list<std::string_view> known) const {
    RefuseUnknown(std::span<const std::string_view>(known.begin(), known.size()));
  }
  void RefuseUnknown(std::span<const std::string_view> known) const {
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string path = Path(key);
      violations_->Add(path,
                       IsServerMade(path) ? "unknown field (set by the server)" : "unknown field");
    }
  }

  std::optional<std::string> String(std::string_view key, std::size_t max_length,
                                    Text kind = Text::kLine) const {
    const json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      Fail(key, "must be a string");
      return std::nullopt;
    }
    const auto& text = v->get_ref<const std::string&>();
    if (CodePoints(text) > max_length) {
      Fail(key, "must be at most " + std::to_string(max_length) + " characters");
      return std::nullopt;
    }
    if (HasControl(text, kind)) {
      Fail(key, kind == Text::kLine ? "must not contain control characters"
                                    : "must not contain control characters other than newline "
                                      "and tab");
      return std::nullopt;
    }
    return text;
  }

  // Secrets are measured in bytes and never quoted back.
  std::optional<SecretString> Secret(std::string_view key, Text kind = Text::kLine) const {
    const json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      Fail(key, "must be a string");
      return std::nullopt;
    }
    const auto& text = v->get_ref<const std::string&>();
    if (text.size() > kMaxSecretLength) {
      Fail(key, "must be at most " + std::to_string(kMaxSecretLength) + " bytes");
      return std::nullopt;
    }
    if (HasControl(text, kind)) {
      Fail(key, "must not contain control characters (a trailing newline?)");
      return std::nullopt;
    }
    return SecretString(text);
  }

  std::optional<bool> Bool(std::string_view key) const {
    const json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
      Fail(key, "must be a boolean");
      return std::nullopt;
    }
    return v->get<bool>();
  }

  template <typename Enum>
  std::optional<Enum> Enumerated(std::string_view key,
                                 std::optional<Enum> (*parse)(std::string_view),
                                 std::span<const std::string_view> names) const {
    const json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    std::string expected;
    for (std::string_view name : names)
      expected += (expected.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    if (!v->is_string()) {
      Fail(key, "must be one of " + expected);
      return std::nullopt;
    }
    auto parsed = parse(v->get_ref<const std::string&>());
    if (!parsed) {
      std::string given = v->get<std::string>().substr(0, 64);
      if (HasControl(given, Text::kLine)) given = "?";
      Fail(key, "unknown value \"" + given + "\"; use one of " + expected);
    }
    return parsed;
  }

  // A list of distinct repository names.
  std::optional<std::vector<std::string>> Repositories(std::string_view key,
                                                      std::size_t max = kMaxListLength) const {
    const json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_array()) {
      Fail(key, "must be an array of repository names");
      return std::nullopt;
    }
    if (v->size() > max) {
      Fail(key, "must have at most " + std::to_string(max) + " items");
      return std::nullopt;
    }
    std::vector<std::string> names;
    bool ok = true;
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string item_path = Path(key) + "[" + std::to_string(i) + "]";
      const json& item = (*v)[i];
      if (!item.is_string()) {
        violations_->Add(item_path, "must be a string");
        ok = false;
        continue;
      }
      const auto& name = item.get_ref<const std::string&>();
      std::string problem = RepositoryNameProblem(name);
      auto duplicate = std::find(names.begin(), names.end(), name);
      if (!problem.empty()) {
        violations_->Add(item_path, "is not a repository name: " + problem);
        ok = false;
      } else if (duplicate != names.end()) {
        violations_->Add(item_path, "repeats \"" + name + "\"");
        ok = false;
      }
      names.push_back(name);
    }
    if (!ok) return std::nullopt;
    return names;
  }

  // The child object at `key`, or nullptr (with a violation when it is not one).
  const json* Object(std::string_view key) const {
    const json* v = Find(key);
    if (v != nullptr && !v->is_object()) {
      Fail(key, "must be an object");
      return nullptr;
    }
    return v;
  }

 private:
  const json& object_;
  std::string prefix_;
  Violations* violations_;
};

// The credential fields each kind takes (besides "kind").
std::vector<std::string_view> FieldsOfKind(CredentialKind kind) {
  switch (kind) {
    case CredentialKind::kNone:
      return {};
    case CredentialKind::kBasic:
      return {"username", "password"};
    case CredentialKind::kEcrAccessKey:
      return {"access_key_id", "secret_access_key", "session_token", "region", "fips"};
    case CredentialKind::kEcrInstanceRole:
      return {"region", "fips"};
    case CredentialKind::kGcpServiceAccount:
      return {"json_key"};
  }
  return {};
}

std::optional<CredentialsInput> ReadCredentials(const json& object, Violations* violations) {
  ObjectReader in(object, "credentials.", violations);
  static constexpr std::array<std::string_view, 9> kFields = {
      "kind",          "username", "password", "access_key_id", "secret_access_key",
      "session_token", "region",   "fips",     "json_key"};
  in.RefuseUnknown(kFields);
  CredentialsInput out;
  auto kind = in.Enumerated("kind", &ParseCredentialKind, CredentialKindNames());
  if (in.Find("kind") == nullptr) in.Fail("kind", "required");
  if (kind) {
    out.kind = *kind;
    std::vector<std::string_view> fields = FieldsOfKind(*kind);
    for (const auto& [key, value] : object.items()) {
      bool known = std::find(kFields.begin(), kFields.end(), key) != kFields.end();
      if (known && key != "kind" && std::find(fields.begin(), fields.end(), key) == fields.end()) {
        in.Fail(key, "not used by kind \"" + std::string(CredentialKindName(*kind)) + "\"");
      }
    }
  }
  out.username = in.String("username", kMaxUsernameLength).value_or("");
  out.password = in.Secret("password").value_or(SecretString());
  out.access_key_id = in.String("access_key_id", kMaxShortFieldLength).value_or("");
  out.secret_access_key = in.Secret("secret_access_key").value_or(SecretString());
  out.session_token = in.Secret("session_token").value_or(SecretString());
  out.region = in.String("region", kMaxShortFieldLength).value_or("");
  out.fips = in.Bool("fips").value_or(false);
  if (const json* key = in.Find("json_key"); key != nullptr && key->is_object()) {
    std::string text = key->dump();
    if (text.size() > kMaxSecretLength) {
      in.Fail("json_key", "must be at most " + std::to_string(kMaxSecretLength) + " bytes");
    } else {
      out.json_key = SecretString(std::move(text));
    }
  } else if (key != nullptr && !key->is_string()) {
    in.Fail("json_key", "must be a JSON object or a string holding one");
  } else {
    out.json_key = in.Secret("json_key", Text::kMultiline).value_or(SecretString());
  }
  return out;
}

std::optional<std::vector<Mirror>> ReadMirrors(const json& value, Violations* violations) {
  if (!value.is_array()) {
    violations->Add("mirrors", "must be an array of {\"upstream\", \"path_prefix\"}");
    return std::nullopt;
  }
  if (value.size() > kMaxListLength) {
    violations->Add("mirrors", "must have at most " + std::to_string(kMaxListLength) + " items");
    return std::nullopt;
  }
  std::vector<Mirror> mirrors;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string path = "mirrors[" + std::to_string(i) + "]";
    if (!value[i].is_object()) {
      violations->Add(path, "must be an object");
      continue;
    }
    ObjectReader in(value[i], path + ".", violations);
    in.RefuseUnknown({"upstream", "path_prefix"});
    Mirror mirror;
    if (in.Find("upstream") == nullptr) in.Fail("upstream", "required");
    mirror.upstream = in.String("upstream", kMaxUrlInputLength).value_or("");
    mirror.path_prefix = in.String("path_prefix", kMaxRepositoryNameLength).value_or("");
    if (!mirror.path_prefix.empty()) {
      std::string problem = RepositoryNameProblem(mirror.path_prefix);
      if (!problem.empty()) in.Fail("path_prefix", "is not a repository path: " + problem);
    }
    mirrors.push_back(std::move(mirror));
  }
  return mirrors;
}

std::optional<TlsSettings> ReadTls(const json& object, Violations* violations) {
  ObjectReader in(object, "tls.", violations);
  in.RefuseUnknown({"mode", "ca_pem"});
  TlsSettings tls;
  auto mode = in.Enumerated("mode", &ParseTlsMode, TlsModeNames());
  if (in.Find("mode") == nullptr) in.Fail("mode", "required");
  if (mode) tls.mode = *mode;
  tls.ca_pem = in.String("ca_pem", kMaxCaBundleLength, Text::kMultiline).value_or("");
  return tls;
}

Usage ReadUsage(const json& object, Violations* violations) {
  ObjectReader in(object, "usage.", violations);
  in.RefuseUnknown(
      {"push_images", "push_charts", "chart_repository", "chart_repositories", "default"});
  Usage usage;
  usage.push_images = in.Bool("push_images").value_or(usage.push_images);
  usage.push_charts = in.Bool("push_charts").value_or(usage.push_charts);
  usage.chart_repository = in.Bool("chart_repository").value_or(usage.chart_repository);
  usage.chart_repositories =
      in.Repositories("chart_repositories", kMaxChartRepositories).value_or(std::vector<std::string>());
  usage.is_default = in.Bool("default").value_or(usage.is_default);
  return usage;
}

}  // namespace

Result<RegistryPatch> ParseRegistryPatch(const json& body) {
  if (!body.is_object()) return Error::InvalidArgument("the request body must be a JSON object");
  Violations violations;
  ObjectReader in(body, "", &violations);
  in.RefuseUnknown({"url", "display_name", "description", "provider", "access", "credentials",
                    "mirrors", "tls", "force_plain_http", "usage", "repositories", "revision"});
  RegistryPatch patch;
  patch.url = in.String("url", kMaxUrlInputLength);
  patch.display_name = in.String("display_name", kMaxDisplayNameLength);
  patch.description = in.String("description", kMaxDescriptionLength, Text::kMultiline);
  patch.provider = in.Enumerated("provider", &ParseProvider, ProviderNames());
  patch.access = in.Enumerated("access", &ParseAccess, AccessNames());
  if (const json* credentials = in.Object("credentials")) {
    patch.credentials = ReadCredentials(*credentials, &violations);
  }
  if (const json* mirrors = in.Find("mirrors")) patch.mirrors = ReadMirrors(*mirrors, &violations);
  if (const json* tls = in.Object("tls")) patch.tls = ReadTls(*tls, &violations);
  patch.force_plain_http = in.Bool("force_plain_http");
  if (const json* usage = in.Object("usage")) patch.usage = ReadUsage(*usage, &violations);
  patch.repositories = in.Repositories("repositories");
  if (const json* revision = in.Find("revision")) {
    if (!revision->is_number_integer()) {
      in.Fail("revision", "must be an integer");
    } else if (revision->is_number_unsigned()
                   ? revision->get<std::uint64_t>() < 1 ||
                         revision->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                   : revision->get<std::int64_t>() < 1) {
      in.Fail("revision", "must be a revision number (1 or more)");
    } else {
      patch.revision = revision->get<std::int64_t>();
    }
  }
  if (!violations.empty()) return violations.ToError();
  return patch;
}

}  // namespace reghub
