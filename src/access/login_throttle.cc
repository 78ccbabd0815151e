#include "access/login_throttle.h"

#include <algorithm>
#include <cctype>

namespace reghub::access {
namespace {

std::string UsernameKey(std::string_view username) {
  std::string key(username.substr(0, 256));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::string InSeconds(std::int64_t seconds) {
  if (seconds >= 120) return std::to_string((seconds + 59) / 60) + " minutes";
  return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
}

}  // namespace

std::int64_t LoginThrottle::WaitFor(Failures& failures, int limit, std::int64_t now) const {
  while (!failures.empty() && failures.front() + limits_.window_seconds <= now) {
    failures.pop_front();
  }
  if (static_cast<int>(failures.size()) < limit) return 0;
  // The failure that must age out before the count falls below the limit.
  std::int64_t blocking = failures[failures.size() - static_cast<std::size_t>(limit)];
  return std::max<std::int64_t>(1, blocking + limits_.window_seconds - now);
}

Status LoginThrottle::Check(std::string_view username, std::string_view source,
                            std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (auto it = by_username_.find(UsernameKey(username)); it != by_username_.end()) {
    if (std::int64_t wait = WaitFor(it->second, limits_.per_username, now); wait > 0) {
      return Error::TooManyRequests("too many failed logins for this user; try again in " +
                                        InSeconds(wait),
                                    wait);
    }
  }
  if (auto it = by_source_.find(std::string(source)); it != by_source_.end()) {
    if (std::int64_t wait = WaitFor(it->second, limits_.per_source, now); wait > 0) {
      return Error::TooManyRequests("too many failed logins from " + std::string(source) +
                                        "; try again in " + InSeconds(wait),
                                    wait);
    }
  }
  return Status::Ok();
}

void LoginThrottle::Add(std::unordered_map<std::string, Failures>& table, std::string key,
                        int limit, std::int64_t now) {
  if (table.size() >= kMaxKeys && table.find(key) == table.end()) {
    // Keys whose newest failure has aged out count for nothing.
    const std::int64_t window = limits_.window_seconds;
    std::erase_if(table, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back() + window <= now;
    });
    while (table.size() >= kMaxKeys) {
      auto stalest = std::min_element(table.begin(), table.end(), [](auto& a, auto& b) {
        return (a.second.empty() ? 0 : a.second.back()) < (b.second.empty() ? 0 : b.second.back());
      });
      table.erase(stalest);
    }
  }
  Failures& failures = table[std::move(key)];
  failures.push_back(now);
  // Only the newest `limit` failures decide anything.
  while (static_cast<int>(failures.size()) > limit) failures.pop_front();
}

void LoginThrottle::RecordFailure(std::string_view username, std::string_view source,
                                  std::int64_t now) {
  std::lock_guard lock(mutex_);
  Add(by_username_, UsernameKey(username), limits_.per_username, now);
  Add(by_source_, std::string(source), limits_.per_source, now);
}

void LoginThrottle::RecordSuccess(std::string_view username) {
  std::lock_guard lock(mutex_);
  by_username_.erase(UsernameKey(username));
}

}  // namespace reghub::access
