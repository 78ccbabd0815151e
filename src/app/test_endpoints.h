#pragma once

#include <string>

#include "core/result.h"

namespace reghub::app {

// The cloud API endpoint overrides that integration tests give `reghub serve`
// through its environment, so the hub calls loopback fixtures instead of AWS.
// REGHUB_TEST_ECR_ENDPOINT ("http://127.0.0.1:PORT") redirects ECR
// GetAuthorizationToken. Tests only: a value that is not an http origin on a
// loopback address (127.0.0.0/8, [::1], localhost) is refused, so a
// production hub cannot be pointed at another host this way. (The EC2
// metadata endpoint follows the AWS SDKs' AWS_EC2_METADATA_SERVICE_ENDPOINT
// and is not handled here.)
struct TestEndpoints {
  std::string ecr;  // "" when not set
};

// failed_precondition naming the variable when a value is refused.
Result<TestEndpoints> TestEndpointsFromEnvironment();

// The check itself: ok for "http://127.0.0.1:PORT"-style loopback origins.
Status CheckLoopbackOrigin(const std::string& variable, const std::string& value);

}  // namespace reghub::app
