#pragma once

#include <cstdint>

namespace reghub::testing {

// Returns a TCP port on 127.0.0.1 that was free at the time of the call: the
// kernel picks it for a socket bound to port 0, which is then closed. Another
// process may take it before the caller binds it, so a server started on it
// must be checked for readiness. Returns 0 when no socket can be bound
// (callers ASSERT_NE(port, 0)).
std::uint16_t PickFreePort();

}  // namespace reghub::testing
