#include <nlohmann/json.hpp>

#include "core/registry_json.h"
#include "core/registry_patch.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/registry_json_cache.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

nlohmann::json RevisionToJson(const store::RevisionRecord& revision) {
  return {{"revision", revision.revision},
          {"created_at", FormatTimestamp(revision.created_at)},
          {"created_by", revision.created_by},
          {"changes", FieldChangesToJson(revision.changes)}};
}

Result<store::RegistryFilter> ParseRegistryFilter(const HttpRequest& request) {
  store::RegistryFilter filter;
  if (auto provider = request.QueryParam("provider"); provider && !provider->empty()) {
    auto parsed = ParseProvider(*provider);
    if (!parsed) {
      return Error::InvalidField("provider", "unknown provider \"" + std::string(*provider) + "\"");
    }
    filter.provider = *parsed;
  }
  if (auto query = request.QueryParam("q")) {
    if (query->size() > 200) return Error::InvalidField("q", "must be at most 200 characters");
    filter.query = std::string(*query);
  }
  return filter;
}

// {"registries":[…],"next_page_token":"…"}, assembled from cached renderings.
HttpResponse RegistryPageResponse(RegistryJsonCache& cache, const service::RegistryListPage& page) {
  const std::vector<Registry>& registries = page.items;
  const std::string& next_page_token = page.next_page_token;
  std::vector<std::shared_ptr<const std::string>> rendered;
  rendered.reserve(registries.size());
  std::size_t size = 64 + next_page_token.size();
  for (std::size_t i = 0; i < registries.size(); ++i) {
    rendered.push_back(cache.Render(registries[i], page.credential_details[i]));
    size += rendered.back()->size() + 1;
  }
  std::string body;
  body.reserve(size);
  body += "{\"registries\":[";
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    if (i > 0) body += ',';
    body += *rendered[i];
  }
  body += "],\"next_page_token\":" + nlohmann::json(next_page_token).dump() + "}";
  return HttpResponse::Json(200, std::move(body));
}

HttpResponse RegistryResponse(RegistryJsonCache& cache, int status, const Registry& registry,
                              bool credential_details = true) {
  return HttpResponse::Json(status, *cache.Render(registry, credential_details));
}

// The registry as `actor` may see it: credential details for its administrators only.
HttpResponse VisibleRegistryResponse(ApiServices& services, RegistryJsonCache& cache,
                                     const service::Actor& actor, const Registry& registry) {
  auto details = services.registries->ShowsCredentialDetails(actor, registry.id);
  if (!details.ok()) return ErrorResponse(details.error());
  return RegistryResponse(cache, 200, registry, *details);
}

HttpResponse ListRegistries(ApiServices& services, RegistryJsonCache& cache, RouteContext& context) {
  if (auto url = context.request.QueryParam("url")) {
    auto registry = services.registries->FindByUrl(context.actor, std::string(*url));
    service::RegistryListPage found;
    if (registry.ok()) {
      auto details = services.registries->ShowsCredentialDetails(context.actor, registry->id);
      if (!details.ok()) return ErrorResponse(details.error());
      found.items.push_back(std::move(registry).value());
      found.credential_details.push_back(*details);
    } else if (registry.error().code != ErrorCode::kNotFound) {
      return ErrorResponse(registry.error());
    }
    return RegistryPageResponse(cache, found);
  }
  auto filter = ParseRegistryFilter(context.request);
  if (!filter.ok()) return ErrorResponse(filter.error());
  auto page = ParsePageRequest(context.request);
  if (!page.ok()) return ErrorResponse(page.error());
  auto registries = services.registries->List(context.actor, *filter, *page);
  if (!registries.ok()) return ErrorResponse(registries.error());
  return RegistryPageResponse(cache, *registries);
}

Result<RegistryPatch> ParsePatchBody(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  return ParseRegistryPatch(body);
}

}  // namespace

