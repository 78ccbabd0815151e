// /api/v1/environments (CRUD and attachments) and the registry side of
// environments: /api/v1/registries/{id}/environments and .../injection.

#include <nlohmann/json.hpp>

#include "core/environment_json.h"
#include "core/injection_policy.h"
#include "http/api.h"
#include "http/environment_views.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

Result<EnvironmentPatch> ParsePatch(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  return ParseEnvironmentPatch(body);
}

void AddEnvironmentCrudRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/environments", Permission::kEnvironmentView,
             [services](RouteContext& context) {
               auto page = ParsePageRequest(context.request);
               if (!page.ok()) return ErrorResponse(page.error());
               auto listed = services.environments->List(context.actor, *page);
               if (!listed.ok()) return ErrorResponse(listed.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& environment : listed->items) {
                 items.push_back(EnvironmentToJson(environment));
               }
               return JsonResponse(200, {{"environments", std::move(items)},
                                         {"next_page_token", listed->next_page_token}});
             });

  router.Add("POST", "/api/v1/environments", Permission::kHubAdmin,
             [services](RouteContext& context) {
               auto patch = ParsePatch(context.request);
               if (!patch.ok()) return ErrorResponse(patch.error());
               auto created = services.environments->Create(context.actor, *patch);
               if (!created.ok()) return ErrorResponse(created.error());
               HttpResponse response =
                   JsonResponse(201, EnvironmentDetailsToJson({*created, {}}));
               response.headers.emplace_back("Location", "/api/v1/environments/" + created->id);
               return response;
             });

  router.Add("GET", "/api/v1/environments/{id}", Permission::kEnvironmentView,
             [services](RouteContext& context) {
               auto details = services.environments->Get(context.actor, context.Param("id"));
               if (!details.ok()) return ErrorResponse(details.error());
               return JsonResponse(200, EnvironmentDetailsToJson(*details));
             });

  router.Add("PATCH", "/api/v1/environments/{id}", Permission::kEnvironmentEdit,
             [services](RouteContext& context) {
               auto patch = ParsePatch(context.request);
               if (!patch.ok()) return ErrorResponse(patch.error());
               auto updated =
                   services.environments->Update(context.actor, context.Param("id"), *patch);
               if (!updated.ok()) return ErrorResponse(updated.error());
               auto details = services.environments->Get(context.actor, updated->id);
               if (!details.ok()) return ErrorResponse(details.error());
               return JsonResponse(200, EnvironmentDetailsToJson(*details));
             });

  router.Add("DELETE", "/api/v1/environments/{id}", Permission::kHubAdmin,
             [services](RouteContext& context) {
               Status deleted = services.environments->Delete(context.actor, context.Param("id"));
               if (!deleted.ok()) return ErrorResponse(deleted.error());
               return HttpResponse::NoContent();
             });
}

void AddAttachmentRoutes(Router& router, ApiServices services) {
  router.Add("PUT", "/api/v1/environments/{id}/registries/{registry_id}",
             Permission::kEnvironmentEdit, [services](RouteContext& context) {
               bool created = false;
               auto attached = services.environments->Attach(
                   context.actor, context.Param("id"), context.Param("registry_id"), &created);
               if (!attached.ok()) return ErrorResponse(attached.error());
               return JsonResponse(created ? 201 : 200, AttachmentToJson(*attached));
             });

  router.Add("DELETE", "/api/v1/environments/{id}/registries/{registry_id}",
             Permission::kEnvironmentEdit, [services](RouteContext& context) {
               Status detached = services.environments->Detach(context.actor, context.Param("id"),
                                                               context.Param("registry_id"));
               if (!detached.ok()) return ErrorResponse(detached.error());
               return HttpResponse::NoContent();
             });

  router.Add("GET", "/api/v1/registries/{id}/environments", Permission::kRegistryView,
             [services](RouteContext& context) {
               auto views =
                   services.environments->EnvironmentsOfRegistry(context.actor, context.Param("id"));
               if (!views.ok()) return ErrorResponse(views.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& view : *views) items.push_back(RegistryAttachmentToJson(view));
               return JsonResponse(200, {{"environments", std::move(items)}});
             });
}

void AddInjectionRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/registries/{id}/injection", Permission::kRegistryView,
             [services](RouteContext& context) {
               auto view =
                   services.environments->GetInjectionPolicy(context.actor, context.Param("id"));
               if (!view.ok()) return ErrorResponse(view.error());
               return JsonResponse(200, InjectionPolicyToJson(*view));
             });

  router.Add("PUT", "/api/v1/registries/{id}/injection", Permission::kRegistryAdminister,
             [services](RouteContext& context) {
               auto body = ParseJsonBody(context.request);
               if (!body.ok()) return ErrorResponse(body.error());
               auto input = ParseInjectionPolicy(*body);
               if (!input.ok()) return ErrorResponse(input.error());
               auto view = services.environments->PutInjectionPolicy(context.actor,
                                                                     context.Param("id"), *input);
               if (!view.ok()) return ErrorResponse(view.error());
               return JsonResponse(200, InjectionPolicyToJson(*view));
             });
}

}  // namespace

void AddEnvironmentRoutes(Router& router, ApiServices services) {
  AddEnvironmentCrudRoutes(router, services);
  AddAttachmentRoutes(router, services);
  AddInjectionRoutes(router, services);
  AddAgentRoutes(router, services);
}

}  // namespace reghub::http
