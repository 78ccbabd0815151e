#pragma once

#include <nlohmann/json.hpp>

#include "service/environment_service.h"

namespace reghub::http {

// JSON renderings of the environment service's views (docs/api.md,
// "Environments"). None holds a secret value.

// {"registry_id","url","display_name","latest_revision","actuated_revision",
//  "actuated_at" (null before the first report),"up_to_date","attached_at",
//  "attached_by","injection":{"inject","secret_source","secret_name"}}
nlohmann::json AttachmentToJson(const service::AttachmentView& view);
// The environment with "attachments":[…].
nlohmann::json EnvironmentDetailsToJson(const service::EnvironmentDetails& details);
// {"environment_id","environment","kind", and the attachment's fields}
nlohmann::json RegistryAttachmentToJson(const service::RegistryAttachmentView& view);
// {"registry_id","mode","environments":[names],"secret":{"source","name"},
//  "default","updated_at","updated_by","effective":[{"environment",
//  "environment_id","attached","inject","secret_source","secret_name"}]}
nlohmann::json InjectionPolicyToJson(const service::InjectionPolicyView& view);
// {"id","name","created_at","created_by","expires_at" (null: never)}
nlohmann::json AgentTokenToJson(const store::AgentTokenInfo& token);

}  // namespace reghub::http
