#pragma once

#include <string>

#include "core/result.h"
#include "core/secret_string.h"

namespace reghub::access {

// Argon2id (libsodium crypto_pwhash_str, interactive limits).
std::string HashPassword(const SecretString& password);
bool VerifyPassword(const std::string& encoded_hash, const SecretString& password);

// Password policy for user-chosen passwords: 12 to 1024 characters.
Status CheckPasswordPolicy(const SecretString& password);

// A random printable password of `length` characters, for generated admin passwords.
SecretString GeneratePassword(std::size_t length = 24);

}  // namespace reghub::access
