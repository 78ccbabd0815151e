#include "http/environment_views.h"

#include "core/environment_json.h"
#include "core/registry_json.h"

namespace reghub::http {
namespace {

nlohmann::json TimestampOrNull(UnixSeconds at) {
  return at == 0 ? nlohmann::json(nullptr) : nlohmann::json(FormatTimestamp(at));
}

}  // namespace

nlohmann::json AttachmentToJson(const service::AttachmentView& view) {
  return {{"registry_id", view.record.registry_id},
          {"url", view.url},
          {"display_name", view.display_name},
          {"latest_revision", view.latest_revision},
          {"actuated_revision", view.record.actuated_revision},
          {"actuated_at", TimestampOrNull(view.record.actuated_at)},
          {"up_to_date", view.up_to_date()},
          {"attached_at", FormatTimestamp(view.record.attached_at)},
          {"attached_by", view.record.attached_by},
          {"injection", EffectiveInjectionToJson(view.injection)}};
}

nlohmann::json EnvironmentDetailsToJson(const service::EnvironmentDetails& details) {
  nlohmann::json body = EnvironmentToJson(details.environment);
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& view : details.attachments) attachments.push_back(AttachmentToJson(view));
  body["attachments"] = std::move(attachments);
  return body;
}

nlohmann::json RegistryAttachmentToJson(const service::RegistryAttachmentView& view) {
  nlohmann::json body = AttachmentToJson(view.attachment);
  body["environment_id"] = view.environment.id;
  body["environment"] = view.environment.name;
  body["kind"] = std::string(EnvironmentKindName(view.environment.kind));
  return body;
}

nlohmann::json InjectionPolicyToJson(const service::InjectionPolicyView& view) {
  nlohmann::json effective = nlohmann::json::array();
  for (const auto& row : view.effective) {
    nlohmann::json item = EffectiveInjectionToJson(row.injection);
    item["environment"] = row.environment_name;
    item["environment_id"] = row.environment_id;
    item["attached"] = row.attached;
    effective.push_back(std::move(item));
  }
  return {{"registry_id", view.registry_id},
          {"mode", std::string(InjectionModeName(view.mode))},
          {"environments", view.environment_names},
          {"secret",
           {{"source", std::string(SecretSourceName(view.secret_source))},
            {"name", view.secret_name}}},
          {"default", view.is_default},
          {"updated_at", TimestampOrNull(view.updated_at)},
          {"updated_by", view.updated_by},
          {"effective", std::move(effective)}};
}

nlohmann::json AgentTokenToJson(const store::AgentTokenInfo& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"created_at", FormatTimestamp(token.created_at)},
          {"created_by", token.created_by},
          {"expires_at", TimestampOrNull(token.expires_at)}};
}

}  // namespace reghub::http
