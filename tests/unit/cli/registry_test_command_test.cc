#include "cli/registry_test_command.h"

#include <gtest/gtest.h>

namespace reghub::cli {
namespace {

TEST(ConnectionTestTable, ShowsEachStepWithStatusTimeAndMessageThenTheVerdict) {
  Json report = Json::parse(R"({"ok":false,"duration_ms":42,"steps":[
      {"name":"dns","status":"ok","duration_ms":1,"message":"resolves","details":{}},
      {"name":"tls","status":"failed","duration_ms":30,"message":"certificate signed by an unknown authority","details":{}},
      {"name":"ping","status":"skipped","duration_ms":0,"message":"skipped: an earlier step failed","details":{}}]})");
  EXPECT_EQ(ConnectionTestTable(report),
            "STEP  STATUS   TIME   MESSAGE\n"
            "dns   ok       1 ms   resolves\n"
            "tls   failed   30 ms  certificate signed by an unknown authority\n"
            "ping  skipped  0 ms   skipped: an earlier step failed\n"
            "connection test FAILED in 42 ms\n");
}

}  // namespace
}  // namespace reghub::cli
