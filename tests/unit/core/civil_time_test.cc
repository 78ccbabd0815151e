#include "core/civil_time.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/registry_url.h"

namespace reghub {
namespace {

TEST(CivilTime, KnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(CivilToUnixSeconds({2026, 11, 26, 22, 39, 0}), 1795732740);
  CivilTime t = UnixSecondsToCivil(1795732740);
  EXPECT_EQ(t.year, 2026);
  EXPECT_EQ(t.month, 11);
  EXPECT_EQ(t.day, 26);
  EXPECT_EQ(t.hour, 22);
  EXPECT_EQ(t.minute, 39);
  EXPECT_EQ(t.second, 0);
}

TEST(CivilTime, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 2), 28);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
  EXPECT_EQ(DaysInMonth(2026, 13), 0);
}

TEST(CivilTime, RoundTripsEverySecondSampled) {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> seconds(-2208988800LL, 253402300799LL);
  for (int i = 0; i < 20000; ++i) {
    std::int64_t s = seconds(random);
    ASSERT_EQ(CivilToUnixSeconds(UnixSecondsToCivil(s)), s) << s;
  }
}

// Random input never crashes the URL parser, and what it accepts is stable.
TEST(RegistryUrl, RandomInputIsRefusedOrCanonicalisedStably) {
  std::mt19937 random(7);
  const std::string alphabet = "abcXYZ019-.:[]/@?#%_ \t\x01\xc3\xbc";
  std::uniform_int_distribution<std::size_t> length(0, 24);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string input;
    for (std::size_t n = length(random); n > 0; --n) input += alphabet[pick(random)];
    auto url = CanonicalizeRegistryUrl(input);
    if (!url.ok()) {
      ASSERT_EQ(url.error().details.size(), 1u) << input;
      continue;
    }
    ++accepted;
    auto again = CanonicalizeRegistryUrl(url->ToString());
    ASSERT_TRUE(again.ok()) << input;
    ASSERT_EQ(*again, *url) << input;
  }
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace reghub
