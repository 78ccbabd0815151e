#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reghub {

// Kubernetes object names (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
// Each returns nullopt when `name` is valid, else why it is not, as a message
// for a field ("must be at most 63 characters", ...).

// RFC 1123 label: 1-63 of [a-z0-9-], starting and ending with [a-z0-9].
// Namespaces and environment names.
std::optional<std::string> CheckDns1123Label(std::string_view name);
// RFC 1123 subdomain: at most 253 characters, dot-separated RFC 1123 labels.
// Secret names.
std::optional<std::string> CheckDns1123Subdomain(std::string_view name);

// A valid subdomain made from any text: lower-cased, every other character
// replaced by '-', runs of '-' and '.' collapsed, trimmed to 253 characters
// and to an alphanumeric first and last character; "x" when nothing is left.
std::string ToDns1123Subdomain(std::string_view text);

}  // namespace reghub
