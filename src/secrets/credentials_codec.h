#pragma once

#include <string>
#include <string_view>

#include "core/registry.h"
#include "core/result.h"

namespace reghub::secrets {

// The plaintext form of CredentialsInput inside sealed bytes: a sequence of
// fields, each a one-byte tag, a four-byte big-endian length and the bytes.
// Binary rather than JSON so that the only copy of the secrets is one buffer
// the caller can wipe (a JSON library keeps copies it never clears).
// The caller owns the returned buffer and must wipe it (WipeBuffer).
std::string EncodeCredentials(const CredentialsInput& input);
// Parses what EncodeCredentials wrote; invalid_argument naming no content on
// malformed input. The caller still wipes `plaintext`.
Result<CredentialsInput> DecodeCredentials(std::string_view plaintext);

// The stable wire name of a kind inside sealed bytes (independent of the API).
std::string_view SealedKindName(CredentialKind kind);

// Overwrites the string's bytes with zeros (not optimised away).
void WipeBuffer(std::string& buffer);

}  // namespace reghub::secrets
