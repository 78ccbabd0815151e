#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "service/grant_service.h"

namespace reghub::http {

// Reads {"grants":[{"subject":{"kind":"user"|"team","name":"…","id"?:"…"},
// "role":"viewer"|…}]}: the body of PUT /api/v1/grants and PUT
// /api/v1/registries/{id}/grants. Anything else (an unknown or missing
// field, a wrong type, an unknown kind or role, an empty or over-long name,
// more than GrantService::kMaxGrants grants) is invalid_argument naming the
// field ("grants[2].role"). Role names are checked here; which roles fit
// where is the service's rule.
Result<std::vector<service::GrantRequest>> ParseGrantsBody(const nlohmann::json& body);

// {"subject":{"kind","id","name"},"role","created_at","created_by"} and,
// with `with_inherited`, "inherited".
nlohmann::json GrantToJson(const service::GrantView& grant, bool with_inherited);
// {"grants":[…]} of the global grants.
nlohmann::json GlobalGrantsToJson(const std::vector<service::GrantView>& grants);
// {"grants":[…],"permissions_deadline","pending"}.
nlohmann::json RegistryGrantsToJson(const service::RegistryGrants& grants);

}  // namespace reghub::http
