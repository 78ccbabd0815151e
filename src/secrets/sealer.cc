#include "secrets/sealer.h"

#include <sodium.h>

#include <array>
#include <string>

#include "secrets/credentials_codec.h"
#include "secrets/sodium_init.h"

namespace reghub::secrets {
namespace {

// Layout of sealed bytes:
//   [0]              format version (kVersion)
//   [1]              length L of the key id
//   [2, 2+L)         key id ("k1:" + 8 hex), to tell which key sealed it
//   [2+L, 2+L+24)    XChaCha20 nonce
//   [2+L+24, end)    ciphertext and 16-byte Poly1305 tag
// Associated data: the header ([0, 2+L)) followed by the registry id, so the
// header cannot be altered and the bytes do not open for another registry.
constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

// Sub-keys derived from the master key, one per purpose (crypto_kdf contexts
// are exactly 8 characters).
constexpr char kSealContext[crypto_kdf_CONTEXTBYTES + 1] = "rh-seal_";
constexpr char kFingerprintContext[crypto_kdf_CONTEXTBYTES + 1] = "rh-fprnt";
constexpr std::uint64_t kSubkeyId = 1;

static_assert(crypto_kdf_KEYBYTES == kMasterKeyBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);

// A derived key that is wiped when it goes out of scope.
class Subkey {
 public:
  Subkey(const MasterKey& master, const char* context) {
    crypto_kdf_derive_from_key(bytes_.data(), bytes_.size(), kSubkeyId, context, master.data());
  }
  Subkey(const Subkey&) = delete;
  Subkey& operator=(const Subkey&) = delete;
  ~Subkey() { sodium_memzero(bytes_.data(), bytes_.size()); }
  const unsigned char* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  std::array<unsigned char, 32> bytes_{};
};

// Wipes a plaintext buffer on every exit path.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& buffer) : buffer_(buffer) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() { WipeBuffer(buffer_); }

 private:
  std::string& buffer_;
};

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string AssociatedData(std::string_view header, const std::string& registry_id) {
  std::string ad(header);
  ad += registry_id;
  return ad;
}

Error CannotOpen(const std::string& why) {
  return Error::Internal("stored credentials cannot be opened: " + why);
}

}  // namespace

Sealer::Sealer(const MasterKey& key) : key_(key) { EnsureSodiumInitialized(); }

std::string Sealer::SealCredentials(const std::string& registry_id,
                                    const CredentialsInput& input) const {
  if (input.kind == CredentialKind::kNone) return "";
  const std::string& key_id = key_.key_id();
  std::string header;
  header.push_back(static_cast<char>(kVersion));
  header.push_back(static_cast<char>(key_id.size()));
  header += key_id;

  std::array<unsigned char, kNonceBytes> nonce{};
  randombytes_buf(nonce.data(), nonce.size());

  std::string plaintext = EncodeCredentials(input);
  WipeOnExit wipe(plaintext);
  std::string sealed = header;
  sealed.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
  std::size_t body_offset = sealed.size();
  sealed.resize(body_offset + plaintext.size() + kTagBytes);

  Subkey subkey(key_, kSealContext);
  std::string ad = AssociatedData(header, registry_id);
  unsigned long long ciphertext_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(sealed.data()) + body_offset, &ciphertext_length,
      Bytes(plaintext), plaintext.size(), Bytes(ad), ad.size(), nullptr, nonce.data(),
      subkey.data());
  sealed.resize(body_offset + ciphertext_length);
  return sealed;
}

Result<CredentialsInput> Sealer::OpenCredentials(const std::string& registry_id,
                                                 std::string_view sealed) const {
  EnsureSodiumInitialized();
  if (sealed.empty()) return CredentialsInput{};
  if (sealed.size() < 2) return CannotOpen("the sealed value is truncated");
  if (static_cast<unsigned char>(sealed[0]) != kVersion) {
    return CannotOpen("unknown format version " +
                      std::to_string(static_cast<unsigned char>(sealed[0])));
  }
  std::size_t key_id_length = static_cast<unsigned char>(sealed[1]);
  std::size_t header_length = 2 + key_id_length;
  if (sealed.size() < header_length + kNonceBytes + kTagBytes) {
    return CannotOpen("the sealed value is truncated");
  }
  std::string_view key_id = sealed.substr(2, key_id_length);
  if (key_id != key_.key_id()) {
    return CannotOpen("sealed under key " + std::string(key_id) + ", not the current key " +
                      key_.key_id());
  }
  std::string_view header = sealed.substr(0, header_length);
  std::string_view nonce = sealed.substr(header_length, kNonceBytes);
  std::string_view ciphertext = sealed.substr(header_length + kNonceBytes);

  std::string plaintext(ciphertext.size() - kTagBytes, '\0');
  WipeOnExit wipe(plaintext);
  Subkey subkey(key_, kSealContext);
  std::string ad = AssociatedData(header, registry_id);
  unsigned long long plaintext_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()),
                                                 &plaintext_length, nullptr, Bytes(ciphertext),
                                                 ciphertext.size(), Bytes(ad), ad.size(),
                                                 Bytes(nonce), subkey.data()) != 0) {
    return CannotOpen("authentication failed (altered, or sealed for another registry)");
  }
  auto decoded = DecodeCredentials(std::string_view(plaintext).substr(0, plaintext_length));
  if (!decoded.ok()) return CannotOpen(decoded.error().message);
  return std::move(decoded).value();
}

std::string Sealer::Fingerprint(const CredentialsInput& input) const {
  EnsureSodiumInitialized();
  if (input.kind == CredentialKind::kNone) return "";
  // Region and FIPS mode are settings, not secret material: changing them
  // does not change the fingerprint.
  CredentialsInput material;
  material.kind = input.kind;
  material.username = input.username;
  material.password = input.password;
  material.access_key_id = input.access_key_id;
  material.secret_access_key = input.secret_access_key;
  material.session_token = input.session_token;
  material.json_key = input.json_key;
  std::string encoded = EncodeCredentials(material);
  WipeOnExit wipe(encoded);

  Subkey subkey(key_, kFingerprintContext);
  // BLAKE2b's shortest output is 16 bytes; the fingerprint shows the first 8.
  std::array<unsigned char, crypto_generichash_BYTES_MIN> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(encoded), encoded.size(), subkey.data(),
                     subkey.size());
  char hex[2 * 8 + 1];
  sodium_bin2hex(hex, sizeof hex, digest.data(), 8);
  return hex;
}

}  // namespace reghub::secrets
