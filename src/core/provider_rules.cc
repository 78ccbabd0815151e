#include "core/provider_rules.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/gcp_key.h"
#include "core/violations.h"

namespace reghub {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// AWS region names: two or more hyphen-separated words of lower-case letters,
// then a number ("us-east-1", "us-gov-west-1", "ap-southeast-4", "cn-north-1").
bool IsAwsRegion(std::string_view region) {
  std::size_t last = region.rfind('-');
  if (last == std::string_view::npos || last == 0 || last + 1 == region.size()) return false;
  for (char c : region.substr(last + 1)) {
    if (!IsDigit(c)) return false;
  }
  std::string_view words = region.substr(0, last);
  if (words.find('-') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= words.size()) {
    std::size_t end = std::min(words.find('-', start), words.size());
    std::string_view word = words.substr(start, end - start);
    if (word.empty()) return false;
    for (char c : word) {
      if (c < 'a' || c > 'z') return false;
    }
    start = end + 1;
  }
  return true;
}

Error UrlShapeError(std::string_view provider_label, std::string_view shape,
                    std::string_view example) {
  return Error::InvalidField("url", std::string(provider_label) + " registry URL has the form \"" +
                                        std::string(shape) + "\", e.g. \"" + std::string(example) +
                                        "\"");
}

std::string KindList(const std::vector<CredentialKind>& kinds) {
  std::string out;
  for (CredentialKind kind : kinds) {
    if (!out.empty()) out += ", ";
    out += "\"" + std::string(CredentialKindName(kind)) + "\"";
  }
  return out;
}

bool IsQuayNamePart(std::string_view part) {
  if (part.empty() || part.size() > 255) return false;
  return std::all_of(part.begin(), part.end(), [](char c) { return IsLowerAlnum(c) || c == '_'; });
}

bool IsGcpProvider(Provider provider) {
  return provider == Provider::kGcpArtifactRegistry || provider == Provider::kGcr;
}

// ECR: the region and FIPS mode follow the URL where it names them.
void CheckEcrTarget(const RegistryUrl& url, CredentialsInput* credentials,
                    std::vector<FieldViolation>* violations) {
  auto host = ParseEcrHost(url.host);
  if (!host) return;  // the URL shape error is reported by CheckUrlForProvider
  if (credentials->region.empty()) {
    credentials->region = host->region;
  } else if (credentials->region != host->region) {
    violations->push_back({"credentials.region", "\"" + credentials->region +
                                                     "\" does not match the URL's region \"" +
                                                     host->region + "\"; leave it empty"});
  }
  // A -fips registry host implies FIPS endpoints for the token exchange too;
  // fips=true on a non-FIPS host selects the FIPS API endpoint only.
  if (host->fips) credentials->fips = true;
}

void CheckBasic(Provider provider, CredentialsInput* credentials,
                std::vector<FieldViolation>* violations) {
  const std::string& username = credentials->username;
  if (username.empty()) {
    violations->push_back({"credentials.username", "required for kind \"basic\""});
  } else if (std::string problem = BasicUsernameProblem(provider, username); !problem.empty()) {
    violations->push_back({"credentials.username", std::move(problem)});
  }
  if (credentials->password.empty()) {
    violations->push_back({"credentials.password", "required for kind \"basic\""});
  }
  if (IsGcpProvider(provider) && username == "_json_key" && !credentials->password.empty()) {
    auto key = ParseGcpServiceAccountKey(credentials->password.Reveal(), "credentials.password");
    if (key.ok()) {
      credentials->password = SecretString(std::move(key->compact_json));
    } else {
      violations->insert(violations->end(), key.error().details.begin(), key.error().details.end());
    }
  }
}

bool IsAccessKeyId(std::string_view id) {
  if (id.size() != 20 || (id.substr(0, 4) != "AKIA" && id.substr(0, 4) != "ASIA")) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

void CheckEcrAccessKey(CredentialsInput* credentials, std::vector<FieldViolation>* violations) {
  const std::string& id = credentials->access_key_id;
  if (id.empty()) {
    violations->push_back({"credentials.access_key_id", "required for kind \"ecr-access-key\""});
  } else if (!IsAccessKeyId(id)) {
    violations->push_back({"credentials.access_key_id",
                           "must be a 20-character AWS access key id starting with \"AKIA\" "
                           "(long-term) or \"ASIA\" (temporary)"});
  }
  if (credentials->secret_access_key.empty()) {
    violations->push_back(
        {"credentials.secret_access_key", "required for kind \"ecr-access-key\""});
  } else {
    const std::string& secret = credentials->secret_access_key.Reveal();
    bool printable = std::all_of(secret.begin(), secret.end(), [](char c) {
      return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    if (!printable) {
      violations->push_back(
          {"credentials.secret_access_key", "must not contain whitespace or control characters"});
    }
  }
  bool temporary = id.rfind("ASIA", 0) == 0;
  if (temporary && credentials->session_token.empty()) {
    violations->push_back(
        {"credentials.session_token", "required with a temporary access key id (\"ASIA...\")"});
  }
  if (!temporary && !id.empty() && !credentials->session_token.empty()) {
    violations->push_back(
        {"credentials.session_token", "only with a temporary access key id (\"ASIA...\")"});
  }
}

void CheckGcpServiceAccount(CredentialsInput* credentials,
                            std::vector<FieldViolation>* violations) {
  if (credentials->json_key.empty()) {
    violations->push_back({"credentials.json_key", "required for kind \"gcp-service-account\""});
    return;
  }
  auto key = ParseGcpServiceAccountKey(credentials->json_key.Reveal(), "credentials.json_key");
  if (!key.ok()) {
    violations->insert(violations->end(), key.error().details.begin(), key.error().details.end());
    return;
  }
  credentials->json_key = SecretString(std::move(key->compact_json));
}

// Fields that belong to another kind must be empty: a stray password next to
// an ECR key is a mistake the user should hear about.
void CheckNoForeignFields(const CredentialsInput& c, std::vector<FieldViolation>* violations) {
  std::string kind = "\"" + std::string(CredentialKindName(c.kind)) + "\"";
  auto refuse = [&](bool present, const char* field) {
    if (present)
      violations->push_back({std::string("credentials.") + field, "not used by kind " + kind});
  };
  bool basic = c.kind == CredentialKind::kBasic;
  bool ecr_key = c.kind == CredentialKind::kEcrAccessKey;
  bool ecr = ecr_key || c.kind == CredentialKind::kEcrInstanceRole;
  refuse(!basic && !c.username.empty(), "username");
  refuse(!basic && !c.password.empty(), "password");
  refuse(!ecr_key && !c.access_key_id.empty(), "access_key_id");
  refuse(!ecr_key && !c.secret_access_key.empty(), "secret_access_key");
  refuse(!ecr_key && !c.session_token.empty(), "session_token");
  refuse(!ecr && !c.region.empty(), "region");
  refuse(!ecr && c.fips, "fips");
  refuse(c.kind != CredentialKind::kGcpServiceAccount && !c.json_key.empty(), "json_key");
}

}  // namespace

std::string BasicUsernameProblem(Provider provider, std::string_view username) {
  if (username.find(':') != std::string_view::npos) return "must not contain \":\"";
  if (provider == Provider::kQuay && username.find('+') != std::string_view::npos) {
    std::size_t plus = username.find('+');
    if (!IsQuayNamePart(username.substr(0, plus)) || !IsQuayNamePart(username.substr(plus + 1))) {
      return "a Quay robot account is \"namespace+robotname\" (lower-case letters, digits and "
             "\"_\")";
    }
  }
  if (IsGcpProvider(provider) && username != "_json_key" && username != "_json_key_base64" &&
      username != "oauth2accesstoken") {
    return "Google registries accept \"_json_key\", \"_json_key_base64\" or "
           "\"oauth2accesstoken\"; for a service-account key use kind \"gcp-service-account\"";
  }
  return "";
}

std::optional<EcrHost> ParseEcrHost(std::string_view host) {
  std::size_t dot = host.find('.');
  if (dot != 12) return std::nullopt;
  std::string_view account = host.substr(0, 12);
  if (!std::all_of(account.begin(), account.end(), IsDigit)) return std::nullopt;
  std::string_view rest = host.substr(13);
  EcrHost out;
  out.account_id = std::string(account);
  if (rest.rfind("dkr.ecr-fips.", 0) == 0) {
    out.fips = true;
    rest.remove_prefix(13);
  } else if (rest.rfind("dkr.ecr.", 0) == 0) {
    rest.remove_prefix(8);
  } else {
    return std::nullopt;
  }
  bool china = EndsWith(rest, ".amazonaws.com.cn");
  std::string_view suffix = china ? ".amazonaws.com.cn" : ".amazonaws.com";
  if (!EndsWith(rest, suffix)) return std::nullopt;
  std::string_view region = rest.substr(0, rest.size() - suffix.size());
  if (!IsAwsRegion(region)) return std::nullopt;
  // China regions live under amazonaws.com.cn, and only they do.
  if (china != (region.rfind("cn-", 0) == 0)) return std::nullopt;
  out.region = std::string(region);
  return out;
}

Status CheckUrlForProvider(Provider provider, const RegistryUrl& url) {
  const std::string& host = url.host;
  bool port_443 = url.port == 443;
  switch (provider) {
    case Provider::kGeneric:
    case Provider::kQuay:
      return Status::Ok();
    case Provider::kDockerHub:
      if (IsDockerHub(url)) return Status::Ok();
      return Error::InvalidField("url",
                                 "a Docker Hub registry's URL is \"docker.io\" (or use "
                                 "provider \"generic\" for another registry)");
    case Provider::kEcr:
      if (port_443 && ParseEcrHost(host)) return Status::Ok();
      return UrlShapeError("an ECR", "<12-digit account>.dkr.ecr[-fips].<region>.amazonaws.com",
                           "123456789012.dkr.ecr.us-east-1.amazonaws.com");
    case Provider::kAcr: {
      for (std::string_view suffix : {".azurecr.io", ".azurecr.cn", ".azurecr.us"}) {
        if (!port_443 || !EndsWith(host, suffix)) continue;
        std::string_view name = std::string_view(host).substr(0, host.size() - suffix.size());
        if (name.size() >= 5 && name.size() <= 50 &&
            std::all_of(name.begin(), name.end(), IsLowerAlnum)) {
          return Status::Ok();
        }
      }
      return UrlShapeError("an ACR", "<name>.azurecr.io (name: 5-50 letters and digits)",
                           "myregistry.azurecr.io");
    }
    case Provider::kGcpArtifactRegistry: {
      constexpr std::string_view kSuffix = "-docker.pkg.dev";
      if (port_443 && EndsWith(host, kSuffix)) {
        std::string_view location = std::string_view(host).substr(0, host.size() - kSuffix.size());
        if (!location.empty() && location.find('.') == std::string_view::npos &&
            location.front() >= 'a' && location.front() <= 'z') {
          return Status::Ok();
        }
      }
      return UrlShapeError("a GCP Artifact Registry", "<location>-docker.pkg.dev",
                           "europe-west1-docker.pkg.dev");
    }
    case Provider::kGcr:
      if (port_443 && (host == "gcr.io" || host == "us.gcr.io" || host == "eu.gcr.io" ||
                       host == "asia.gcr.io")) {
        return Status::Ok();
      }
      return UrlShapeError("a GCR", "[us.|eu.|asia.]gcr.io", "eu.gcr.io");
  }
  return Status::Ok();
}

std::vector<CredentialKind> AllowedCredentialKinds(Provider provider) {
  using K = CredentialKind;
  switch (provider) {
    case Provider::kEcr:
      return {K::kEcrAccessKey, K::kEcrInstanceRole};
    case Provider::kGcpArtifactRegistry:
    case Provider::kGcr:
      return {K::kGcpServiceAccount, K::kBasic, K::kNone};
    case Provider::kGeneric:
    case Provider::kDockerHub:
    case Provider::kAcr:
    case Provider::kQuay:
      return {K::kBasic, K::kNone};
  }
  return {K::kNone};
}

Result<CredentialsInput> ValidateCredentials(Provider provider, Access access,
                                             const RegistryUrl& url, CredentialsInput credentials) {
  std::vector<FieldViolation> violations;
  std::vector<CredentialKind> allowed = AllowedCredentialKinds(provider);
  std::string kind_name(CredentialKindName(credentials.kind));
  bool offers_none =
      std::find(allowed.begin(), allowed.end(), CredentialKind::kNone) != allowed.end();
  if (access == Access::kPublic && !offers_none) {
    violations.push_back({"access", "provider \"" + std::string(ProviderName(provider)) +
                                        "\" registries always need credentials; use access "
                                        "\"private\""});
  } else if (access == Access::kPublic) {
    if (credentials.kind != CredentialKind::kNone) {
      violations.push_back({"credentials.kind",
                            "a public registry takes no credentials; use "
                            "kind \"none\" or access \"private\""});
    }
  } else if (credentials.kind == CredentialKind::kNone) {
    std::vector<CredentialKind> offered;
    std::copy_if(allowed.begin(), allowed.end(), std::back_inserter(offered),
                 [](CredentialKind k) { return k != CredentialKind::kNone; });
    violations.push_back({"credentials", "a private registry needs credentials: kind " +
                                             KindList(offered) + ", or set access \"public\""});
  } else if (std::find(allowed.begin(), allowed.end(), credentials.kind) == allowed.end()) {
    violations.push_back({"credentials.kind", "\"" + kind_name +
                                                  "\" is not offered for provider \"" +
                                                  std::string(ProviderName(provider)) + "\"; use " +
                                                  KindList(allowed)});
  }
  CheckNoForeignFields(credentials, &violations);
  switch (credentials.kind) {
    case CredentialKind::kNone:
      break;
    case CredentialKind::kBasic:
      CheckBasic(provider, &credentials, &violations);
      break;
    case CredentialKind::kEcrAccessKey:
      CheckEcrAccessKey(&credentials, &violations);
      CheckEcrTarget(url, &credentials, &violations);
      break;
    case CredentialKind::kEcrInstanceRole:
      CheckEcrTarget(url, &credentials, &violations);
      break;
    case CredentialKind::kGcpServiceAccount:
      CheckGcpServiceAccount(&credentials, &violations);
      break;
  }
  if (!violations.empty()) {
    Violations collected;
    for (auto& v : violations) collected.Add(std::move(v.field), std::move(v.message));
    return collected.ToError();
  }
  return credentials;
}

CredentialsInfo DescribeCredentials(const CredentialsInput& credentials) {
  CredentialsInfo info;
  info.kind = credentials.kind;
  switch (credentials.kind) {
    case CredentialKind::kNone:
      break;
    case CredentialKind::kBasic:
      info.username = credentials.username;
      break;
    case CredentialKind::kEcrAccessKey:
      info.access_key_id = credentials.access_key_id;
      info.region = credentials.region;
      info.fips = credentials.fips;
      break;
    case CredentialKind::kEcrInstanceRole:
      info.region = credentials.region;
      info.fips = credentials.fips;
      break;
    case CredentialKind::kGcpServiceAccount: {
      auto key = ParseGcpServiceAccountKey(credentials.json_key.Reveal(), "credentials.json_key");
      if (key.ok()) info.client_email = key->client_email;
      break;
    }
  }
  return info;
}

}  // namespace reghub
