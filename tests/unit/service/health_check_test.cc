#include "service/health_check.h"

#include <gtest/gtest.h>

namespace reghub::service {
namespace {

constexpr UnixSeconds kNow = 1'790'000'000;

ConnectionTestStep Step(std::string name, StepStatus status, std::string message = "",
                        std::optional<ErrorCode> code = std::nullopt) {
  ConnectionTestStep step;
  step.name = std::move(name);
  step.status = status;
  step.message = std::move(message);
  step.error_code = code;
  return step;
}

// A report whose steps pass up to `failing` (which fails with `code`), the rest skipped.
ConnectionTestReport Report(const std::string& failing = "",
                            std::optional<ErrorCode> code = std::nullopt) {
  ConnectionTestReport report;
  report.duration_ms = 42;
  bool failed = false;
  for (const char* name : {"dns", "tcp", "tls", "ping", "credentials", "auth_ping",
                           "repository:library/app"}) {
    if (failed) {
      report.steps.push_back(Step(name, StepStatus::kSkipped));
    } else if (name == failing) {
      report.steps.push_back(Step(name, StepStatus::kFailed, "the " + failing + " step failed", code));
      failed = true;
    } else {
      report.steps.push_back(Step(name, StepStatus::kOk));
    }
  }
  report.ok = !failed;
  return report;
}

TEST(HealthCheckFromReport, PassingReportIsUpWithLatencyAndNoProblem) {
  ConnectionTestReport report = Report();
  report.certificate_not_after = kNow + 90 * 86400;
  auto check = HealthCheckFromReport(report, "r1", kNow);
  EXPECT_TRUE(check.ok);
  EXPECT_EQ(check.registry_id, "r1");
  EXPECT_EQ(check.checked_at, kNow);
  EXPECT_EQ(check.latency_ms, 42);
  EXPECT_EQ(check.failed_step, "");
  EXPECT_EQ(check.message, "");
  EXPECT_EQ(check.certificate_not_after, kNow + 90 * 86400);
  EXPECT_FALSE(check.credentials_refused);
  EXPECT_FALSE(CertificateExpiresSoon(check, kNow));
}

TEST(HealthCheckFromReport, WarningsDoNotMakeItDown) {
  ConnectionTestReport report = Report();
  report.steps[2].status = StepStatus::kWarning;
  report.certificate_not_after = kNow + 5 * 86400;
  auto check = HealthCheckFromReport(report, "r1", kNow);
  EXPECT_TRUE(check.ok);
  EXPECT_TRUE(CertificateExpiresSoon(check, kNow));
}

TEST(HealthCheckFromReport, FailedStepNameAndMessageAreKept) {
  auto check = HealthCheckFromReport(Report("tcp", ErrorCode::kUnavailable), "r1", kNow);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.failed_step, "tcp");
  EXPECT_EQ(check.message, "the tcp step failed");
  EXPECT_FALSE(check.credentials_refused);
}

TEST(HealthCheckFromReport, CredentialsRefusedTable) {
  struct Case {
    std::string failing;
    std::optional<ErrorCode> code;
    bool refused;
  };
  const Case cases[] = {
      {"credentials", ErrorCode::kUnauthenticated, true},   // token service refused
      {"credentials", ErrorCode::kUnavailable, true},       // token exchange failed
      {"credentials", std::nullopt, true},                  // no credentials where required
      {"auth_ping", ErrorCode::kUnauthenticated, true},     // 401 to Basic
      {"auth_ping", ErrorCode::kPermissionDenied, true},    // 403
      {"auth_ping", ErrorCode::kUnavailable, false},        // network
      {"repository:library/app", ErrorCode::kPermissionDenied, true},
      {"repository:library/app", ErrorCode::kInternal, false},
      {"ping", ErrorCode::kUnauthenticated, false},         // not the hub's credentials
      {"tls", std::nullopt, false},
      {"dns", ErrorCode::kUnavailable, false},
  };
  for (const Case& c : cases) {
    auto check = HealthCheckFromReport(Report(c.failing, c.code), "r1", kNow);
    EXPECT_FALSE(check.ok) << c.failing;
    EXPECT_EQ(check.failed_step, c.failing);
    EXPECT_EQ(check.credentials_refused, c.refused) << c.failing;
  }
}

TEST(HealthCheckFromReport, ExpiredCertificateCountsAsExpiringSoon) {
  ConnectionTestReport report = Report("tls");
  report.certificate_not_after = kNow - 86400;
  auto check = HealthCheckFromReport(report, "r1", kNow);
  EXPECT_TRUE(CertificateExpiresSoon(check, kNow));
}

TEST(HealthCheckFromReport, NoTlsNoCertificate) {
  auto check = HealthCheckFromReport(Report(), "r1", kNow);
  EXPECT_FALSE(check.certificate_not_after.has_value());
  EXPECT_FALSE(CertificateExpiresSoon(check, kNow));
}

TEST(HealthStatus, NamesRoundTripAndOthersAreRefused) {
  for (HealthStatus status : {HealthStatus::kUp, HealthStatus::kDown, HealthStatus::kUnknown}) {
    EXPECT_EQ(ParseHealthStatus(HealthStatusName(status)), status);
  }
  EXPECT_FALSE(ParseHealthStatus("UP").has_value());
  EXPECT_FALSE(ParseHealthStatus("").has_value());
  EXPECT_FALSE(ParseHealthStatus("healthy").has_value());
}

TEST(HealthStatus, OfTheNewestCheck) {
  EXPECT_EQ(StatusOf(std::nullopt), HealthStatus::kUnknown);
  store::HealthCheckRecord check;
  check.ok = true;
  EXPECT_EQ(StatusOf(check), HealthStatus::kUp);
  check.ok = false;
  EXPECT_EQ(StatusOf(check), HealthStatus::kDown);
}

}  // namespace
}  // namespace reghub::service
