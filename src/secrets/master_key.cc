#include "secrets/master_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>

#include "secrets/sodium_init.h"

namespace reghub::secrets {
namespace {

namespace fs = std::filesystem;

// The file holds the key as 64 lower-case hex digits and a newline.
constexpr std::size_t kHexLength = kMasterKeyBytes * 2;

std::string ErrnoText(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// Wipes a std::string in place before it is released.
void WipeString(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
}

// Closes a file descriptor on scope exit.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_;
};

std::string EncodeKey(const MasterKey& key) {
  std::string hex(kHexLength + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.data(), kMasterKeyBytes);
  hex.resize(kHexLength);
  hex.push_back('\n');
  return hex;
}

Status WriteAll(int fd, const std::string& text, const fs::path& path) {
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::Internal("cannot write master key file " + path.string() + ": " +
                             ErrnoText(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes a new key to a temporary file next to `path`, then links it into
// place: link() never replaces an existing file, so two hubs starting at once
// cannot overwrite each other's key. Returns false (no error) when `path`
// appeared in the meantime.
Result<bool> CreateKeyFile(const fs::path& path, const MasterKey& key) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string temp_template = (dir / (path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(temp_template.data());  // mode 0600
  if (fd < 0) {
    return Error::Internal("cannot create master key file in " + dir.string() + ": " +
                           ErrnoText(errno));
  }
  fs::path temp = temp_template;
  Status status;
  {
    FdCloser closer(fd);
    std::string encoded = EncodeKey(key);
    if (::fchmod(fd, 0600) != 0) {
      status = Error::Internal("cannot set mode of " + temp.string() + ": " + ErrnoText(errno));
    } else {
      status = WriteAll(fd, encoded, temp);
    }
    WipeString(encoded);
    if (status.ok() && ::fsync(fd) != 0) {
      status = Error::Internal("cannot sync master key file: " + ErrnoText(errno));
    }
  }
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status.error();
  }
  int link_result = ::link(temp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(temp.c_str());
  if (link_result != 0) {
    if (link_errno == EEXIST) return false;
    return Error::Internal("cannot create master key file " + path.string() + ": " +
                           ErrnoText(link_errno));
  }
  SyncDirectory(dir);
  return true;
}

Result<std::unique_ptr<MasterKey>> ReadKeyFile(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return Error::FailedPrecondition("cannot open master key file " + path.string() + ": " +
                                     ErrnoText(errno));
  }
  FdCloser closer(fd);
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return Error::Internal("cannot stat master key file " + path.string() + ": " +
                           ErrnoText(errno));
  }
  if (!S_ISREG(info.st_mode)) {
    return Error::FailedPrecondition("master key file " + path.string() + " is not a regular file");
  }
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return Error::FailedPrecondition("master key file " + path.string() +
                                     " is readable by group or others (mode " + mode +
                                     "); run: chmod 600 " + path.string());
  }
  std::string content(kHexLength + 2, '\0');
  ssize_t n = ::read(fd, content.data(), content.size());
  if (n < 0) {
    WipeString(content);
    return Error::Internal("cannot read master key file " + path.string() + ": " +
                           ErrnoText(errno));
  }
  content.resize(static_cast<std::size_t>(n));
  bool well_formed = content.size() == kHexLength + 1 && content.back() == '\n';
  std::array<unsigned char, kMasterKeyBytes> bytes{};
  std::size_t decoded = 0;
  if (well_formed) {
    for (std::size_t i = 0; i < kHexLength; ++i) {
      char c = content[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) well_formed = false;
    }
  }
  if (well_formed) {
    well_formed = sodium_hex2bin(bytes.data(), bytes.size(), content.data(), kHexLength, nullptr,
                                 &decoded, nullptr) == 0 &&
                  decoded == kMasterKeyBytes;
  }
  WipeString(content);
  if (!well_formed) {
    sodium_memzero(bytes.data(), bytes.size());
    return Error::FailedPrecondition("master key file " + path.string() +
                                     " is not a reghub master key (64 hex digits and a newline)");
  }
  auto key = std::make_unique<MasterKey>(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

}  // namespace

MasterKey::MasterKey(const std::array<unsigned char, kMasterKeyBytes>& bytes) : bytes_(bytes) {
  EnsureSodiumInitialized();
  // Best effort: keep the key out of swap. Failure (RLIMIT_MEMLOCK) is not fatal.
  sodium_mlock(bytes_.data(), bytes_.size());
  static constexpr char kIdContext[] = "reghub master key id v1";
  unsigned char digest[16];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof digest);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kIdContext),
                            sizeof kIdContext - 1);
  crypto_generichash_update(&state, bytes_.data(), bytes_.size());
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[9];
  sodium_bin2hex(hex, sizeof hex, digest, 4);
  key_id_ = std::string("k1:") + hex;
}

// sodium_munlock() zeroes the memory before unlocking it.
MasterKey::~MasterKey() { sodium_munlock(bytes_.data(), bytes_.size()); }

MasterKey MasterKey::Generate() {
  EnsureSodiumInitialized();
  // The temporary copy is wiped after the key has been constructed from it.
  struct WipedBytes {
    std::array<unsigned char, kMasterKeyBytes> bytes{};
    ~WipedBytes() { sodium_memzero(bytes.data(), bytes.size()); }
  } raw;
  randombytes_buf(raw.bytes.data(), raw.bytes.size());
  return MasterKey(raw.bytes);
}

Result<std::unique_ptr<MasterKey>> LoadOrCreateMasterKey(const std::filesystem::path& path) {
  EnsureSodiumInitialized();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) {
    if (!path.parent_path().empty() && !fs::exists(path.parent_path(), ec)) {
      fs::create_directories(path.parent_path(), ec);
      if (ec) {
        return Error::Internal("cannot create directory " + path.parent_path().string() + ": " +
                               ec.message());
      }
      fs::permissions(path.parent_path(), fs::perms::owner_all, fs::perm_options::replace, ec);
    }
    MasterKey fresh = MasterKey::Generate();
    REGHUB_ASSIGN_OR_RETURN(bool created, CreateKeyFile(path, fresh));
    (void)created;  // when another process won the race, its key is read below
  }
  return ReadKeyFile(path);
}

}  // namespace reghub::secrets
