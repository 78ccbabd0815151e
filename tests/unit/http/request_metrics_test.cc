#include "http/request_metrics.h"

#include <gtest/gtest.h>

namespace reghub::http {
namespace {

TEST(RequestMetrics, RendersCountersAndCumulativeBucketsPerRoute) {
  RequestMetrics metrics;
  auto& series = metrics.Register("GET", "/api/v1/registries/{id}");
  series.Observe(200, 0.0003);
  series.Observe(200, 0.003);
  series.Observe(404, 3.0);
  std::string text = metrics.RenderPrometheus();
  const std::string labels = "method=\"GET\",route=\"/api/v1/registries/{id}\"";
  EXPECT_NE(text.find("reghub_http_requests_total{" + labels + ",code=\"200\"} 2\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("reghub_http_requests_total{" + labels + ",code=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"2.5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("_count{" + labels + "} 3\n"), std::string::npos);
}

TEST(RequestMetrics, RegisteringTheSameRouteTwiceGivesOneSeries) {
  RequestMetrics metrics;
  EXPECT_EQ(&metrics.Register("GET", "/a"), &metrics.Register("GET", "/a"));
  EXPECT_NE(&metrics.Register("GET", "/a"), &metrics.Register("POST", "/a"));
}

TEST(RequestMetrics, RoutesWithoutRequestsAreLeftOut) {
  RequestMetrics metrics;
  metrics.Register("GET", "/quiet");
  EXPECT_EQ(metrics.RenderPrometheus().find("/quiet"), std::string::npos);
}

}  // namespace
}  // namespace reghub::http
