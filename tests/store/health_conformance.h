#pragma once

// Conformance suite for the health-check history (store/health_store.h):
// every engine passes it.

#include <gtest/gtest.h>

#include "store/sql_health_store.h"
#include "store/store_test_fixture.h"

namespace reghub::store::testing {

inline HealthCheckRecord Check(const std::string& registry_id, UnixSeconds at, bool ok,
                               const std::string& failed_step = "") {
  HealthCheckRecord check;
  check.registry_id = registry_id;
  check.checked_at = at;
  check.ok = ok;
  check.failed_step = ok ? "" : failed_step;
  check.message = ok ? "" : "connection refused";
  check.latency_ms = 12;
  return check;
}

template <typename Engine>
class HealthStoreTest : public StoreTest<Engine> {
 protected:
  void SetUp() override {
    StoreTest<Engine>::SetUp();
    health_ = std::make_unique<SqlHealthStore>(this->Database());
  }
  void Record(const HealthCheckRecord& check, int keep = 100) {
    Status recorded = health_->Record(check, keep);
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  }
  std::vector<HealthCheckRecord> History(const std::string& id, int limit = 500) {
    auto history = health_->History(id, limit);
    EXPECT_TRUE(history.ok()) << history.error().message;
    return history.ok() ? *history : std::vector<HealthCheckRecord>{};
  }
  std::unique_ptr<SqlHealthStore> health_;
};
TYPED_TEST_SUITE_P(HealthStoreTest);

TYPED_TEST_P(HealthStoreTest, RecordedCheckRoundTripsEveryField) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  HealthCheckRecord check = Check("r1", kT0, false, "credentials");
  check.message = "credentials refused by the token service at https://auth.example.com/token";
  check.latency_ms = 1234;
  check.certificate_not_after = kT0 + 86400 * 10;
  check.credentials_refused = true;
  this->Record(check);
  auto history = this->History("r1");
  ASSERT_EQ(history.size(), 1u);
  const HealthCheckRecord& got = history.front();
  EXPECT_GT(got.id, 0);
  EXPECT_EQ(got.registry_id, "r1");
  EXPECT_EQ(got.checked_at, kT0);
  EXPECT_FALSE(got.ok);
  EXPECT_EQ(got.failed_step, "credentials");
  EXPECT_EQ(got.message, check.message);
  EXPECT_EQ(got.latency_ms, 1234);
  EXPECT_EQ(got.certificate_not_after, kT0 + 86400 * 10);
  EXPECT_TRUE(got.credentials_refused);
  EXPECT_EQ(got.last_success_at, 0);
}

TYPED_TEST_P(HealthStoreTest, PlainHttpCheckHasNoCertificateExpiry) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  this->Record(Check("r1", kT0, true));
  auto history = this->History("r1");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_FALSE(history.front().certificate_not_after.has_value());
  EXPECT_EQ(history.front().last_success_at, kT0);
}

TYPED_TEST_P(HealthStoreTest, HistoryIsNewestFirstAndLimited) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  for (int i = 0; i < 5; ++i) this->Record(Check("r1", kT0 + i * 60, i % 2 == 0, "tcp"));
  auto history = this->History("r1", 3);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].checked_at, kT0 + 240);
  EXPECT_EQ(history[1].checked_at, kT0 + 180);
  EXPECT_EQ(history[2].checked_at, kT0 + 120);
}

TYPED_TEST_P(HealthStoreTest, HistoryIsPrunedToTheNewestKeptChecksOnInsert) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  this->Insert(MakeRegistry("r2", "other.example.com"));
  for (int i = 0; i < 7; ++i) this->Record(Check("r1", kT0 + i, true), /*keep=*/3);
  this->Record(Check("r2", kT0, true), /*keep=*/3);
  auto history = this->History("r1");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history.front().checked_at, kT0 + 6);
  EXPECT_EQ(history.back().checked_at, kT0 + 4);
  EXPECT_EQ(this->History("r2").size(), 1u) << "pruning one registry leaves the others alone";
}

TYPED_TEST_P(HealthStoreTest, LastSuccessSurvivesPruningOfTheSuccessfulCheck) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  this->Record(Check("r1", kT0, true), 2);
  for (int i = 1; i <= 4; ++i) this->Record(Check("r1", kT0 + i * 60, false, "tcp"), 2);
  auto history = this->History("r1");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history.front().ok);
  EXPECT_EQ(history.front().last_success_at, kT0);
}

TYPED_TEST_P(HealthStoreTest, RecordForAMissingRegistryIsNotFoundAndWritesNothing) {
  Status recorded = this->health_->Record(Check("ghost", kT0, true), 100);
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->History("ghost").empty());
}

TYPED_TEST_P(HealthStoreTest, LatestListsEveryRegistryByUrlWithItsNewestCheck) {
  this->Insert(MakeRegistry("rb", "b.example.com", Provider::kGeneric, "B"));
  this->Insert(MakeRegistry("ra", "a.example.com"));
  this->Insert(MakeRegistry("rc", "c.example.com"));
  this->Record(Check("ra", kT0, true));
  this->Record(Check("ra", kT0 + 60, false, "tls"));
  this->Record(Check("rb", kT0 + 30, true));
  auto latest = this->health_->Latest();
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  ASSERT_EQ(latest->size(), 3u);
  EXPECT_EQ((*latest)[0].registry_id, "ra");
  ASSERT_TRUE((*latest)[0].latest.has_value());
  EXPECT_EQ((*latest)[0].latest->failed_step, "tls");
  EXPECT_EQ((*latest)[0].latest->last_success_at, kT0);
  EXPECT_EQ((*latest)[1].registry_id, "rb");
  EXPECT_EQ((*latest)[1].display_name, "B");
  ASSERT_TRUE((*latest)[1].latest.has_value());
  EXPECT_TRUE((*latest)[1].latest->ok);
  EXPECT_EQ((*latest)[2].registry_id, "rc");
  EXPECT_FALSE((*latest)[2].latest.has_value()) << "never checked";
  EXPECT_NE((*latest)[0].url.find("a.example.com"), std::string::npos);
}

TYPED_TEST_P(HealthStoreTest, DeletingTheRegistryDeletesItsChecks) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  this->Record(Check("r1", kT0, true));
  ASSERT_TRUE(this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  EXPECT_TRUE(this->History("r1").empty());
  auto latest = this->health_->Latest();
  ASSERT_TRUE(latest.ok());
  EXPECT_TRUE(latest->empty());
}

REGISTER_TYPED_TEST_SUITE_P(HealthStoreTest, RecordedCheckRoundTripsEveryField,
                            PlainHttpCheckHasNoCertificateExpiry, HistoryIsNewestFirstAndLimited,
                            HistoryIsPrunedToTheNewestKeptChecksOnInsert,
                            LastSuccessSurvivesPruningOfTheSuccessfulCheck,
                            RecordForAMissingRegistryIsNotFoundAndWritesNothing,
                            LatestListsEveryRegistryByUrlWithItsNewestCheck,
                            DeletingTheRegistryDeletesItsChecks);

}  // namespace reghub::store::testing
