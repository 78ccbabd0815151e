#include "cli/apply_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "cli/secret_input.h"

namespace reghub::cli {
namespace {

const std::vector<std::string> kProviders = {
    "generic", "docker-hub", "ecr", "acr", "gcp-artifact-registry", "gcr", "quay"};
const std::vector<std::string> kKinds = {"none", "basic", "ecr-access-key", "ecr-instance-role",
                                         "gcp-service-account"};
const std::vector<std::string> kTlsModes = {"verify", "verify-with-ca", "insecure", "plain-http"};
// Secret fields that may only come from <name>_from.
const std::vector<std::string> kSecretFields = {"password", "secret_access_key", "session_token",
                                                "json_key"};

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

std::string KindOfNode(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Scalar:
      return "\"" + node.Scalar() + "\"";
    default:
      return "nothing";
  }
}

std::string Join(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

// Walks the document, collecting problems; each Read* returns a JSON value
// (null on a problem, which has then been recorded).
class Reader {
 public:
  Reader(const std::filesystem::path& base_dir, const Environment& env,
         std::vector<ApplyFileProblem>& problems)
      : base_dir_(base_dir), env_(env), problems_(problems) {}

  void Problem(const YAML::Node& node, const std::string& field, const std::string& message) {
    problems_.push_back({LineOf(node), field, message});
  }

  // Checks that `node` is a map with only `allowed` keys (secret fields get
  // their own message). False when it is not a map.
  bool CheckMap(const YAML::Node& node, const std::string& field,
                const std::vector<std::string>& allowed) {
    if (!node.IsMap()) {
      Problem(node, field, "expected a mapping, got " + KindOfNode(node));
      return false;
    }
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      std::string key_field = field.empty() ? key : field + "." + key;
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      if (std::find(kSecretFields.begin(), kSecretFields.end(), key) != kSecretFields.end()) {
        Problem(entry.first, key_field,
                "inline secrets are not allowed; use " + key + "_from: {env: NAME} or " + key +
                    "_from: {file: PATH}");
      } else {
        Problem(entry.first, key_field,
                "unknown key \"" + key + "\" (allowed: " + Join(allowed) + ")");
      }
    }
    return true;
  }

  Json String(const YAML::Node& node, const std::string& field) {
    if (node.IsNull()) return "";
    if (!node.IsScalar()) {
      Problem(node, field, "expected a string, got " + KindOfNode(node));
      return nullptr;
    }
    return node.Scalar();
  }

  Json OneOf(const YAML::Node& node, const std::string& field,
             const std::vector<std::string>& values) {
    Json text = String(node, field);
    if (text.is_null()) return nullptr;
    if (std::find(values.begin(), values.end(), text.get<std::string>()) == values.end()) {
      Problem(node, field, "expected one of " + Join(values) + ", got " + KindOfNode(node));
      return nullptr;
    }
    return text;
  }

  Json Bool(const YAML::Node& node, const std::string& field) {
    // Only plain true/false: "yes", "on" or a quoted "true" are refused as ambiguous.
    if (node.IsScalar() && node.Tag() == "?") {
      if (node.Scalar() == "true") return true;
      if (node.Scalar() == "false") return false;
    }
    Problem(node, field, "expected true or false, got " + KindOfNode(node));
    return nullptr;
  }

  Json StringList(const YAML::Node& node, const std::string& field) {
    if (node.IsNull()) return Json::array();
    if (!node.IsSequence()) {
      Problem(node, field, "expected a list of strings, got " + KindOfNode(node));
      return nullptr;
    }
    Json list = Json::array();
    for (std::size_t i = 0; i < node.size(); ++i) {
      Json item = String(node[i], field + "[" + std::to_string(i) + "]");
      if (!item.is_null()) list.push_back(item);
    }
    return list;
  }

  // {env: NAME} or {file: PATH}: the secret's value, or null (problem recorded).
  Json SecretSource(const YAML::Node& node, const std::string& field, bool single_line) {
    if (!CheckMap(node, field, {"env", "file"})) return nullptr;
    if (node.size() != 1) {
      Problem(node, field, "expected exactly one of env: NAME or file: PATH");
      return nullptr;
    }
    if (node["env"]) {
      Json name = String(node["env"], field + ".env");
      if (name.is_null()) return nullptr;
      auto it = env_.find(name.get<std::string>());
      if (it == env_.end() || it->second.empty()) {
        Problem(node["env"], field + ".env",
                "environment variable " + name.get<std::string>() + " is not set or empty");
        return nullptr;
      }
      return it->second;
    }
    if (node["file"]) {
      Json path = String(node["file"], field + ".file");
      if (path.is_null()) return nullptr;
      std::filesystem::path file = path.get<std::string>();
      if (file.is_relative()) file = base_dir_ / file;
      auto secret = ReadSecretFile(file, "secret", single_line);
      if (!secret.ok()) {
        Problem(node["file"], field + ".file", secret.error().message);
        return nullptr;
      }
      return secret->Reveal();
    }
    return nullptr;
  }

  Json Credentials(const YAML::Node& node, const std::string& field) {
    static const std::vector<std::string> kAllowed = {"kind",
                                                      "username",
                                                      "password_from",
                                                      "access_key_id",
                                                      "secret_access_key_from",
                                                      "session_token_from",
                                                      "fips",
                                                      "json_key_from"};
    if (!CheckMap(node, field, kAllowed)) return nullptr;
    Json credentials = Json::object();
    if (!node["kind"]) {
      Problem(node, field + ".kind", "required (one of " + Join(kKinds) + ")");
    } else {
      credentials["kind"] = OneOf(node["kind"], field + ".kind", kKinds);
    }
    if (node["username"]) credentials["username"] = String(node["username"], field + ".username");
    if (node["access_key_id"]) {
      credentials["access_key_id"] = String(node["access_key_id"], field + ".access_key_id");
    }
    if (node["fips"]) credentials["fips"] = Bool(node["fips"], field + ".fips");
    for (const std::string& secret : kSecretFields) {
      std::string key = secret + "_from";
      if (node[key])
        credentials[secret] = SecretSource(node[key], field + "." + key, secret != "json_key");
    }
    return credentials;
  }

  Json Mirrors(const YAML::Node& node, const std::string& field) {
    if (node.IsNull()) return Json::array();
    if (!node.IsSequence()) {
      Problem(node, field, "expected a list of mirrors, got " + KindOfNode(node));
      return nullptr;
    }
    Json mirrors = Json::array();
    for (std::size_t i = 0; i < node.size(); ++i) {
      std::string item_field = field + "[" + std::to_string(i) + "]";
      const YAML::Node item = node[i];
      if (!CheckMap(item, item_field, {"upstream", "path_prefix"})) continue;
      Json mirror = Json::object();
      if (!item["upstream"]) {
        Problem(item, item_field + ".upstream", "required");
      } else {
        mirror["upstream"] = String(item["upstream"], item_field + ".upstream");
      }
      mirror["path_prefix"] =
          item["path_prefix"] ? String(item["path_prefix"], item_field + ".path_prefix") : Json("");
      mirrors.push_back(mirror);
    }
    return mirrors;
  }

  Json Tls(const YAML::Node& node, const std::string& field) {
    if (!CheckMap(node, field, {"mode", "ca_pem", "ca_file"})) return nullptr;
    Json tls = {{"mode", "verify"}};
    if (node["mode"]) tls["mode"] = OneOf(node["mode"], field + ".mode", kTlsModes);
    if (node["ca_pem"] && node["ca_file"]) {
      Problem(node, field, "give ca_pem or ca_file, not both");
    } else if (node["ca_pem"]) {
      tls["ca_pem"] = String(node["ca_pem"], field + ".ca_pem");
    } else if (node["ca_file"]) {
      Json path = String(node["ca_file"], field + ".ca_file");
      if (!path.is_null()) {
        std::filesystem::path file = path.get<std::string>();
        if (file.is_relative()) file = base_dir_ / file;
        auto pem = ReadSecretFile(file, "CA bundle", false);
        if (pem.ok()) {
          tls["ca_pem"] = pem->Reveal();
        } else {
          Problem(node["ca_file"], field + ".ca_file", pem.error().message);
        }
      }
    }
    return tls;
  }

  Json Usage(const YAML::Node& node, const std::string& field) {
    Json usage = {{"push_images", true},
                  {"push_charts", false},
                  {"chart_repository", false},
                  {"chart_repositories", Json::array()},
                  {"default", false}};
    if (node.IsNull()) return usage;
    if (!CheckMap(
            node, field,
            {"push_images", "push_charts", "chart_repository", "chart_repositories", "default"})) {
      return nullptr;
    }
    for (const char* key : {"push_images", "push_charts", "chart_repository", "default"}) {
      if (node[key]) usage[key] = Bool(node[key], field + "." + key);
    }
    if (node["chart_repositories"]) {
      usage["chart_repositories"] =
          StringList(node["chart_repositories"], field + ".chart_repositories");
      // Listing chart repositories makes it a chart repository unless said otherwise.
      if (!node["chart_repository"] && usage["chart_repositories"].is_array() &&
          !usage["chart_repositories"].empty()) {
        usage["chart_repository"] = true;
      }
    }
    return usage;
  }

  std::optional<DesiredRegistry> Registry(const YAML::Node& node, const std::string& field) {
    static const std::vector<std::string> kAllowed = {
        "url",     "provider", "display_name",     "description", "access",      "credentials",
        "mirrors", "tls",      "force_plain_http", "usage",       "repositories"};
    std::size_t problems_before = problems_.size();
    if (!CheckMap(node, field, kAllowed)) return std::nullopt;
    DesiredRegistry desired;
    desired.line = LineOf(node);
    Json body = Json::object();
    if (!node["url"]) {
      Problem(node, field + ".url", "required");
    } else {
      Json url = String(node["url"], field + ".url");
      if (url.is_string() && url.get<std::string>().empty())
        Problem(node["url"], field + ".url", "empty");
      if (url.is_string()) desired.url = url.get<std::string>();
      body["url"] = url;
    }
    if (node["provider"])
      body["provider"] = OneOf(node["provider"], field + ".provider", kProviders);
    body["display_name"] =
        node["display_name"] ? String(node["display_name"], field + ".display_name") : Json("");
    body["description"] =
        node["description"] ? String(node["description"], field + ".description") : Json("");
    body["access"] = node["access"]
                         ? OneOf(node["access"], field + ".access", {"private", "public"})
                         : Json("private");
    if (node["credentials"])
      body["credentials"] = Credentials(node["credentials"], field + ".credentials");
    body["mirrors"] =
        node["mirrors"] ? Mirrors(node["mirrors"], field + ".mirrors") : Json::array();
    body["tls"] = node["tls"] ? Tls(node["tls"], field + ".tls") : Json{{"mode", "verify"}};
    if (node["force_plain_http"]) {
      Json force = Bool(node["force_plain_http"], field + ".force_plain_http");
      if (force.is_boolean() && force.get<bool>()) body["force_plain_http"] = true;
    }
    body["usage"] =
        node["usage"] ? Usage(node["usage"], field + ".usage") : Usage(YAML::Node(), field);
    body["repositories"] = node["repositories"]
                               ? StringList(node["repositories"], field + ".repositories")
                               : Json::array();
    if (problems_.size() != problems_before) return std::nullopt;
    desired.create_body = body;
    // The API needs a provider to create a registry; an update without one keeps it.
    if (!desired.create_body.contains("provider")) desired.create_body["provider"] = "generic";
    body.erase("url");
    desired.update_body = std::move(body);
    return desired;
  }

 private:
  const std::filesystem::path& base_dir_;
  const Environment& env_;
  std::vector<ApplyFileProblem>& problems_;
};

}  // namespace

