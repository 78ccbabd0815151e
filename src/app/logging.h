#pragma once

namespace reghub::app {

// Sends the hub's log to stdout through a buffered sink, flushed every second
// and at once for warnings and errors: a flush per line (spdlog's console
// sinks) cost a write(2) per request on the access log.
void SetUpServerLogging();

}  // namespace reghub::app
