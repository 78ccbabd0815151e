#include "http/health_metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace reghub::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr UnixSeconds kNow = 1'790'000'000;

store::RegistryHealth Registry(std::string url, std::optional<store::HealthCheckRecord> latest) {
  store::RegistryHealth health;
  health.registry_id = "id-" + url;
  health.url = std::move(url);
  health.latest = std::move(latest);
  return health;
}

store::HealthCheckRecord Check(bool ok) {
  store::HealthCheckRecord check;
  check.ok = ok;
  check.checked_at = kNow - 10;
  check.latency_ms = 250;
  check.last_success_at = ok ? kNow - 10 : kNow - 3600;
  return check;
}

TEST(EscapeLabelValue, EscapesBackslashQuoteAndNewlineOnly) {
  const std::pair<std::string, std::string> cases[] = {
      {"reg.example.com", "reg.example.com"},
      {"a\\b", "a\\\\b"},
      {"say \"hi\"", "say \\\"hi\\\""},
      {"line\nbreak", "line\\nbreak"},
      {"tab\tstays", "tab\tstays"},
      {"ünï", "ünï"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(EscapeLabelValue(in), want) << in;
}

TEST(RenderHealthMetrics, PerRegistryGaugesAreLabelledByUrl) {
  auto up = Check(true);
  up.certificate_not_after = kNow + 100 * 86400;
  std::string text = RenderHealthMetrics({Registry("a.example.com", up)}, kNow);
  EXPECT_THAT(text, HasSubstr("# TYPE reghub_registry_up gauge\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registry_up{registry=\"a.example.com\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registry_last_success_timestamp_seconds{registry=\"a.example.com\"} " +
                              std::to_string(kNow - 10) + "\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registry_check_latency_seconds{registry=\"a.example.com\"} 0.25\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registry_certificate_expiry_timestamp_seconds{registry=\"a.example.com\"} " +
                              std::to_string(kNow + 100 * 86400) + "\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registry_credentials_failing{registry=\"a.example.com\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registries_certificate_expiring_soon 0\n"));
}

TEST(RenderHealthMetrics, CountsExpiringCertificatesFailingCredentialsAndStatuses) {
  auto soon = Check(true);
  soon.certificate_not_after = kNow + 29 * 86400;
  auto expired = Check(false);
  expired.certificate_not_after = kNow - 1;
  auto later = Check(true);
  later.certificate_not_after = kNow + 31 * 86400;
  auto refused = Check(false);
  refused.credentials_refused = true;
  std::string text = RenderHealthMetrics({Registry("a", soon), Registry("b", expired),
                                          Registry("c", later), Registry("d", refused),
                                          Registry("e", std::nullopt)},
                                         kNow);
  EXPECT_THAT(text, HasSubstr("reghub_registries_certificate_expiring_soon 2\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registries_credentials_failing 1\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registries{status=\"up\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registries{status=\"down\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registries{status=\"unknown\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registry_up{registry=\"d\"} 0\n"));
  EXPECT_THAT(text, Not(HasSubstr("{registry=\"e\"}"))) << "a registry never checked has no samples";
}

TEST(RenderHealthMetrics, NeverSucceededHasNoLastSuccessSample) {
  auto never = Check(false);
  never.last_success_at = 0;
  std::string text = RenderHealthMetrics({Registry("a", never)}, kNow);
  EXPECT_THAT(text, Not(HasSubstr("reghub_registry_last_success_timestamp_seconds")));
  EXPECT_THAT(text, Not(HasSubstr("reghub_registry_certificate_expiry_timestamp_seconds")));
}

TEST(RenderHealthMetrics, HostileUrlsAreEscapedInLabels) {
  std::string text = RenderHealthMetrics({Registry("evil\"} 1\nx{a=\"\\", Check(true))}, kNow);
  EXPECT_THAT(text, HasSubstr("reghub_registry_up{registry=\"evil\\\"} 1\\nx{a=\\\"\\\\\"} 1\n"));
}

TEST(RenderHealthMetrics, EmptyHubStillHasTheTotals) {
  std::string text = RenderHealthMetrics({}, kNow);
  EXPECT_THAT(text, HasSubstr("reghub_registries{status=\"unknown\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("reghub_registries_credentials_failing 0\n"));
  EXPECT_THAT(text, Not(HasSubstr("reghub_registry_up")));
}

}  // namespace
}  // namespace reghub::http
