#include "core/registry.h"

#include <array>
#include <utility>

namespace reghub {
namespace {

// Each enum's wire names, indexed by the enum's value.
constexpr std::array<std::string_view, 7> kProviderNames = {
    "generic", "docker-hub", "ecr", "acr", "gcp-artifact-registry", "gcr", "quay"};
constexpr std::array<std::string_view, 2> kAccessNames = {"private", "public"};
constexpr std::array<std::string_view, 5> kCredentialKindNames = {
    "none", "basic", "ecr-access-key", "ecr-instance-role", "gcp-service-account"};
constexpr std::array<std::string_view, 4> kTlsModeNames = {"verify", "verify-with-ca", "insecure",
                                                           "plain-http"};

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, Enum value) {
  auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : std::string_view("unknown");
}

// Exact, case-sensitive match: wire names are lower-case by contract.
template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ProviderName(Provider provider) { return NameOf(kProviderNames, provider); }
std::optional<Provider> ParseProvider(std::string_view name) {
  return Parse<Provider>(kProviderNames, name);
}

std::string_view AccessName(Access access) { return NameOf(kAccessNames, access); }
std::optional<Access> ParseAccess(std::string_view name) {
  return Parse<Access>(kAccessNames, name);
}

std::string_view CredentialKindName(CredentialKind kind) {
  return NameOf(kCredentialKindNames, kind);
}
std::optional<CredentialKind> ParseCredentialKind(std::string_view name) {
  return Parse<CredentialKind>(kCredentialKindNames, name);
}

std::string_view TlsModeName(TlsMode mode) { return NameOf(kTlsModeNames, mode); }
std::optional<TlsMode> ParseTlsMode(std::string_view name) {
  return Parse<TlsMode>(kTlsModeNames, name);
}

std::span<const std::string_view> ProviderNames() { return kProviderNames; }
std::span<const std::string_view> AccessNames() { return kAccessNames; }
std::span<const std::string_view> CredentialKindNames() { return kCredentialKindNames; }
std::span<const std::string_view> TlsModeNames() { return kTlsModeNames; }

}  // namespace reghub
