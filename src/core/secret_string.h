#pragma once

#include <string>
#include <string_view>

namespace reghub {

// A secret value (password, secret key, JSON key). It has no stream operator,
// no implicit conversion and no JSON mapping, so it cannot be logged or
// serialised by accident; Reveal() marks every place that reads it. The
// buffer is wiped on destruction.
class SecretString {
 public:
  SecretString() = default;
  explicit SecretString(std::string value) : value_(std::move(value)) {}
  SecretString(const SecretString&) = default;
  SecretString(SecretString&&) noexcept = default;
  SecretString& operator=(const SecretString&) = default;
  SecretString& operator=(SecretString&&) noexcept = default;
  ~SecretString() { Wipe(); }

  const std::string& Reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  std::size_t size() const { return value_.size(); }
  bool operator==(const SecretString&) const = default;

 private:
  void Wipe() {
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
  }
  std::string value_;
};

}  // namespace reghub
