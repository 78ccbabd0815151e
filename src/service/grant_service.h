#pragma once

#include <string>
#include <vector>

#include "access/roles.h"
#include "core/result.h"
#include "service/access_service.h"
#include "service/actor.h"
#include "service/clock.h"
#include "store/grant_store.h"
#include "store/store.h"

namespace reghub::service {

// A grant as the API shows it.
struct GrantView {
  access::SubjectKind kind = access::SubjectKind::kUser;
  std::string subject_id;
  std::string subject_name;
  access::Role role = access::Role::kViewer;
  bool inherited = false;               // a global grant shown next to a registry's own
  UnixSeconds created_at = 0;
  std::string created_by;
};

// A grant as a caller asks for it: a subject by name and a role.
struct GrantRequest {
  access::SubjectKind kind = access::SubjectKind::kUser;
  std::string name;
  std::string id;                       // optional; when set it must be the named subject's id
  access::Role role = access::Role::kViewer;
};

// A registry's grants: its own, then the global ones marked inherited.
struct RegistryGrants {
  std::vector<GrantView> grants;
  UnixSeconds permissions_deadline = 0;
  bool pending = false;                 // the creator's window is still open
};

// Listing and replacing grants (issue 3). Authorization is the router's
// (GET /grants: any user; PUT /grants: hub administrator; registry grants:
// view / kRegistryGrants); this class validates, resolves subject names and
// writes with an audit entry listing the grants before and after.
// Validation, all before anything is written: at most kMaxGrants grants;
// every subject must exist (invalid_argument on "grants[i].subject.name");
// hub-administrator only in global grants ("grants[i].role"). Duplicates are
// kept once. Thread-safe.
class GrantService {
 public:
  static constexpr std::size_t kMaxGrants = 500;

  GrantService(store::Store& store, store::GrantStore& grants, const Clock& clock)
      : store_(store), grants_(grants), clock_(clock) {}

  Result<std::vector<GrantView>> ListGlobal(const Actor& actor);
  Result<std::vector<GrantView>> ReplaceGlobal(const Actor& actor,
                                               const std::vector<GrantRequest>& grants);
  // not_found when the registry does not exist.
  Result<RegistryGrants> ListForRegistry(const Actor& actor, const std::string& registry_id);
  Result<RegistryGrants> ReplaceForRegistry(const Actor& actor, const std::string& registry_id,
                                            const std::vector<GrantRequest>& grants);

 private:
  // The records to write for `requests`, or the first invalid grant.
  Result<std::vector<store::GrantRecord>> Resolve(const Actor& actor,
                                                  const std::vector<GrantRequest>& requests,
                                                  bool global);

  store::Store& store_;
  store::GrantStore& grants_;
  const Clock& clock_;
};

}  // namespace reghub::service
