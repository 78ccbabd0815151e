#include "providers/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include "registry/digest.h"
#include "registry/text.h"

namespace reghub::providers {
namespace {

using registry::EqualsIgnoreCase;
using registry::PercentEncode;
using registry::Sha256Hex;
using registry::ToLowerAscii;
using registry::TrimWhitespace;

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char ch : bytes) {
    hex.push_back(kHex[ch >> 4]);
    hex.push_back(kHex[ch & 0xF]);
  }
  return hex;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    segments.emplace_back(path.substr(start, slash == std::string_view::npos
                                                 ? std::string_view::npos
                                                 : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

std::string CanonicalUri(std::string_view path, bool normalize) {
  if (path.empty()) return "/";
  std::vector<std::string> raw = SplitPath(path);
  std::vector<std::string> kept;
  if (normalize) {
    for (const auto& segment : raw) {
      if (segment.empty() || segment == ".") continue;
      if (segment == "..") {
        if (!kept.empty()) kept.pop_back();
        continue;
      }
      kept.push_back(segment);
    }
  } else {
    kept = raw;
  }
  std::string uri;
  if (normalize) {
    for (const auto& segment : kept) uri += "/" + PercentEncode(PercentDecode(segment));
    bool trailing = path.back() == '/' && !kept.empty();
    if (uri.empty() || trailing) uri += "/";
    return uri;
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) uri += "/";
    uri += PercentEncode(PercentDecode(kept[i]));
  }
  return uri.empty() || uri.front() != '/' ? "/" + uri : uri;
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start < query.size()) {
    auto amp = query.find('&', start);
    std::string_view pair = query.substr(start, amp == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : amp - start);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      std::string key(pair.substr(0, eq));
      std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
      params.emplace_back(PercentEncode(PercentDecode(key)), PercentEncode(PercentDecode(value)));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [key, value] : params) out += (out.empty() ? "" : "&") + key + "=" + value;
  return out;
}

// Trims and collapses runs of spaces into one.
std::string CanonicalHeaderValue(std::string_view value) {
  value = TrimWhitespace(value);
  std::string out;
  bool in_space = false;
  for (char ch : value) {
    bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (space) {
      if (!in_space) out.push_back(' ');
      in_space = true;
    } else {
      out.push_back(ch);
      in_space = false;
    }
  }
  return out;
}

// Lower-case name -> values joined by ','.
std::map<std::string, std::string> CanonicalHeaders(const SigV4Request& request) {
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    std::string key = ToLowerAscii(TrimWhitespace(name));
    if (key == "authorization") continue;
    auto [it, inserted] = headers.emplace(key, CanonicalHeaderValue(value));
    if (!inserted) it->second += "," + CanonicalHeaderValue(value);
  }
  return headers;
}

std::string SignedHeaders(const std::map<std::string, std::string>& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += (out.empty() ? "" : ";") + name;
  return out;
}

std::string HeaderValue(const SigV4Request& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (EqualsIgnoreCase(key, name)) return std::string(TrimWhitespace(value));
  }
  return "";
}

}  // namespace

std::string AmzDate(long long unix_seconds) {
  std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y%m%dT%H%M%SZ", &tm);
  return buffer;
}

SigV4Signer::SigV4Signer(AwsCredentials credentials, SigV4Scope scope, SigV4Options options)
    : credentials_(std::move(credentials)), scope_(std::move(scope)), options_(options) {}

std::string SigV4Signer::CanonicalRequest(const SigV4Request& request) const {
  auto headers = CanonicalHeaders(request);
  std::string canonical = request.method + "\n" +
                          CanonicalUri(request.path, options_.normalize_path) + "\n" +
                          CanonicalQuery(request.query) + "\n";
  for (const auto& [name, value] : headers) canonical += name + ":" + value + "\n";
  canonical += "\n" + SignedHeaders(headers) + "\n" + Sha256Hex(request.body);
  return canonical;
}

std::string SigV4Signer::StringToSign(const SigV4Request& request) const {
  std::string amz_date = HeaderValue(request, "X-Amz-Date");
  return "AWS4-HMAC-SHA256\n" + amz_date + "\n" + amz_date.substr(0, 8) + "/" + scope_.region +
         "/" + scope_.service + "/aws4_request\n" + Sha256Hex(CanonicalRequest(request));
}

std::string SigV4Signer::Signature(std::string_view string_to_sign, std::string_view date) const {
  std::string key = Hmac("AWS4" + credentials_.secret_access_key.Reveal(), date);
  key = Hmac(key, scope_.region);
  key = Hmac(key, scope_.service);
  key = Hmac(key, "aws4_request");
  return Hex(Hmac(key, string_to_sign));
}

std::string SigV4Signer::Authorization(const SigV4Request& request) const {
  std::string date = HeaderValue(request, "X-Amz-Date").substr(0, 8);
  return "AWS4-HMAC-SHA256 Credential=" + credentials_.access_key_id + "/" + date + "/" +
         scope_.region + "/" + scope_.service + "/aws4_request, SignedHeaders=" +
         SignedHeaders(CanonicalHeaders(request)) +
         ", Signature=" + Signature(StringToSign(request), date);
}

SigV4Request SigV4Signer::Sign(SigV4Request request) const {
  bool has_token_header = !HeaderValue(request, "X-Amz-Security-Token").empty();
  bool add_token = !credentials_.session_token.empty() && !has_token_header;
  if (add_token && options_.sign_session_token) {
    request.headers.emplace_back("X-Amz-Security-Token", credentials_.session_token.Reveal());
  }
  std::string authorization = Authorization(request);
  if (add_token && !options_.sign_session_token) {
    request.headers.emplace_back("X-Amz-Security-Token", credentials_.session_token.Reveal());
  }
  request.headers.emplace_back("Authorization", std::move(authorization));
  return request;
}

}  // namespace reghub::providers
