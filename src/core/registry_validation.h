#pragma once

#include <optional>

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
//
// Details: a "revision" on create is refused. Mirror upstreams are stored in
// canonical form; two mirrors of the same upstream are refused; path_prefix
// follows the repository-name grammar. A public registry may list no
// repositories. force_plain_http only matters with tls.mode plain-http. The
// result has revision 1 and no id, times, creator or fingerprint: the caller
// fills those. ParseRegistryPatch checks input shapes (types, lengths,
// control characters); these functions check the rules between fields.
Result<AppliedPatch> BuildRegistry(const RegistryPatch& patch);

// Applies an update patch to `current`. Refuses a changed url ("url is
// immutable") and a missing revision. Does not compare revisions: the store
// does that atomically. Keeps stored credentials when the patch has none,
// and the stored CA bundle when tls.mode stays verify-with-ca without a new one.
//
// Details: a url equal to the stored one after canonicalisation is accepted.
// Kept credentials are checked against a changed provider or access (moving
// to public needs "credentials": {"kind": "none"}; a kind the new provider
// does not offer needs new credentials). The result keeps current.revision,
// updated_at and updated_by: the caller bumps them when DiffRegistries(current,
// result) is not empty (an update that changes nothing is not a revision).
// New credentials have an empty fingerprint and replaced_at for the caller.
Result<AppliedPatch> ApplyRegistryPatch(const Registry& current, const RegistryPatch& patch);

}  // namespace reghub
