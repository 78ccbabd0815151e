#include "registry/digest.h"

#include <openssl/evp.h>

#include <cctype>

namespace reghub::registry {

std::string Sha256Hex(std::string_view data) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), hash, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[hash[i] >> 4]);
    hex.push_back(kHex[hash[i] & 0xF]);
  }
  return hex;
}

std::string Sha256Digest(std::string_view data) { return "sha256:" + Sha256Hex(data); }

bool IsDigest(std::string_view reference) {
  auto colon = reference.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view algorithm = reference.substr(0, colon);
  std::string_view hex = reference.substr(colon + 1);
  std::size_t expected = algorithm == "sha256" ? 64 : algorithm == "sha512" ? 128 : 0;
  if (expected == 0 || hex.size() != expected) return false;
  for (char ch : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(ch)) ||
        std::isupper(static_cast<unsigned char>(ch))) {
      return false;
    }
  }
  return true;
}

}  // namespace reghub::registry
