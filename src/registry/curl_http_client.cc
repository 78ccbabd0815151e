#include "registry/curl_http_client.h"

#include "registry/text.h"

#include <curl/curl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

namespace reghub::registry {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<HeaderList*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100 Continue): keep only the final one
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    headers->emplace_back(std::string(Trim(line.substr(0, colon))),
                          std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

std::string HostOf(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Error TlsVerifyError(long verify_result, std::string_view detail, const std::string& host) {
  switch (verify_result) {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return Error::FailedPrecondition(
          "TLS to " + host +
          ": certificate signed by an unknown authority: choose verify-with-ca and add the CA");
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return Error::FailedPrecondition("TLS to " + host +
                                       ": the registry's certificate has expired; renew it");
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return Error::FailedPrecondition(
          "TLS to " + host + ": the registry's certificate is not valid yet; check the clocks");
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return Error::FailedPrecondition("TLS to " + host +
                                       ": the certificate is not valid for this host name; use a "
                                       "name listed in the certificate or reissue it");
    default:
      break;
  }
  if (detail.find("subject name") != std::string_view::npos ||
      detail.find("does not match") != std::string_view::npos) {
    return Error::FailedPrecondition("TLS to " + host +
                                     ": the certificate is not valid for this host name; use a "
                                     "name listed in the certificate or reissue it");
  }
  return Error::FailedPrecondition("TLS to " + host + ": certificate verification failed (" +
                                   std::string(detail) +
                                   "); choose verify-with-ca and add the CA, or fix the certificate");
}

Error TransportError(CURLcode code, CURL* curl, const char* errbuf, const HttpRequest& request) {
  std::string host = HostOf(request.url);
  std::string detail = errbuf[0] != '\0' ? std::string(errbuf) : curl_easy_strerror(code);
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION: {
      long verify = 0;
      curl_easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT, &verify);
      return TlsVerifyError(verify, detail, host);
    }
    case CURLE_SSL_CACERT_BADFILE:
      return Error::FailedPrecondition("TLS to " + host +
                                       ": the CA bundle could not be loaded; paste PEM certificates");
    case CURLE_SSL_CONNECT_ERROR:
      return Error::Unavailable("TLS handshake with " + host + " failed (" + detail +
                                "); if the registry serves plain HTTP, choose plain-http");
    case CURLE_COULDNT_RESOLVE_HOST:
      return Error::Unavailable("cannot resolve host " + host + ": check the registry URL and DNS");
    case CURLE_COULDNT_CONNECT:
      return Error::Unavailable("cannot connect to " + host + " (" + detail +
                                "): check the address, the port and firewalls");
    case CURLE_OPERATION_TIMEDOUT:
      return Error::Unavailable(request.method + " " + host + " timed out after " +
                                std::to_string(request.timeout.count()) + " ms");
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      return Error::Unavailable("no valid HTTP answer from " + host + " (" + detail +
                                "); if the registry serves HTTPS, do not choose plain-http");
    default:
      return Error::Unavailable(request.method + " " + host + " failed: " + detail);
  }
}

}  // namespace

std::vector<std::string> HeaderValues(const HeaderList& headers, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      values.push_back(value);
    }
  }
  return values;
}

std::optional<std::string> FirstHeader(const HeaderList& headers, std::string_view name) {
  auto values = HeaderValues(headers, name);
  if (values.empty()) return std::nullopt;
  return values.front();
}

CurlHttpClient::CurlHttpClient(TlsSettings tls, std::chrono::milliseconds connect_timeout)
    : tls_(std::move(tls)), connect_timeout_(connect_timeout) {
  GlobalInitOnce();
}

std::string CurlHttpClient::Scheme() const {
  return tls_.mode == TlsMode::kPlainHttp ? "http" : "https";
}

Result<HttpResponse> CurlHttpClient::Send(const HttpRequest& request) {
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return Error::Internal("cannot create an HTTP client handle");
  CURL* c = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {0};
  HttpResponse response;

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(connect_timeout_, request.timeout).count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "reghub/0.1");

  curl_blob ca_blob{};
  switch (tls_.mode) {
    case TlsMode::kVerify:
    case TlsMode::kPlainHttp:
      break;
    case TlsMode::kVerifyWithCa:
      ca_blob.data = const_cast<char*>(tls_.ca_pem.data());
      ca_blob.len = tls_.ca_pem.size();
      ca_blob.flags = CURL_BLOB_NOCOPY;
      curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &ca_blob);
      break;
    case TlsMode::kInsecure:
      curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
      break;
  }

  curl_slist* raw_headers = nullptr;
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    std::string line = name + ": " + value;
    raw_headers = curl_slist_append(raw_headers, line.c_str());
    if (EqualsIgnoreCase(name, "Content-Type")) has_content_type = true;
  }
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  if (!has_content_type) raw_headers = curl_slist_append(raw_headers, "Content-Type:");
  std::unique_ptr<curl_slist, SlistDeleter> header_list(raw_headers);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, raw_headers);

  if (request.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" || !request.body.empty()) {
    if (request.method != "GET" && request.method != "DELETE") {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return TransportError(code, c, errbuf, request);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace reghub::registry
