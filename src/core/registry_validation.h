#pragma once

#include "core/registry.h"
#include "core/registry_patch.h"
#include "core/result.h"

namespace reghub {

// The result of applying a patch: the new registry (credentials info without
// fingerprint) and, when the patch carried credentials, the validated secret
// input to be sealed.
struct AppliedPatch {
  Registry registry;
  std::optional<CredentialsInput> new_credentials;
};

// Builds a new registry from a create request: url, provider required;
// defaults filled (access private, tls verify, push_images on); every rule of
// DESIGN.md §1 checked: URL canonical form and provider shape, credentials
// kind allowed for the provider and access (private needs credentials other
// than none unless the kind is ecr-instance-role; public takes none), mirrors
// canonical and not this registry, tls (CA bundle parsed; plain-http only for
// loopback hosts unless force_plain_http), chart_repositories only with
// chart_repository, repositories only for public registries. All violations
// are collected into one invalid_argument error.
Result<AppliedPatch> BuildRegistry(const RegistryPatch& patch);

// Applies an update patch to `current`. Refuses a changed url ("url is
// immutable") and a missing revision. Does not compare revisions: the store
// does that atomically. Keeps stored credentials when the patch has none,
// and the stored CA bundle when tls.mode stays verify-with-ca without a new one.
Result<AppliedPatch> ApplyRegistryPatch(const Registry& current, const RegistryPatch& patch);

}  // namespace reghub