ApplyFile ParseApplyFile(std::string_view text, const std::filesystem::path& base_dir,
                         const Environment& env) {
  ApplyFile file;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    file.problems.push_back({e.mark.line + 1, "", "not valid YAML: " + e.msg});
    return file;
  }
  Reader reader(base_dir, env, file.problems);
  if (!root.IsDefined() || root.IsNull()) {
    file.problems.push_back({1, "", "the file is empty; expected \"registries:\" and a list"});
    return file;
  }
  if (!reader.CheckMap(root, "", {"registries"})) return file;
  YAML::Node registries = root["registries"];
  if (!registries) {
    reader.Problem(root, "registries", "required: a list of registries");
    return file;
  }
  if (!registries.IsSequence()) {
    reader.Problem(registries, "registries",
                   "expected a list of registries, got " + KindOfNode(registries));
    return file;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < registries.size(); ++i) {
    std::string field = "registries[" + std::to_string(i) + "]";
    auto desired = reader.Registry(registries[i], field);
    if (!desired) continue;
    if (!seen.insert(desired->url).second) {
      reader.Problem(registries[i]["url"], field + ".url",
                     "\"" + desired->url + "\" is listed twice");
      continue;
    }
    file.registries.push_back(std::move(*desired));
  }
  if (!file.problems.empty()) file.registries.clear();
  return file;
}

std::string FormatProblem(const std::string& file_name, const ApplyFileProblem& problem) {
  std::string text = file_name + ":" + std::to_string(problem.line) + ": ";
  if (!problem.field.empty()) text += problem.field + ": ";
  return text + problem.message;
}

}  // namespace reghub::cli
