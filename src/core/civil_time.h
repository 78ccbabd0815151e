#pragma once

#include <cstdint>

namespace reghub {

// Proleptic Gregorian calendar arithmetic in UTC, without the C library's
// time zone state. Valid for years 1..9999.
struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Days from 1970-01-01 to year-month-day (negative before it).
std::int64_t DaysFromCivil(int year, int month, int day);
std::int64_t CivilToUnixSeconds(const CivilTime& time);
CivilTime UnixSecondsToCivil(std::int64_t seconds);
// The number of days in `month` of `year`.
int DaysInMonth(int year, int month);

}  // namespace reghub
