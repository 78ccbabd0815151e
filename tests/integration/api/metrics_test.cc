// /metrics: the request counters and latency histograms in Prometheus text.
#include <gtest/gtest.h>

#include <string>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class MetricsApi : public SharedHubTest<MetricsApi> {};

TEST_F(MetricsApi, CountsRequestsByRoutePatternAndStatus) {
  HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody("metrics.example.com"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json()["id"];
  HttpClient anonymous;
  ASSERT_EQ(anonymous.Get(hub().Url("/api/v1/registries/" + id)).status, 401);
  ASSERT_EQ(anonymous.Get(hub().Url("/no/such/path")).status, 404);

  HttpResponse metrics = anonymous.Get(hub().Url("/metrics"));
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("# TYPE reghub_http_requests_total counter"), std::string::npos);
  EXPECT_NE(metrics.body.find("reghub_http_requests_total{method=\"POST\",route=\"/api/v1/registries\","
                              "code=\"201\"}"),
            std::string::npos)
      << metrics.body;
  // Ids never become labels: the route pattern does.
  EXPECT_NE(metrics.body.find("route=\"/api/v1/registries/{id}\",code=\"401\"}"), std::string::npos);
  EXPECT_EQ(metrics.body.find(id), std::string::npos);
  EXPECT_NE(metrics.body.find("route=\"unmatched\",code=\"404\"}"), std::string::npos);
  EXPECT_NE(metrics.body.find("reghub_http_request_duration_seconds_bucket{method=\"POST\","
                              "route=\"/api/v1/registries\",le=\"+Inf\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace reghub::testing
