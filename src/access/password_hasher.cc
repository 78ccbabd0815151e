#include "access/password_hasher.h"

#include <sodium.h>

#include <new>
#include <string_view>

#include "secrets/sodium_init.h"

namespace reghub::access {
namespace {

constexpr std::size_t kMinPasswordLength = 12;
constexpr std::size_t kMaxPasswordLength = 1024;

// Counts UTF-8 code points (continuation bytes are not counted).
std::size_t CountCharacters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

std::string HashPassword(const SecretString& password) {
  secrets::EnsureSodiumInitialized();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(encoded, password.Reveal().data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    // Only fails when the memory limit cannot be allocated.
    throw std::bad_alloc();
  }
  return encoded;
}

bool VerifyPassword(const std::string& encoded_hash, const SecretString& password) {
  secrets::EnsureSodiumInitialized();
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.Reveal().data(),
                                  password.size()) == 0;
}

Status CheckPasswordPolicy(const SecretString& password) {
  std::size_t length = CountCharacters(password.Reveal());
  if (length < kMinPasswordLength) {
    return Error::InvalidField("password", "must be at least 12 characters long");
  }
  if (length > kMaxPasswordLength) {
    return Error::InvalidField("password", "must be at most 1024 characters long");
  }
  return Status::Ok();
}

SecretString GeneratePassword(std::size_t length) {
  secrets::EnsureSodiumInitialized();
  // No look-alike characters (0/O, 1/l/I), so a printed password can be typed.
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  password.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    password.push_back(
        kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))]);
  }
  return SecretString(std::move(password));
}

}  // namespace reghub::access
