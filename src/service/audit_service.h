#pragma once

#include "core/result.h"
#include "service/actor.h"
#include "store/store.h"

namespace reghub::service {

// Reading the audit log (writing happens with each change, in the store).
class AuditService {
 public:
  explicit AuditService(store::Store& store) : store_(store) {}

  Result<store::Page<store::AuditEntry>> List(const Actor& actor, const store::PageRequest& page) {
    if (!actor.is_admin) return Error::PermissionDenied("only hub administrators may read the audit log");
    return store_.ListAudit(page);
  }

 private:
  store::Store& store_;
};

}  // namespace reghub::service
