#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace reghub::testing {

// A fresh, private (0700) directory under `parent` (default: $TMPDIR, else
// /tmp), removed with all its contents when the object goes away. Throws
// std::runtime_error when the directory cannot be made. Not copyable; movable.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "reghub-test",
                   const std::filesystem::path& parent = {});
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  ~TempDir();

  const std::filesystem::path& path() const { return path_; }
  // path() / name.
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace reghub::testing
