#include "http/static_routes.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "http/error_response.h"

namespace reghub::http {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr ContentType kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

// The path's segments, or nullopt when one of them could step outside the
// directory or is otherwise not a plain file name.
std::optional<std::vector<std::string>> SafeSegments(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path.front() != '/') return std::nullopt;
  path.remove_prefix(1);
  if (path.empty()) return segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(start, slash - start);
    if (segment.empty()) {
      if (slash == path.size()) break;  // a trailing slash
      return std::nullopt;
    }
    // "." and ".." (and every dot file, such as the build's stamps) are refused.
    if (segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return std::nullopt;
    }
    segments.emplace_back(segment);
    start = slash + 1;
  }
  return segments;
}

bool IsWithin(const fs::path& root, const fs::path& candidate) {
  std::error_code error;
  fs::path real_root = fs::canonical(root, error);
  if (error) return false;
  fs::path real = fs::canonical(candidate, error);
  if (error) return false;
  auto [root_end, _] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
  return root_end == real_root.end();
}

std::optional<std::string> ReadRegularFile(const fs::path& root, const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error) || error) return std::nullopt;
  if (!IsWithin(root, file)) return std::nullopt;
  if (fs::file_size(file, error) > kMaxFileBytes || error) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// The first path segments of the UI's client-side routes (web/src/App.tsx).
constexpr std::string_view kClientRoutes[] = {"login", "registries", "environments", "teams",
                                              "users", "tokens", "audit"};

bool IsClientRoute(std::string_view first_segment) {
  for (std::string_view route : kClientRoutes) {
    if (route == first_segment) return true;
  }
  return false;
}

HttpResponse NotFound(const HttpRequest& request) {
  return ErrorResponse(Error::NotFound("no such endpoint: " + request.path));
}

void AddDocumentHeaders(HttpResponse& response) {
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}

HttpResponse FileResponse(const HttpRequest& request, std::string body, std::string_view name,
                          bool immutable) {
  HttpResponse response{200, {{"Content-Type", std::string(ContentTypeFor(name))}}, {}};
  response.headers.emplace_back(
      "Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  AddDocumentHeaders(response);
  if (request.method != "HEAD") response.body = std::move(body);
  return response;
}

HttpResponse NotBuilt(const fs::path& web_dir) {
  HttpResponse response{503, {{"Content-Type", "text/html; charset=utf-8"}}, {}};
  response.headers.emplace_back("Cache-Control", "no-store");
  AddDocumentHeaders(response);
  response.body =
      "<!doctype html><title>reghub</title><h1>The web UI is not built</h1>"
      "<p>No index.html in the web directory. Run <code>make build</code>, or start the hub "
      "with <code>--web-dir</code> naming a built UI. The REST API under /api/v1 works.</p>";
  (void)web_dir;
  return response;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string extension(file_name.substr(dot));
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& entry : kContentTypes) {
      if (entry.extension == extension) return entry.type;
    }
  }
  return "application/octet-stream";
}

RouteHandler WebUiHandler(fs::path web_dir) {
  return [web_dir = std::move(web_dir)](RouteContext& context) -> HttpResponse {
    const HttpRequest& request = context.request;
    if (request.method != "GET" && request.method != "HEAD") return NotFound(request);
    if (request.path == "/api" || request.path.starts_with("/api/")) return NotFound(request);
    auto segments = SafeSegments(request.path);
    if (!segments) return NotFound(request);
    if (!segments->empty()) {
      fs::path file = web_dir;
      for (const auto& segment : *segments) file /= segment;
      if (auto body = ReadRegularFile(web_dir, file)) {
        bool immutable = segments->size() > 1 && segments->front() == "assets";
        return FileResponse(request, std::move(*body), segments->back(), immutable);
      }
      if (segments->back().find('.') != std::string::npos || !IsClientRoute(segments->front())) {
        return NotFound(request);
      }
    }
    auto index = ReadRegularFile(web_dir, web_dir / "index.html");
    if (!index) return NotBuilt(web_dir);
    return FileResponse(request, std::move(*index), "index.html", false);
  };
}

}  // namespace reghub::http
