#include "access/tokens.h"

#include <sodium.h>

#include <array>

#include "secrets/sodium_init.h"

namespace reghub::access {

SecretString GenerateToken() {
  secrets::EnsureSodiumInitialized();
  std::array<unsigned char, 32> random{};
  randombytes_buf(random.data(), random.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char encoded[sodium_base64_ENCODED_LEN(32, kVariant)];
  sodium_bin2base64(encoded, sizeof encoded, random.data(), random.size(), kVariant);
  sodium_memzero(random.data(), random.size());
  std::string token = std::string("rh_") + encoded;
  sodium_memzero(encoded, sizeof encoded);
  return SecretString(std::move(token));
}

std::string HashToken(std::string_view token) {
  secrets::EnsureSodiumInitialized();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest.data(), digest.size());
  return hex;
}

std::string GenerateId() {
  secrets::EnsureSodiumInitialized();
  std::array<unsigned char, 16> random{};
  randombytes_buf(random.data(), random.size());
  char hex[2 * 16 + 1];
  sodium_bin2hex(hex, sizeof hex, random.data(), random.size());
  return hex;
}

}  // namespace reghub::access
