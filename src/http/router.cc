#include "http/router.h"

#include <chrono>

#include "http/error_response.h"

namespace reghub::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

}  // namespace

Router::Router(Authenticator authenticator, std::shared_ptr<RequestMetrics> metrics,
               Authorizer authorizer)
    : authenticator_(std::move(authenticator)),
      authorizer_(std::move(authorizer)),
      metrics_(std::move(metrics)) {
  if (metrics_) unmatched_ = &metrics_->Register("", "unmatched");
}

void Router::Add(std::string method, std::string pattern, Permission permission,
                 RouteHandler handler) {
  Route route;
  for (auto segment : SplitPath(pattern)) route.segments.emplace_back(segment);
  route.info = {std::move(method), std::move(pattern), permission};
  route.handler = std::move(handler);
  if (metrics_) route.series = &metrics_->Register(route.info.method, route.info.pattern);
  routes_.push_back(std::move(route));
}

void Router::SetFallback(RouteHandler handler) { fallback_ = std::move(handler); }

bool Router::Match(const Route& route, const std::vector<std::string_view>& segments,
                   std::map<std::string, std::string>* params) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = route.segments[i];
    if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
      if (params) (*params)[expected.substr(1, expected.size() - 2)] = std::string(segments[i]);
    } else if (expected != segments[i]) {
      return false;
    }
  }
  return true;
}

HttpResponse Router::Dispatch(const HttpRequest& request) const {
  if (!metrics_) return Serve(request, nullptr);
  const auto start = std::chrono::steady_clock::now();
  RequestMetrics::Series* series = unmatched_;
  HttpResponse response = Serve(request, &series);
  series->Observe(response.status,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return response;
}

HttpResponse Router::Serve(const HttpRequest& request, RequestMetrics::Series** series) const {
  auto segments = SplitPath(request.path);
  std::string allowed;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route, segments, &params)) continue;
    if (route.info.method != request.method) {
      allowed += allowed.empty() ? route.info.method : ", " + route.info.method;
      continue;
    }
    if (series) *series = route.series;
    RouteContext context{request, std::move(params), {}};
    if (route.info.permission != Permission::kPublic) {
      auto actor = authenticator_(request);
      if (!actor.ok()) return ErrorResponse(actor.error());
      context.actor = std::move(actor).value();
      if (authorizer_) {
        Status allowed = authorizer_(context.actor, route.info.permission, context);
        if (!allowed.ok()) return ErrorResponse(allowed.error());
      }
    }
    return route.handler(context);
  }
  if (!allowed.empty()) {
    auto response = ErrorResponse(Error::InvalidArgument("method " + request.method +
                                                         " is not allowed here; use " + allowed));
    response.status = 405;
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  if (fallback_) {
    RouteContext context{request, {}, {}};
    return fallback_(context);
  }
  return ErrorResponse(Error::NotFound("no such endpoint: " + request.path));
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> infos;
  for (const auto& route : routes_) infos.push_back(route.info);
  return infos;
}

}  // namespace reghub::http
