#include "registry/registry_client.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "registry/digest.h"
#include "registry/media_types.h"
#include "registry/reference.h"
#include "registry/registry_errors.h"
#include "registry/text.h"
#include "registry/url.h"

namespace reghub::registry {
namespace {

std::string StripParameters(std::string_view content_type) {
  auto semi = content_type.find(';');
  return ToLowerAscii(TrimWhitespace(content_type.substr(0, semi)));
}

std::string ManifestPath(std::string_view repository, std::string_view reference) {
  return "/v2/" + std::string(repository) + "/manifests/" + std::string(reference);
}

std::string Describe(std::string_view repository, std::string_view reference) {
  return "manifest " + std::string(repository) +
         (IsDigest(reference) ? "@" : ":") + std::string(reference);
}

// Checks Docker-Content-Digest, the reference when it is a digest, and the
// body's mediaType against the Content-Type.
Result<std::string> VerifyManifest(const HttpResponse& response, std::string_view body,
                                   std::string_view reference, std::string_view media_type,
                                   const std::string& what) {
  std::string computed = Sha256Digest(body);
  auto header = response.Header("Docker-Content-Digest");
  if (header && header->starts_with("sha256:") && *header != computed) {
    return Error::Unavailable(what + ": Docker-Content-Digest " + *header +
                              " does not match the body's digest " + computed +
                              "; the registry or a proxy altered it");
  }
  if (IsDigest(reference) && reference.starts_with("sha256:") && reference != computed) {
    return Error::Unavailable(what + ": the body's digest " + computed +
                              " does not match the requested digest");
  }
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_discarded() && json.is_object() && json.contains("mediaType") &&
      json["mediaType"].is_string() && !media_type.empty() &&
      json["mediaType"].get<std::string>() != media_type) {
    return Error::Unavailable(what + ": the body's mediaType " +
                              json["mediaType"].get<std::string>() +
                              " differs from the Content-Type " + std::string(media_type));
  }
  return computed;
}

}  // namespace

RegistryClient::RegistryClient(std::string origin, HttpClient& http,
                               std::shared_ptr<CredentialSource> credentials, const Clock& clock,
                               RegistrySessionOptions options)
    : session_(std::move(origin), http, std::move(credentials), clock, std::move(options)) {}

std::string RegistryClient::OriginFor(const RegistryUrl& url, TlsMode mode) {
  std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  return std::string(mode == TlsMode::kPlainHttp ? "http" : "https") + "://" + host + ":" +
         std::to_string(url.port);
}

Result<PingResult> RegistryClient::Ping() {
  HttpRequest request;
  request.url = "/v2/";
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response, session_.Send(request, {}));
  if (response.status == 404) {
    return Error::FailedPrecondition(
        "no registry API at " + session_.origin() +
        "/v2/ (HTTP 404): check the URL names an OCI registry, not a web page or a path");
  }
  if (response.status == 400 && response.body.find("HTTPS server") != std::string::npos) {
    return Error::FailedPrecondition(
        "the registry at " + session_.origin() +
        " serves HTTPS, not plain HTTP: choose verify, verify-with-ca or insecure instead of "
        "plain-http");
  }
  if (response.status != 200) return RegistryResponseError(response, "the registry API (/v2/)");
  PingResult result;
  result.auth = session_.auth_scheme();
  result.api_version = response.Header("Docker-Distribution-API-Version").value_or("");
  return result;
}

Result<std::vector<std::string>> RegistryClient::ListPaged(std::string url, std::string_view field,
                                                           const std::vector<std::string>& scopes,
                                                           std::string_view what) {
  std::set<std::string> items;
  std::set<std::string> visited;
  while (!url.empty()) {
    if (!visited.insert(url).second || visited.size() > 10000) {
      return Error::Unavailable(std::string(what) + ": the registry's pagination loops");
    }
    HttpRequest request;
    request.url = url;
    REGHUB_ASSIGN_OR_RETURN(HttpResponse response, session_.Send(request, scopes));
    if (response.status != 200) return RegistryResponseError(response, what);
    nlohmann::json json = nlohmann::json::parse(response.body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
      return Error::Unavailable(std::string(what) + ": the registry answered with invalid JSON");
    }
    if (json.contains(field) && json[field].is_array()) {
      for (const auto& item : json[field]) {
        if (item.is_string()) items.insert(item.get<std::string>());
      }
    }
    url.clear();
    auto link = response.Header("Link");
    if (!link) break;
    auto next = ParseNextLink(*link);
    if (!next) break;
    std::string absolute_base = request.url.starts_with("/") ? session_.origin() + request.url
                                                            : request.url;
    auto resolved = ResolveUrl(absolute_base, *next);
    if (!resolved) {
      return Error::Unavailable(std::string(what) + ": invalid pagination link " + *next);
    }
    url = *resolved;
  }
  return std::vector<std::string>(items.begin(), items.end());
}

Result<std::vector<std::string>> RegistryClient::ListTags(std::string_view repository,
                                                          int page_size) {
  REGHUB_RETURN_IF_ERROR(CheckRepository(repository));
  std::string url = "/v2/" + std::string(repository) + "/tags/list";
  if (page_size > 0) url += "?n=" + std::to_string(page_size);
  return ListPaged(url, "tags", {RepositoryScope(repository, "pull")},
                   "tags of repository " + std::string(repository));
}

Result<std::vector<std::string>> RegistryClient::ListCatalog(int page_size) {
  std::string url = "/v2/_catalog";
  if (page_size > 0) url += "?n=" + std::to_string(page_size);
  return ListPaged(url, "repositories", {std::string(kCatalogScope)}, "the repository catalog");
}

