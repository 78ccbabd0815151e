#include "app/test_endpoints.h"

#include <cstdlib>
#include <string_view>

namespace reghub::app {

Status CheckLoopbackOrigin(const std::string& variable, const std::string& value) {
  auto refuse = [&](const std::string& why) {
    return Error::FailedPrecondition(variable + " is for tests only and must be an http origin on "
                                     "a loopback address such as http://127.0.0.1:8081; " + why);
  };
  std::string_view rest = value;
  if (!rest.starts_with("http://")) return refuse("it does not start with http://");
  rest.remove_prefix(7);
  std::string_view host = rest;
  if (host.starts_with("[")) {
    auto close = host.find(']');
    if (close == std::string_view::npos) return refuse("its IPv6 address is not closed");
    rest = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (host != "::1") return refuse("its host is not loopback");
  } else {
    auto end = host.find_first_of(":/");
    rest = end == std::string_view::npos ? std::string_view() : host.substr(end);
    host = host.substr(0, end);
    bool loopback = host == "localhost" || host.starts_with("127.");
    for (char c : host.substr(host.starts_with("127.") ? 4 : host.size())) {
      if ((c < '0' || c > '9') && c != '.') loopback = false;
    }
    if (!loopback) return refuse("its host is not loopback");
  }
  if (!rest.empty()) {
    if (rest.front() != ':') return refuse("it has a path");
    rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 5) return refuse("its port is not a number");
    for (char c : rest) {
      if (c < '0' || c > '9') return refuse("its port is not a number");
    }
  }
  return Status::Ok();
}

Result<TestEndpoints> TestEndpointsFromEnvironment() {
  TestEndpoints endpoints;
  if (const char* ecr = std::getenv("REGHUB_TEST_ECR_ENDPOINT"); ecr != nullptr && *ecr != '\0') {
    REGHUB_RETURN_IF_ERROR(CheckLoopbackOrigin("REGHUB_TEST_ECR_ENDPOINT", ecr));
    endpoints.ecr = ecr;
  }
  return endpoints;
}

}  // namespace reghub::app
