#pragma once

#include <string>
#include <vector>

#include "access/access_policy.h"
#include "core/registry.h"
#include "core/registry_diff.h"
#include "core/registry_patch.h"
#include "core/result.h"
#include "secrets/sealer.h"
#include "service/access_service.h"
#include "service/actor.h"
#include "service/clock.h"
#include "store/store.h"

namespace reghub::service {

// The first grants of a new registry may be set by its creator for this long.
inline constexpr UnixSeconds kPermissionsWindow = access::kPermissionsWindow;

// A page of the registries a caller may view, with, for each, whether they
// may see its credential metadata beyond the kind (administrators only).
struct RegistryListPage {
  std::vector<Registry> items;
  std::vector<bool> credential_details;   // parallel to items
  std::string next_page_token;
};

// Use cases of artifact registries: create, read, update with optimistic
// concurrency, delete, revisions and diffs. Credentials are sealed here and
// leave only as kind, fingerprint and replaced_at. With `access`, List and
// FindByUrl show only the registries the caller may view (the router checks
// every other call). Thread-safe.
class RegistryService {
 public:
  RegistryService(store::Store& store, const secrets::Sealer& sealer, const Clock& clock,
                  const AccessService* access = nullptr)
      : store_(store), sealer_(sealer), clock_(clock), access_(access) {}

  Result<Registry> Create(const Actor& actor, const RegistryPatch& patch);
  Result<Registry> Get(const Actor& actor, const std::string& id);
  Result<RegistryListPage> List(const Actor& actor, const store::RegistryFilter& filter,
                                const store::PageRequest& page);
  // Whether `actor` may see the credential metadata of registry `id` beyond
  // its kind: its administrators (and hub administrators) only.
  Result<bool> ShowsCredentialDetails(const Actor& actor, const std::string& id);
  // Finds a registry by any spelling of its URL (canonicalised first).
  Result<Registry> FindByUrl(const Actor& actor, const std::string& url);
  // patch.revision must be the stored revision (conflict otherwise). An
  // update that changes nothing returns the registry as it is, with no new
  // revision.
  Result<Registry> Update(const Actor& actor, const std::string& id, const RegistryPatch& patch);
  Status Delete(const Actor& actor, const std::string& id);

  Result<store::Page<store::RevisionRecord>> ListRevisions(const Actor& actor,
                                                           const std::string& id,
                                                           const store::PageRequest& page);
  Result<store::RevisionRecord> GetRevision(const Actor& actor, const std::string& id,
                                            std::int64_t revision);
  Result<std::vector<FieldChange>> Diff(const Actor& actor, const std::string& id,
                                        std::int64_t from, std::int64_t to);

 private:
  Status CheckDefaultIsFree(const Registry& registry);
  // A page of the registries in `visible`, filtered and ordered by URL as the
  // store does, with the same page tokens.
  Result<store::Page<Registry>> ListVisible(const RegistryVisibility& visible,
                                            const store::RegistryFilter& filter,
                                            const store::PageRequest& page);

  store::Store& store_;
  const secrets::Sealer& sealer_;
  const Clock& clock_;
  const AccessService* access_;
};

}  // namespace reghub::service