Result<HttpResponse> RegistryClient::RequestManifest(std::string method,
                                                    std::string_view repository,
                                                    std::string_view reference,
                                                    const std::string& what) {
  REGHUB_RETURN_IF_ERROR(CheckReference(repository, reference));
  HttpRequest request;
  request.method = std::move(method);
  request.url = ManifestPath(repository, reference);
  request.headers.emplace_back("Accept", std::string(media_types::kManifestAccept));
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response,
                          session_.Send(request, {RepositoryScope(repository, "pull")}));
  if (response.status != 200) return RegistryResponseError(response, what);
  return response;
}

Result<Manifest> RegistryClient::GetManifest(std::string_view repository,
                                             std::string_view reference) {
  std::string what = Describe(repository, reference);
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response, RequestManifest("GET", repository, reference, what));
  Manifest manifest;
  manifest.media_type = StripParameters(response.Header("Content-Type").value_or(""));
  REGHUB_ASSIGN_OR_RETURN(manifest.digest, VerifyManifest(response, response.body, reference,
                                                          manifest.media_type, what));
  manifest.body = std::move(response.body);
  manifest.headers = std::move(response.headers);
  return manifest;
}

Result<ManifestDescriptor> RegistryClient::HeadManifest(std::string_view repository,
                                                        std::string_view reference) {
  std::string what = Describe(repository, reference);
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response, RequestManifest("HEAD", repository, reference, what));
  ManifestDescriptor descriptor;
  descriptor.media_type = StripParameters(response.Header("Content-Type").value_or(""));
  descriptor.digest = response.Header("Docker-Content-Digest").value_or("");
  if (IsDigest(reference) && !descriptor.digest.empty() && descriptor.digest != reference) {
    return Error::Unavailable(what + ": the registry reported digest " + descriptor.digest);
  }
  if (auto length = response.Header("Content-Length")) {
    descriptor.size = std::strtoll(length->c_str(), nullptr, 10);
  }
  descriptor.headers = std::move(response.headers);
  return descriptor;
}

Result<std::string> RegistryClient::GetBlob(std::string_view repository, std::string_view digest) {
  REGHUB_RETURN_IF_ERROR(CheckRepository(repository));
  if (!IsDigest(digest)) return Error::InvalidArgument("not a digest: " + std::string(digest));
  HttpRequest request;
  request.url = "/v2/" + std::string(repository) + "/blobs/" + std::string(digest);
  std::string what = "blob " + std::string(repository) + "@" + std::string(digest);
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response,
                          session_.Send(request, {RepositoryScope(repository, "pull")}));
  if (response.status != 200) return RegistryResponseError(response, what);
  if (digest.starts_with("sha256:") && Sha256Digest(response.body) != digest) {
    return Error::Unavailable(what + ": the content does not match its digest");
  }
  return std::move(response.body);
}

Result<bool> RegistryClient::BlobExists(std::string_view repository, std::string_view digest) {
  HttpRequest request;
  request.method = "HEAD";
  request.url = "/v2/" + std::string(repository) + "/blobs/" + std::string(digest);
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response,
                          session_.Send(request, {RepositoryScope(repository, "pull,push")}));
  if (response.status == 200) return true;
  if (response.status == 404) return false;
  return RegistryResponseError(response, "blob " + std::string(repository) + "@" +
                                             std::string(digest));
}

Result<std::string> RegistryClient::PushBlob(std::string_view repository, std::string_view data) {
  REGHUB_RETURN_IF_ERROR(CheckRepository(repository));
  std::string digest = Sha256Digest(data);
  std::string what = "blob upload to " + std::string(repository);
  std::vector<std::string> scopes = {RepositoryScope(repository, "pull,push")};
  REGHUB_ASSIGN_OR_RETURN(bool exists, BlobExists(repository, digest));
  if (exists) return digest;

  HttpRequest start;
  start.method = "POST";
  start.url = "/v2/" + std::string(repository) + "/blobs/uploads/";
  REGHUB_ASSIGN_OR_RETURN(HttpResponse started, session_.Send(start, scopes));
  if (started.status != 202) return RegistryResponseError(started, what);
  auto location = started.Header("Location");
  if (!location) return Error::Unavailable(what + ": the registry sent no upload Location");
  auto upload_url = ResolveUrl(session_.origin() + start.url, *location);
  if (!upload_url) return Error::Unavailable(what + ": invalid upload Location " + *location);

  HttpRequest put;
  put.method = "PUT";
  put.url = *upload_url + (upload_url->find('?') == std::string::npos ? "?" : "&") +
            "digest=" + PercentEncode(digest);
  put.headers.emplace_back("Content-Type", "application/octet-stream");
  put.body = std::string(data);
  REGHUB_ASSIGN_OR_RETURN(HttpResponse finished, session_.Send(put, scopes));
  if (finished.status != 201) return RegistryResponseError(finished, what);
  return digest;
}

Result<std::string> RegistryClient::PushManifest(std::string_view repository,
                                                 std::string_view reference,
                                                 std::string_view media_type,
                                                 std::string_view body) {
  REGHUB_RETURN_IF_ERROR(CheckReference(repository, reference));
  std::string digest = Sha256Digest(body);
  std::string what = Describe(repository, reference);
  HttpRequest request;
  request.method = "PUT";
  request.url = ManifestPath(repository, reference);
  request.headers.emplace_back("Content-Type", std::string(media_type));
  request.body = std::string(body);
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response,
                          session_.Send(request, {RepositoryScope(repository, "pull,push")}));
  if (response.status != 201 && response.status != 200) {
    return RegistryResponseError(response, what);
  }
  auto reported = response.Header("Docker-Content-Digest");
  if (reported && *reported != digest) {
    return Error::Unavailable(what + ": the registry stored digest " + *reported +
                              " but the manifest's digest is " + digest);
  }
  return digest;
}

}  // namespace reghub::registry
