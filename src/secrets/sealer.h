#pragma once

#include <string>
#include <string_view>

#include "core/registry.h"
#include "core/result.h"
#include "secrets/master_key.h"

namespace reghub::secrets {

// Seals credentials with XChaCha20-Poly1305 under the master key, binding the
// ciphertext to its registry id (associated data) so sealed bytes copied to
// another row do not open. Thread-safe.
class Sealer {
 public:
  explicit Sealer(const MasterKey& key);

  // Opaque bytes: version, key id, nonce, ciphertext. Empty for kind none.
  std::string SealCredentials(const std::string& registry_id, const CredentialsInput& input) const;
  // internal error (never revealing content) if the bytes were altered, or
  // sealed for another registry or under another key.
  Result<CredentialsInput> OpenCredentials(const std::string& registry_id,
                                           std::string_view sealed) const;

  // A keyed BLAKE2b fingerprint of the secret material of `input`, 16 hex
  // digits: equal inputs give equal fingerprints, and the secrets cannot be
  // guessed from it offline without the master key. "" for kind none.
  std::string Fingerprint(const CredentialsInput& input) const;

 private:
  const MasterKey& key_;
};

}  // namespace reghub::secrets
