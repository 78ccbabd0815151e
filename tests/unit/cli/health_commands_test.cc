#include "cli/health_commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace reghub::cli {
namespace {

using ::testing::HasSubstr;

const char* kDown = R"({"checked_at":"2026-11-27T02:00:00Z","status":"down","failed_step":"auth_ping",
  "message":"credentials refused by the registry: check the username and password","latency_ms":12,
  "certificate_not_after":"2026-12-10T00:00:00Z","certificate_expires_soon":true,"credentials_refused":true})";
const char* kUp = R"({"checked_at":"2026-11-27T01:55:00Z","status":"up","failed_step":null,"message":"",
  "latency_ms":8,"certificate_not_after":null,"certificate_expires_soon":false,"credentials_refused":false})";

TEST(RegistryHealthTable, ShowsTheRegistryThenOneRowPerCheckNewestFirst) {
  Json health = {{"url", "reg.example.com"}, {"status", "down"},
                 {"last_success_at", "2026-11-27T01:55:00Z"},
                 {"history", Json::array({Json::parse(kDown), Json::parse(kUp)})}};
  std::string text = RegistryHealthTable(health);
  EXPECT_THAT(text, HasSubstr("Registry:"));
  EXPECT_THAT(text, HasSubstr("reg.example.com"));
  EXPECT_THAT(text, HasSubstr("2026-11-27T01:55:00Z"));
  EXPECT_THAT(text, HasSubstr("CHECKED AT            STATUS  LATENCY  CERTIFICATE EXPIRES"));
  EXPECT_THAT(text, HasSubstr("2026-12-10T00:00:00Z (expires soon)"));
  EXPECT_THAT(text, HasSubstr("[credentials] auth_ping: credentials refused by the registry"));
  EXPECT_LT(text.find("down  "), text.find("up  ")) << text;
}

TEST(RegistryHealthTable, SaysWhenTheRegistryWasNeverChecked) {
  Json health = {{"url", "reg.example.com"}, {"status", "unknown"}, {"last_success_at", nullptr},
                 {"latest", nullptr}, {"history", Json::array()}};
  EXPECT_THAT(RegistryHealthTable(health), HasSubstr("never checked\n"));
}

TEST(HealthListTable, OneRowPerRegistryWithItsNewestCheck) {
  Json list = {{"registries", Json::array({
                   {{"url", "a.example.com"}, {"status", "up"},
                    {"last_success_at", "2026-11-27T01:55:00Z"}, {"latest", Json::parse(kUp)}},
                   {{"url", "b.example.com"}, {"status", "unknown"}, {"last_success_at", nullptr},
                    {"latest", nullptr}},
               })}};
  std::string text = HealthListTable(list);
  EXPECT_THAT(text, HasSubstr("URL            STATUS   CHECKED AT"));
  EXPECT_THAT(text, HasSubstr("a.example.com  up       2026-11-27T01:55:00Z  8 ms"));
  EXPECT_THAT(text, HasSubstr("b.example.com  unknown\n"));
}

TEST(HealthCheckTable, ShowsTheFailedStepAndRefusedCredentials) {
  std::string text = HealthCheckTable(Json::parse(kDown));
  EXPECT_THAT(text, HasSubstr("down"));
  EXPECT_THAT(text, HasSubstr("auth_ping"));
  EXPECT_THAT(text, HasSubstr("refused"));
  EXPECT_THAT(text, HasSubstr("12 ms"));
}

}  // namespace
}  // namespace reghub::cli
