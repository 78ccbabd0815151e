// The per-route body limits: only the chart upload takes large bodies.
#include "http/body_limits.h"

#include <gtest/gtest.h>

namespace reghub::http {
namespace {

TEST(ApiBodyLimit, OnlyTheChartUploadTakesSixteenMebibytes) {
  struct Case {
    const char* method;
    const char* path;
    std::size_t limit;
  };
  for (const Case& c : {
           Case{"POST", "/api/v1/registries/abc123/charts", kChartUploadLimit},
           Case{"GET", "/api/v1/registries/abc123/charts", kApiBodyLimit},
           Case{"PUT", "/api/v1/registries/abc123/charts", kApiBodyLimit},
           Case{"POST", "/api/v1/registries//charts", kApiBodyLimit},
           Case{"POST", "/api/v1/registries/a/b/charts", kApiBodyLimit},
           Case{"POST", "/api/v1/registries/abc123/charts/x", kApiBodyLimit},
           Case{"POST", "/api/v1/registries", kApiBodyLimit},
           Case{"POST", "/api/v1/registries/abc123/test", kApiBodyLimit},
           Case{"POST", "/api/v1/auth/login", kApiBodyLimit},
       }) {
    EXPECT_EQ(ApiBodyLimit(c.method, c.path), c.limit) << c.method << " " << c.path;
  }
  EXPECT_EQ(kChartUploadLimit, 16u * 1024 * 1024);
  EXPECT_EQ(kApiBodyLimit, 1024u * 1024);
}

}  // namespace
}  // namespace reghub::http