void AddRegistryRoutes(Router& router, ApiServices services) {
  auto cache = std::make_shared<RegistryJsonCache>();
  router.Add("GET", "/api/v1/registries", Permission::kAuthenticated,
             [services, cache](RouteContext& context) mutable {
               return ListRegistries(services, *cache, context);
             });

  router.Add("POST", "/api/v1/registries", Permission::kAuthenticated,
             [services, cache](RouteContext& context) {
               auto patch = ParsePatchBody(context.request);
               if (!patch.ok()) return ErrorResponse(patch.error());
               auto registry = services.registries->Create(context.actor, *patch);
               if (!registry.ok()) return ErrorResponse(registry.error());
               HttpResponse response = RegistryResponse(*cache, 201, *registry);
               response.headers.emplace_back("Location", "/api/v1/registries/" + registry->id);
               return response;
             });

  router.Add("GET", "/api/v1/registries/{id}", Permission::kRegistryView,
             [services, cache](RouteContext& context) mutable {
               auto registry = services.registries->Get(context.actor, context.Param("id"));
               if (!registry.ok()) return ErrorResponse(registry.error());
               return VisibleRegistryResponse(services, *cache, context.actor, *registry);
             });

  router.Add("PATCH", "/api/v1/registries/{id}", Permission::kRegistryAdminister,
             [services, cache](RouteContext& context) {
               auto patch = ParsePatchBody(context.request);
               if (!patch.ok()) return ErrorResponse(patch.error());
               auto registry =
                   services.registries->Update(context.actor, context.Param("id"), *patch);
               if (!registry.ok()) return ErrorResponse(registry.error());
               return RegistryResponse(*cache, 200, *registry);
             });

  router.Add("DELETE", "/api/v1/registries/{id}", Permission::kRegistryAdminister,
             [services](RouteContext& context) {
               Status status = services.registries->Delete(context.actor, context.Param("id"));
               if (!status.ok()) return ErrorResponse(status.error());
               return HttpResponse::NoContent();
             });

  router.Add("GET", "/api/v1/registries/{id}/revisions", Permission::kRegistryView,
             [services](RouteContext& context) {
               auto page = ParsePageRequest(context.request);
               if (!page.ok()) return ErrorResponse(page.error());
               auto revisions =
                   services.registries->ListRevisions(context.actor, context.Param("id"), *page);
               if (!revisions.ok()) return ErrorResponse(revisions.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& revision : revisions->items) items.push_back(RevisionToJson(revision));
               return JsonResponse(200, {{"revisions", std::move(items)},
                                         {"next_page_token", revisions->next_page_token}});
             });

  router.Add("GET", "/api/v1/registries/{id}/revisions/{revision}", Permission::kRegistryView,
             [services](RouteContext& context) {
               auto number = ParsePositiveInteger(context.Param("revision"), "revision");
               if (!number.ok()) return ErrorResponse(number.error());
               auto revision =
                   services.registries->GetRevision(context.actor, context.Param("id"), *number);
               if (!revision.ok()) return ErrorResponse(revision.error());
               auto details =
                   services.registries->ShowsCredentialDetails(context.actor, context.Param("id"));
               if (!details.ok()) return ErrorResponse(details.error());
               nlohmann::json body = RevisionToJson(*revision);
               body["registry"] = revision->snapshot;
               if (!*details && body["registry"].contains("credentials")) {
                 body["registry"]["credentials"] = {
                     {"kind", body["registry"]["credentials"].value("kind", "")}};
               }
               return JsonResponse(200, body);
             });

  router.Add("GET", "/api/v1/registries/{id}/diff", Permission::kRegistryView,
             [services](RouteContext& context) {
               auto from_text = context.request.QueryParam("from");
               auto to_text = context.request.QueryParam("to");
               if (!from_text || !to_text) {
                 return ErrorResponse(Error::InvalidArgument(
                     "from and to are required: ?from=<revision>&to=<revision>"));
               }
               auto from = ParsePositiveInteger(*from_text, "from");
               if (!from.ok()) return ErrorResponse(from.error());
               auto to = ParsePositiveInteger(*to_text, "to");
               if (!to.ok()) return ErrorResponse(to.error());
               auto changes = services.registries->Diff(context.actor, context.Param("id"), *from, *to);
               if (!changes.ok()) return ErrorResponse(changes.error());
               return JsonResponse(200, {{"from", *from},
                                         {"to", *to},
                                         {"changes", FieldChangesToJson(*changes)}});
             });
}

}  // namespace reghub::http
