#include "core/registry_validation.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/ca_bundle.h"
#include "core/provider_rules.h"
#include "core/repository_name.h"
#include "core/violations.h"

namespace reghub {
namespace {

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string Indexed(const char* list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

// Applies the patch's plain fields (those needing no cross-field rule).
void OverlayPlainFields(const RegistryPatch& patch, Registry* registry) {
  if (patch.display_name) registry->display_name = *patch.display_name;
  if (patch.description) registry->description = *patch.description;
  if (patch.provider) registry->provider = *patch.provider;
  if (patch.access) registry->access = *patch.access;
  if (patch.usage) registry->usage = *patch.usage;
  if (patch.repositories) registry->repositories = *patch.repositories;
}

// Canonicalises the patch's mirrors into `registry`.
void ApplyMirrors(const std::vector<Mirror>& mirrors, const std::optional<RegistryUrl>& self,
                  Registry* registry, Violations* violations) {
  if (mirrors.size() > kMaxListLength) {
    violations->Add("mirrors", "must have at most " + std::to_string(kMaxListLength) + " items");
    return;
  }
  registry->mirrors.clear();
  for (std::size_t i = 0; i < mirrors.size(); ++i) {
    std::string field = Indexed("mirrors", i) + ".upstream";
    auto upstream = CanonicalizeRegistryUrl(mirrors[i].upstream, field);
    if (!upstream.ok()) {
      violations->AddError(upstream.error(), field);
      continue;
    }
    Mirror mirror{upstream->ToString(), mirrors[i].path_prefix};
    if (self && *upstream == *self) {
      violations->Add(field, "a registry cannot mirror itself");
    }
    auto same = std::find_if(registry->mirrors.begin(), registry->mirrors.end(),
                             [&](const Mirror& m) { return m.upstream == mirror.upstream; });
    if (same != registry->mirrors.end()) {
      violations->Add(
          field,
          Quoted(mirror.upstream) + " is already mirrored by " +
              Indexed("mirrors", static_cast<std::size_t>(same - registry->mirrors.begin())));
    }
    if (!mirror.path_prefix.empty()) {
      std::string problem = RepositoryNameProblem(mirror.path_prefix);
      if (!problem.empty()) {
        violations->Add(Indexed("mirrors", i) + ".path_prefix",
                        "is not a repository path: " + problem);
      }
    }
    registry->mirrors.push_back(std::move(mirror));
  }
}

// Applies patch.tls; `current` holds the stored settings on update.
void ApplyTls(const RegistryPatch& patch, const TlsSettings* current,
              const std::optional<RegistryUrl>& url, Registry* registry, Violations* violations) {
  const TlsSettings& input = *patch.tls;
  TlsSettings tls;
  tls.mode = input.mode;
  if (input.mode == TlsMode::kVerifyWithCa) {
    if (!input.ca_pem.empty()) {
      auto bundle = ParseCaBundle(input.ca_pem, "tls.ca_pem");
      if (bundle.ok()) {
        tls.ca_pem = bundle->pem;
        tls.ca_fingerprint = bundle->fingerprint;
      } else {
        violations->AddError(bundle.error(), "tls.ca_pem");
      }
    } else if (current != nullptr && current->mode == TlsMode::kVerifyWithCa &&
               !current->ca_pem.empty()) {
      tls.ca_pem = current->ca_pem;
      tls.ca_fingerprint = current->ca_fingerprint;
    } else {
      violations->Add("tls.ca_pem", "required for mode \"verify-with-ca\": the PEM CA bundle");
    }
  } else if (!input.ca_pem.empty()) {
    violations->Add("tls.ca_pem", "only for mode \"verify-with-ca\"");
  }
  if (input.mode == TlsMode::kPlainHttp && url && !IsLoopback(*url) &&
      !patch.force_plain_http.value_or(false)) {
    violations->Add("tls.mode",
                    "\"plain-http\" is only for loopback hosts (localhost, "
                    "127.0.0.0/8, ::1); set \"force_plain_http\": true to use it for " +
                        Quoted(url->ToString()));
  }
  registry->tls = std::move(tls);
}

// Checks stored credentials (kept by an update) against a possibly changed
// provider or access.
void CheckKeptCredentials(const Registry& registry, Violations* violations) {
  CredentialKind kind = registry.credentials.kind;
  std::vector<CredentialKind> allowed = AllowedCredentialKinds(registry.provider);
  bool offers_none =
      std::find(allowed.begin(), allowed.end(), CredentialKind::kNone) != allowed.end();
  if (registry.access == Access::kPublic) {
    if (!offers_none) {
      violations->Add("access", "provider " + Quoted(ProviderName(registry.provider)) +
                                    " registries always need credentials; use access \"private\"");
    } else if (kind != CredentialKind::kNone) {
      violations->Add("credentials",
                      "a public registry takes no credentials; send "
                      "\"credentials\": {\"kind\": \"none\"} to remove the stored ones");
    }
    return;
  }
  if (kind == CredentialKind::kNone) {
    violations->Add("credentials",
                    "a private registry needs credentials; send them in "
                    "\"credentials\", or set access \"public\"");
  } else if (std::find(allowed.begin(), allowed.end(), kind) == allowed.end()) {
    violations->Add("credentials", "the stored kind " + Quoted(CredentialKindName(kind)) +
                                       " is not offered for provider " +
                                       Quoted(ProviderName(registry.provider)) +
                                       "; send new credentials");
  } else if (kind == CredentialKind::kBasic) {
    std::string problem = BasicUsernameProblem(registry.provider, registry.credentials.username);
    if (!problem.empty()) {
      violations->Add("credentials", "the stored username does not fit provider " +
                                         Quoted(ProviderName(registry.provider)) + " (" + problem +
                                         "); send new credentials");
    }
  }
}

void CheckRepositoryList(const std::vector<std::string>& names, const char* field,
                         Violations* violations, std::size_t max = kMaxListLength) {
  if (names.size() > max) {
    violations->Add(field, "must have at most " + std::to_string(max) + " items");
    return;
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string problem = RepositoryNameProblem(names[i]);
    if (!problem.empty())
      violations->Add(Indexed(field, i), "is not a repository name: " + problem);
  }
}

// The rules shared by create and update, checked on the resulting registry.
// `current` is null on create.
Result<AppliedPatch> Finish(Registry registry, const RegistryPatch& patch,
                            const std::optional<RegistryUrl>& url, const Registry* current,
                            Violations violations) {
  AppliedPatch applied;
  bool provider_known = current != nullptr || patch.provider.has_value();
  if (url && provider_known) {
    Status shape = CheckUrlForProvider(registry.provider, *url);
    if (!shape.ok()) violations.AddError(shape.error(), "url");
  }
  if (patch.credentials || current == nullptr) {
    CredentialsInput input = patch.credentials ? *patch.credentials : CredentialsInput{};
    if (url && provider_known) {
      auto validated = ValidateCredentials(registry.provider, registry.access, *url, input);
      if (validated.ok()) {
        registry.credentials = DescribeCredentials(*validated);
        if (patch.credentials) applied.new_credentials = std::move(*validated);
      } else {
        violations.AddError(validated.error(), "credentials");
      }
    }
  } else {
    CheckKeptCredentials(registry, &violations);
  }
  if (patch.mirrors) ApplyMirrors(*patch.mirrors, url, &registry, &violations);
  if (patch.tls) {
    ApplyTls(patch, current != nullptr ? &current->tls : nullptr, url, &registry, &violations);
  }
  if (!registry.usage.chart_repositories.empty() && !registry.usage.chart_repository) {
    violations.Add("usage.chart_repositories", "only when usage.chart_repository is true");
  }
  CheckRepositoryList(registry.usage.chart_repositories, "usage.chart_repositories", &violations,
                      kMaxChartRepositories);
  if (!registry.repositories.empty() && registry.access != Access::kPublic) {
    violations.Add("repositories",
                   "only for public registries (the repositories to use without "
                   "credentials); send \"repositories\": [] or access \"public\"");
  }
  CheckRepositoryList(registry.repositories, "repositories", &violations);
  if (!violations.empty()) return violations.ToError();
  applied.registry = std::move(registry);
  return applied;
}

}  // namespace

Result<AppliedPatch> BuildRegistry(const RegistryPatch& patch) {
  Violations violations;
  std::optional<RegistryUrl> url;
  if (!patch.url) {
    violations.Add("url", "required: the registry's host[:port]");
  } else {
    auto parsed = CanonicalizeRegistryUrl(*patch.url);
    if (parsed.ok())
      url = *parsed;
    else
      violations.AddError(parsed.error(), "url");
  }
  if (!patch.provider) {
    violations.Add("provider",
                   "required: one of \"generic\", \"docker-hub\", \"ecr\", \"acr\", "
                   "\"gcp-artifact-registry\", \"gcr\", \"quay\"");
  }
  if (patch.revision) {
    violations.Add("revision", "only for updates; a new registry starts at revision 1");
  }
  Registry registry;
  if (url) registry.url = *url;
  OverlayPlainFields(patch, &registry);
  registry.revision = 1;
  return Finish(std::move(registry), patch, url, nullptr, std::move(violations));
}

Result<AppliedPatch> ApplyRegistryPatch(const Registry& current, const RegistryPatch& patch) {
  Violations violations;
  if (!patch.revision) {
    violations.Add("revision", "required: the revision this update is based on");
  }
  if (patch.url) {
    auto parsed = CanonicalizeRegistryUrl(*patch.url);
    if (!parsed.ok() || *parsed != current.url) {
      violations.Add("url", "is immutable (" + Quoted(current.url.ToString()) +
                                "); create a new registry for another URL");
    }
  }
  Registry registry = current;
  OverlayPlainFields(patch, &registry);
  return Finish(std::move(registry), patch, current.url, &current, std::move(violations));
}

}  // namespace reghub
