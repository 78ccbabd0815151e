#include "cli/registry_flags.h"

#include <istream>

#include "cli/secret_input.h"

namespace reghub::cli {
namespace {

bool Given(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

const std::vector<std::string> kProviders = {
    "generic", "docker-hub", "ecr", "acr", "gcp-artifact-registry", "gcr", "quay"};
const std::vector<std::string> kKinds = {"none", "basic", "ecr-access-key", "ecr-instance-role",
                                         "gcp-service-account"};
const std::vector<std::string> kTlsModes = {"verify", "verify-with-ca", "insecure", "plain-http"};

// The credential kind the flags ask for: --credential-kind, else inferred
// from the kind-specific flags; "" when no credential flag was given.
Result<std::string> CredentialKind(const RegistryFlags& flags) {
  bool basic = Given(flags.username_option) || flags.password_stdin;
  bool ecr_key = Given(flags.access_key_id_option) || flags.secret_access_key_stdin ||
                 flags.session_token_stdin;
  bool gcp = Given(flags.json_key_file_option);
  std::string kind = flags.credential_kind;
  if (kind.empty()) {
    int families = int{basic} + int{ecr_key} + int{gcp};
    if (families > 1) {
      return Error::InvalidArgument(
          "credential flags of different kinds were given; choose one --credential-kind");
    }
    if (basic) kind = "basic";
    if (ecr_key) kind = "ecr-access-key";
    if (gcp) kind = "gcp-service-account";
    if (kind.empty() && Given(flags.fips_option)) {
      return Error::InvalidArgument(
          "--fips needs --credential-kind ecr-access-key or ecr-instance-role");
    }
    return kind;
  }
  auto refuse = [&kind](const std::string& flag, const std::string& for_kind) -> Error {
    return Error::InvalidArgument(flag + " applies to --credential-kind " + for_kind + ", not " +
                                  kind);
  };
  if (kind != "basic" && basic) {
    return refuse(Given(flags.username_option) ? "--username" : "--password-stdin", "basic");
  }
  if (kind != "ecr-access-key" && ecr_key) {
    return refuse(Given(flags.access_key_id_option) ? "--access-key-id"
                  : flags.secret_access_key_stdin   ? "--secret-access-key-stdin"
                                                    : "--session-token-stdin",
                  "ecr-access-key");
  }
  if (kind != "gcp-service-account" && gcp) return refuse("--json-key-file", "gcp-service-account");
  if (Given(flags.fips_option) && kind != "ecr-access-key" && kind != "ecr-instance-role") {
    return refuse("--fips", "ecr-access-key or ecr-instance-role");
  }
  return kind;
}

// Reads one secret: from the terminal without echo, or one line of stdin.
Result<SecretString> ReadSecret(std::istream& in, bool in_is_terminal, const std::string& what) {
  if (in_is_terminal) return PromptSecret(what);
  return ReadSecretLine(in, what);
}

Result<Json> BuildCredentials(const RegistryFlags& flags, const std::string& kind, std::istream& in,
                              bool in_is_terminal) {
  if (flags.json_key_file == "-" &&
      (flags.password_stdin || flags.secret_access_key_stdin || flags.session_token_stdin)) {
    return Error::InvalidArgument(
        "--json-key-file - reads all of stdin: it cannot be combined with "
        "other *-stdin flags");
  }
  Json credentials = {{"kind", kind}};
  if (kind == "basic") {
    if (Given(flags.username_option)) credentials["username"] = flags.username;
    if (flags.password_stdin) {
      REGHUB_ASSIGN_OR_RETURN(SecretString password, ReadSecret(in, in_is_terminal, "password"));
      credentials["password"] = password.Reveal();
    }
  } else if (kind == "ecr-access-key") {
    if (Given(flags.access_key_id_option)) credentials["access_key_id"] = flags.access_key_id;
    if (flags.secret_access_key_stdin) {
      REGHUB_ASSIGN_OR_RETURN(SecretString secret,
                              ReadSecret(in, in_is_terminal, "secret access key"));
      credentials["secret_access_key"] = secret.Reveal();
    }
    if (flags.session_token_stdin) {
      REGHUB_ASSIGN_OR_RETURN(SecretString token, ReadSecret(in, in_is_terminal, "session token"));
      credentials["session_token"] = token.Reveal();
    }
  } else if (kind == "gcp-service-account" && Given(flags.json_key_file_option)) {
    Result<SecretString> key = flags.json_key_file == "-"
                                   ? ReadSecretAll(in, "JSON key")
                                   : ReadSecretFile(flags.json_key_file, "JSON key", false);
    if (!key.ok()) return key.error();
    credentials["json_key"] = key->Reveal();
  }
  if (kind == "ecr-access-key" || kind == "ecr-instance-role") credentials["fips"] = flags.fips;
  return credentials;
}

Result<Json> BuildTls(const RegistryFlags& flags, const Json* current) {
  std::string mode = flags.tls;
  if (mode.empty()) {
    mode = Given(flags.ca_file_option) ? "verify-with-ca"
           : current != nullptr && current->contains("tls") && (*current)["tls"].contains("mode")
               ? (*current)["tls"]["mode"].get<std::string>()
               : "verify";
  }
  Json tls = {{"mode", mode}};
  if (Given(flags.ca_file_option)) {
    if (mode != "verify-with-ca") {
      return Error::InvalidArgument("--ca-file needs --tls verify-with-ca, not " + mode);
    }
    auto pem = ReadSecretFile(flags.ca_file, "CA bundle", false);
    if (!pem.ok()) return pem.error();
    tls["ca_pem"] = pem->Reveal();
  }
  return tls;
}

Json BuildUsage(const RegistryFlags& flags, const Json* current) {
  Json usage = {{"push_images", true},
                {"push_charts", false},
                {"chart_repository", false},
                {"chart_repositories", Json::array()},
                {"default", false}};
  if (current != nullptr && current->contains("usage") && (*current)["usage"].is_object()) {
    for (const auto& [key, value] : (*current)["usage"].items()) {
      if (usage.contains(key)) usage[key] = value;
    }
  }
  if (Given(flags.push_images_option)) usage["push_images"] = flags.push_images;
  if (Given(flags.push_charts_option)) usage["push_charts"] = flags.push_charts;
  if (Given(flags.default_option)) usage["default"] = flags.is_default;
  if (!flags.chart_repositories.empty()) {
    usage["chart_repository"] = true;
    usage["chart_repositories"] = flags.chart_repositories;
  }
  if (flags.no_chart_repository) {
    usage["chart_repository"] = false;
    usage["chart_repositories"] = Json::array();
  }
  return usage;
}

}  // namespace

void AddRegistryFlags(CLI::App* command, RegistryFlags& f) {
  f.url_option =
      command->add_option("--url", f.url, "Registry host[:port], no scheme (create only)");
  f.provider_option =
      command->add_option("--provider", f.provider, "Provider")->check(CLI::IsMember(kProviders));
  f.display_name_option = command->add_option("--display-name", f.display_name, "Display name");
  f.description_option = command->add_option("--description", f.description, "Description");
  f.access_option = command->add_option("--access", f.access, "private or public")
                        ->check(CLI::IsMember({"private", "public"}));
  f.kind_option =
      command
          ->add_option("--credential-kind", f.credential_kind,
                       "Credential kind (inferred from the credential flags when omitted)")
          ->check(CLI::IsMember(kKinds));
  f.username_option = command->add_option("--username", f.username, "basic: the user name");
  command->add_flag("--password-stdin", f.password_stdin, "basic: read the password from stdin");
  f.access_key_id_option =
      command->add_option("--access-key-id", f.access_key_id, "ecr-access-key: the access key id");
  command->add_flag("--secret-access-key-stdin", f.secret_access_key_stdin,
                    "ecr-access-key: read the secret access key from stdin");
  command->add_flag("--session-token-stdin", f.session_token_stdin,
                    "ecr-access-key: read a session token from stdin");
  f.fips_option = command->add_flag("--fips,!--no-fips", f.fips, "ECR: use the FIPS endpoints");
  f.json_key_file_option = command->add_option(
      "--json-key-file", f.json_key_file, "gcp-service-account: the JSON key file ('-' for stdin)");
  command->add_option("--mirror", f.mirrors, "Mirrors upstream[=path-prefix] (repeatable)")
      ->allow_extra_args(false);
  command->add_flag("--clear-mirrors", f.clear_mirrors, "Remove all mirrors");
  f.tls_option = command->add_option("--tls", f.tls, "TLS mode")->check(CLI::IsMember(kTlsModes));
  f.ca_file_option = command->add_option("--ca-file", f.ca_file, "PEM CA bundle (verify-with-ca)");
  f.force_plain_http_option = command->add_flag("--force-plain-http", f.force_plain_http,
                                                "Allow plain-http for a non-loopback host");
  f.push_images_option = command->add_flag("--push-images,!--no-push-images", f.push_images,
                                           "Images may be pushed here");
  f.push_charts_option = command->add_flag("--push-charts,!--no-push-charts", f.push_charts,
                                           "Charts may be pushed here");
  command
      ->add_option("--chart-repository", f.chart_repositories,
                   "A repository holding charts (repeatable; makes it a chart repository)")
      ->allow_extra_args(false);
  command->add_flag("--no-chart-repository", f.no_chart_repository, "Not a chart repository");
  f.default_option =
      command->add_flag("--default,!--no-default", f.is_default, "The hub's default registry");
  command
      ->add_option("--repository", f.repositories,
                   "A repository to use, for public registries (repeatable)")
      ->allow_extra_args(false);
  command->add_flag("--clear-repositories", f.clear_repositories, "Remove all repositories");
}

Result<Json> ParseMirrorFlag(const std::string& value) {
  auto eq = value.find('=');
  std::string upstream = value.substr(0, eq);
  std::string prefix = eq == std::string::npos ? "" : value.substr(eq + 1);
  if (upstream.empty()) {
    return Error::InvalidArgument("--mirror \"" + value + "\": expected upstream[=path-prefix]");
  }
  return Json{{"upstream", upstream}, {"path_prefix", prefix}};
}

Result<Json> BuildRegistryBody(const RegistryFlags& flags, std::istream& in, bool in_is_terminal,
                               const Json* current) {
  Json body = Json::object();
  bool update = current != nullptr;
  if (Given(flags.url_option)) {
    if (update) return Error::InvalidArgument("--url: the URL of a registry cannot be changed");
    body["url"] = flags.url;
  } else if (!update) {
    return Error::InvalidArgument("--url is required");
  }
  if (Given(flags.display_name_option)) body["display_name"] = flags.display_name;
  if (Given(flags.description_option)) body["description"] = flags.description;
  if (Given(flags.provider_option)) {
    body["provider"] = flags.provider;
  } else if (!update) {
    body["provider"] = "generic";  // the API requires one; "Other" is the neutral choice
  }
  if (Given(flags.access_option)) body["access"] = flags.access;

  REGHUB_ASSIGN_OR_RETURN(std::string kind, CredentialKind(flags));
  if (!kind.empty()) {
    REGHUB_ASSIGN_OR_RETURN(body["credentials"], BuildCredentials(flags, kind, in, in_is_terminal));
  }
  if (flags.clear_mirrors && !flags.mirrors.empty()) {
    return Error::InvalidArgument("--clear-mirrors cannot be combined with --mirror");
  }
  if (flags.clear_mirrors) body["mirrors"] = Json::array();
  if (!flags.mirrors.empty()) {
    Json mirrors = Json::array();
    for (const std::string& value : flags.mirrors) {
      REGHUB_ASSIGN_OR_RETURN(Json mirror, ParseMirrorFlag(value));
      mirrors.push_back(std::move(mirror));
    }
    body["mirrors"] = std::move(mirrors);
  }
  if (Given(flags.tls_option) || Given(flags.ca_file_option)) {
    REGHUB_ASSIGN_OR_RETURN(body["tls"], BuildTls(flags, current));
  }
  if (flags.force_plain_http) body["force_plain_http"] = true;
  if (flags.no_chart_repository && !flags.chart_repositories.empty()) {
    return Error::InvalidArgument(
        "--no-chart-repository cannot be combined with --chart-repository");
  }
  if (Given(flags.push_images_option) || Given(flags.push_charts_option) ||
      Given(flags.default_option) || !flags.chart_repositories.empty() ||
      flags.no_chart_repository) {
    body["usage"] = BuildUsage(flags, current);
  }
  if (flags.clear_repositories && !flags.repositories.empty()) {
    return Error::InvalidArgument("--clear-repositories cannot be combined with --repository");
  }
  if (flags.clear_repositories) body["repositories"] = Json::array();
  if (!flags.repositories.empty()) body["repositories"] = flags.repositories;
  return body;
}

}  // namespace reghub::cli
