#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "registry/http_client.h"

namespace reghub::providers {

// Docker Hub's API host and token service.
inline constexpr std::string_view kDockerHubRegistryHost = "registry-1.docker.io";
inline constexpr std::string_view kDockerHubAuthRealm = "https://auth.docker.io/token";
inline constexpr std::string_view kDockerHubService = "registry.docker.io";

// True for docker.io, index.docker.io and registry-1.docker.io (any case).
bool IsDockerHubHost(std::string_view host);
// The host to dial: registry-1.docker.io for Docker Hub's aliases, else `host`.
std::string RegistryApiHost(std::string_view host);
// Docker Hub repository names: one-part names get "library/" ("nginx" ->
// "library/nginx"); other hosts' names are returned unchanged.
std::string NormalizeRepository(std::string_view host, std::string_view repository);

// Docker Hub's pull-rate headers ("ratelimit-limit: 100;w=21600").
struct RateLimit {
  std::optional<long> limit;
  std::optional<long> remaining;
  std::optional<long> window_seconds;
  std::string source;                  // docker-ratelimit-source
};
// nullopt when the response carries no rate-limit header.
std::optional<RateLimit> ParseRateLimit(const registry::HeaderList& headers);

}  // namespace reghub::providers
