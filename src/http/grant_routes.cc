#include "http/api.h"
#include "http/error_response.h"
#include "http/grant_json.h"
#include "http/request_parsing.h"

namespace reghub::http {

void AddGrantRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/grants", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto grants = services.grants->ListGlobal(context.actor);
               if (!grants.ok()) return ErrorResponse(grants.error());
               return JsonResponse(200, GlobalGrantsToJson(*grants));
             });

  router.Add("PUT", "/api/v1/grants", Permission::kHubAdmin, [services](RouteContext& context) {
    auto body = ParseJsonBody(context.request);
    if (!body.ok()) return ErrorResponse(body.error());
    auto requests = ParseGrantsBody(*body);
    if (!requests.ok()) return ErrorResponse(requests.error());
    auto grants = services.grants->ReplaceGlobal(context.actor, *requests);
    if (!grants.ok()) return ErrorResponse(grants.error());
    return JsonResponse(200, GlobalGrantsToJson(*grants));
  });

  router.Add("GET", "/api/v1/registries/{id}/grants", Permission::kRegistryView,
             [services](RouteContext& context) {
               auto grants = services.grants->ListForRegistry(context.actor, context.Param("id"));
               if (!grants.ok()) return ErrorResponse(grants.error());
               return JsonResponse(200, RegistryGrantsToJson(*grants));
             });

  router.Add("PUT", "/api/v1/registries/{id}/grants", Permission::kRegistryGrants,
             [services](RouteContext& context) {
               auto body = ParseJsonBody(context.request);
               if (!body.ok()) return ErrorResponse(body.error());
               auto requests = ParseGrantsBody(*body);
               if (!requests.ok()) return ErrorResponse(requests.error());
               auto grants = services.grants->ReplaceForRegistry(context.actor,
                                                                 context.Param("id"), *requests);
               if (!grants.ok()) return ErrorResponse(grants.error());
               return JsonResponse(200, RegistryGrantsToJson(*grants));
             });
}

}  // namespace reghub::http
