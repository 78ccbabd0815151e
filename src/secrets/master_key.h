#pragma once

#include <array>
#include <filesystem>
#include <string>

#include "core/result.h"

namespace reghub::secrets {

inline constexpr std::size_t kMasterKeyBytes = 32;

// The hub's root secret. Held in locked, wiped memory; never printed.
class MasterKey {
 public:
  explicit MasterKey(const std::array<unsigned char, kMasterKeyBytes>& bytes);
  MasterKey(const MasterKey&) = delete;
  MasterKey& operator=(const MasterKey&) = delete;
  ~MasterKey();

  const unsigned char* data() const { return bytes_.data(); }
  // A short public id of the key ("k1:" + 8 hex of a hash), stored with each
  // sealed value so that rotation can tell which key sealed it.
  const std::string& key_id() const { return key_id_; }

  static MasterKey Generate();

 private:
  std::array<unsigned char, kMasterKeyBytes> bytes_;
  std::string key_id_;
};

// Loads `path`, or creates it (mode 0600, written atomically) with a new
// random key when it does not exist. Refuses a file that is not exactly the
// key's encoding or that is readable by group or others.
Result<std::unique_ptr<MasterKey>> LoadOrCreateMasterKey(const std::filesystem::path& path);

}  // namespace reghub::secrets
