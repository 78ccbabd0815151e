#include "providers/docker_hub.h"

#include <cstdlib>

#include "registry/text.h"

namespace reghub::providers {
namespace {

// "100;w=21600" -> value 100, window 21600.
void ParseQuota(std::string_view text, std::optional<long>& value, std::optional<long>& window) {
  text = registry::TrimWhitespace(text);
  auto semi = text.find(';');
  std::string number(registry::TrimWhitespace(text.substr(0, semi)));
  char* end = nullptr;
  long parsed = std::strtol(number.c_str(), &end, 10);
  if (!number.empty() && end != nullptr && *end == '\0') value = parsed;
  while (semi != std::string_view::npos) {
    auto next = text.find(';', semi + 1);
    std::string_view param = registry::TrimWhitespace(text.substr(
        semi + 1, next == std::string_view::npos ? std::string_view::npos : next - semi - 1));
    if (param.starts_with("w=")) {
      std::string seconds(param.substr(2));
      long w = std::strtol(seconds.c_str(), &end, 10);
      if (!seconds.empty() && *end == '\0') window = w;
    }
    semi = next;
  }
}

}  // namespace

bool IsDockerHubHost(std::string_view host) {
  return registry::EqualsIgnoreCase(host, "docker.io") ||
         registry::EqualsIgnoreCase(host, "index.docker.io") ||
         registry::EqualsIgnoreCase(host, "registry-1.docker.io");
}

std::string RegistryApiHost(std::string_view host) {
  return IsDockerHubHost(host) ? std::string(kDockerHubRegistryHost) : std::string(host);
}

std::string NormalizeRepository(std::string_view host, std::string_view repository) {
  if (IsDockerHubHost(host) && repository.find('/') == std::string_view::npos) {
    return "library/" + std::string(repository);
  }
  return std::string(repository);
}

std::optional<RateLimit> ParseRateLimit(const registry::HeaderList& headers) {
  auto limit = registry::FirstHeader(headers, "ratelimit-limit");
  auto remaining = registry::FirstHeader(headers, "ratelimit-remaining");
  if (!limit && !remaining) return std::nullopt;
  RateLimit rate;
  std::optional<long> window;
  if (limit) ParseQuota(*limit, rate.limit, rate.window_seconds);
  if (remaining) ParseQuota(*remaining, rate.remaining, window);
  if (!rate.window_seconds) rate.window_seconds = window;
  rate.source = registry::FirstHeader(headers, "docker-ratelimit-source").value_or("");
  return rate;
}

}  // namespace reghub::providers
