#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/result.h"
#include "registry/clock.h"
#include "registry/credentials.h"
#include "registry/http_client.h"
#include "registry/registry_session.h"

namespace reghub::registry {

// What GET /v2/ said.
struct PingResult {
  AuthScheme auth = AuthScheme::kNone;   // what the registry asked for
  std::string api_version;               // Docker-Distribution-API-Version, if sent
};

// A manifest as fetched and verified.
struct Manifest {
  std::string media_type;                // Content-Type without parameters
  std::string digest;                    // verified "sha256:…"
  std::string body;
  HeaderList headers;                    // response headers (rate limits, ETag, …)
};

// What HEAD on a manifest said.
struct ManifestDescriptor {
  std::string media_type;
  std::string digest;                    // Docker-Content-Digest ("" if not sent)
  std::int64_t size = -1;                // Content-Length, -1 if not sent
  HeaderList headers;
};

// The OCI distribution client for one registry (DESIGN.md "Registry
// operations"): discovery, pull and the push primitives used for Helm charts.
// Every call authenticates as the registry asks (see RegistrySession) and maps
// failures to reghub::Error with messages that say what to do. Manifests are
// verified: Docker-Content-Digest against the body's sha256, the body against
// the reference when it is a digest, and the body's mediaType against the
// Content-Type. Safe for concurrent use.
class RegistryClient {
 public:
  // `origin` is "https://host[:port]" (or http:// for plain-http registries).
  RegistryClient(std::string origin, HttpClient& http,
                 std::shared_ptr<CredentialSource> credentials,
                 const Clock& clock = SystemClock::Instance(),
                 RegistrySessionOptions options = {});

  // "https://host:port" for a canonical registry URL, "http://…" for plain-http.
  static std::string OriginFor(const RegistryUrl& url, TlsMode mode);

  // GET /v2/, authenticating when challenged: success means the registry
  // speaks the API and accepts the credentials.
  Result<PingResult> Ping();

  // All tags of `repository`, following Link pagination (relative links too);
  // sorted lexically and without duplicates whatever order the registry used.
  // `page_size` > 0 asks for pages of that size (n=).
  Result<std::vector<std::string>> ListTags(std::string_view repository, int page_size = 0);
  // All repositories from /v2/_catalog (not OCI; optional on registries).
  Result<std::vector<std::string>> ListCatalog(int page_size = 100);

  // `reference` is a tag or a digest.
  Result<Manifest> GetManifest(std::string_view repository, std::string_view reference);
  Result<ManifestDescriptor> HeadManifest(std::string_view repository, std::string_view reference);
  // The blob's bytes, verified against `digest`.
  Result<std::string> GetBlob(std::string_view repository, std::string_view digest);
  Result<bool> BlobExists(std::string_view repository, std::string_view digest);

  // Uploads `data` (POST then PUT ?digest=) unless the blob already exists;
  // returns its digest.
  Result<std::string> PushBlob(std::string_view repository, std::string_view data);
  // PUT /v2/<repository>/manifests/<reference>; returns the manifest's digest
  // after checking the registry computed the same.
  Result<std::string> PushManifest(std::string_view repository, std::string_view reference,
                                   std::string_view media_type, std::string_view body);

  RegistrySession& session() { return session_; }

 private:
  // GET or HEAD of a manifest with the Accept list and pull scope; any status
  // other than 200 becomes the registry's error.
  Result<HttpResponse> RequestManifest(std::string method, std::string_view repository,
                                       std::string_view reference, const std::string& what);
  Result<std::vector<std::string>> ListPaged(std::string first_url, std::string_view field,
                                             const std::vector<std::string>& scopes,
                                             std::string_view what);

  RegistrySession session_;
};

}  // namespace reghub::registry
