#pragma once

#include <filesystem>
#include <string_view>

#include "http/http_message.h"
#include "http/router.h"

namespace reghub::http {

// Serves the built web UI (web/dist) from `web_dir`, as the router's fallback
// for every path no API route matches:
// - GET/HEAD of an existing regular file below `web_dir`: the file, with its
//   content type; files under /assets/ (content-hashed names from the build)
//   are cacheable for a year and immutable, everything else "no-cache".
// - GET/HEAD of / and of the UI's client-side routes (a first segment of
//   login, registries, environments, teams, users, tokens or audit, and a
//   last segment without '.', such as /registries/abc/revisions):
//   index.html, so that reloading a page of the single-page app works.
// - Everything else (other methods, /api/..., other paths, a missing file
//   with an extension): the API's JSON 404.
// Paths holding "..", ".", dot-file, empty or backslash segments, NUL bytes, or files
// that resolve (through symlinks) outside `web_dir` are refused with 404:
// nothing outside the directory is ever read. When `web_dir` has no
// index.html the UI paths answer 503 with a page saying how to build it.
// Files are read per request (the UI is small); thread-safe.
RouteHandler WebUiHandler(std::filesystem::path web_dir);

// The Content-Type for a file name's extension ("application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace reghub::http
