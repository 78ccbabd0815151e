#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/result.h"

namespace reghub {

// What the URL of an ECR registry says: <account>.dkr.ecr[-fips].<region>.amazonaws.com,
// or .amazonaws.com.cn for the China regions (cn-*), and only for them.
struct EcrHost {
  std::string account_id;
  std::string region;
  bool fips = false;
};
std::optional<EcrHost> ParseEcrHost(std::string_view host);

// Checks that `url` has the shape `provider` requires (DESIGN.md §1): ECR
// <12 digits>.dkr.ecr[-fips].<region>.amazonaws.com; ACR *.azurecr.io; GCP AR
// <location>-docker.pkg.dev; GCR [region.]gcr.io; Docker Hub docker.io; Quay and
// generic any host. The error is invalid_argument on "url" with an example of
// the expected shape. Cloud registries (ECR, ACR, GCP, GCR, Docker Hub) must be
// on port 443; ACR also accepts the sovereign clouds' .azurecr.cn/.azurecr.us.
Status CheckUrlForProvider(Provider provider, const RegistryUrl& url);

// The credential kinds offered for a provider, in the order a UI should list them
// (the usual choice first): generic, docker-hub, acr, quay: basic, none; ecr:
// ecr-access-key, ecr-instance-role; gcp-artifact-registry, gcr:
// gcp-service-account, basic, none. A public registry takes only kNone.
std::vector<CredentialKind> AllowedCredentialKinds(Provider provider);

// Checks kind against provider and access, and each field the kind needs
// (non-empty username and password for basic; Quay robot names "ns+robot" when
// the username contains '+'; 20-character AKIA/ASIA access key ids and a secret
// for ECR, a session token only with ASIA; a GCP service-account JSON key with
// type, client_email and private_key). Errors name fields as
// "credentials.<name>"; all violations are collected into one error. Returns
// the normalised input: GCP keys compacted, ECR region filled from the URL.
//
// Further rules:
// - a provider that offers no kind none (ECR) cannot be public: a violation
//   on "access".
// - a field of another kind (a password next to an ECR key, fips for basic) is
//   refused: "not used by kind ...".
// - basic: the username must not hold ':'. On GCP registries the username is
//   one of "_json_key" (the password is then checked and compacted as a key),
//   "_json_key_base64" or "oauth2accesstoken".
// - ECR: a region given must equal the URL's. A "-fips" URL forces fips=true;
//   fips=true on a non-FIPS URL means the token is fetched from the FIPS API
//   endpoint (ecr-fips.<region>.amazonaws.com) while images use the URL given.
//   The secret access key must be printable without whitespace.
Result<CredentialsInput> ValidateCredentials(Provider provider, Access access,
                                             const RegistryUrl& url,
                                             CredentialsInput credentials);

// Why `username` cannot be a kind-basic username for `provider` (':' anywhere;
// malformed Quay robot names; on Google registries anything but "_json_key",
// "_json_key_base64" and "oauth2accesstoken"); "" when it can. Used on stored
// credentials too, when an update changes the provider.
std::string BasicUsernameProblem(Provider provider, std::string_view username);

// The non-secret view of validated credentials (fingerprint and replaced_at
// are left empty for the caller, who holds the key).
CredentialsInfo DescribeCredentials(const CredentialsInput& credentials);

}  // namespace reghub
