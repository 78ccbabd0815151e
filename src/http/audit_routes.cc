#include <nlohmann/json.hpp>

#include "core/registry_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {

void AddAuditRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/audit", Permission::kHubAdmin, [services](RouteContext& context) {
    auto page = ParsePageRequest(context.request);
    if (!page.ok()) return ErrorResponse(page.error());
    auto entries = services.audit->List(context.actor, *page);
    if (!entries.ok()) return ErrorResponse(entries.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : entries->items) {
      items.push_back({{"id", entry.id},
                       {"at", FormatTimestamp(entry.at)},
                       {"actor", entry.actor},
                       {"action", entry.action},
                       {"target_type", entry.target_type},
                       {"target_id", entry.target_id},
                       {"source", entry.source},
                       {"details", entry.details}});
    }
    return JsonResponse(200, {{"entries", std::move(items)},
                              {"next_page_token", entries->next_page_token}});
  });
}

}  // namespace reghub::http
