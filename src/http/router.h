#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/http_message.h"
#include "http/request_metrics.h"
#include "service/actor.h"
#include "service/permission.h"

namespace reghub::http {

using service::Permission;

// What a route handler gets: the request, the path parameters by name and,
// for routes that are not public, the caller.
struct RouteContext {
  const HttpRequest& request;
  std::map<std::string, std::string> params;
  service::Actor actor;

  const std::string& Param(const std::string& name) const { return params.at(name); }
};

using RouteHandler = std::function<HttpResponse(RouteContext&)>;
using Authenticator = std::function<Result<service::Actor>(const HttpRequest&)>;
// Decides whether an authenticated caller holds a route's permission over the
// route's parameters: ok, or permission_denied / not_found with the reason.
using Authorizer =
    std::function<Status(const service::Actor&, Permission, const RouteContext&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;   // "/api/v1/registries/{id}"
  Permission permission;
};

// Maps method + path to handlers. Patterns are literal segments and
// "{name}" segments matching one non-empty segment. Unknown paths get 404,
// known paths with another method 405; routes that are not public call the
// authenticator (401 on failure) and then the authorizer (403 or 404 on
// failure) before their handler. With `metrics`, every
// request is counted and timed under its route pattern. Add() all routes
// before the first Dispatch(); Dispatch() is then thread-safe.
class Router {
 public:
  // Without an authorizer every authenticated caller passes (tests of the
  // router alone); the hub always installs one.
  explicit Router(Authenticator authenticator, std::shared_ptr<RequestMetrics> metrics = nullptr,
                  Authorizer authorizer = nullptr);

  void Add(std::string method, std::string pattern, Permission permission, RouteHandler handler);
  // The handler for requests whose path matches no route (a path that some
  // route matches with another method still gets 405). It is public: it gets
  // no actor and no params, and must answer every method and path itself.
  // Without one such requests get the JSON 404.
  void SetFallback(RouteHandler handler);
  HttpResponse Dispatch(const HttpRequest& request) const;
  std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    RouteHandler handler;
    RequestMetrics::Series* series = nullptr;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments,
                    std::map<std::string, std::string>* params);
  // Dispatch without the metrics; `series` is set to the series to count in.
  HttpResponse Serve(const HttpRequest& request, RequestMetrics::Series** series) const;

  Authenticator authenticator_;
  Authorizer authorizer_;
  std::shared_ptr<RequestMetrics> metrics_;
  RequestMetrics::Series* unmatched_ = nullptr;
  std::vector<Route> routes_;
  RouteHandler fallback_;
};

}  // namespace reghub::http
