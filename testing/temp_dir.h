// A fresh, empty folder under the system's temporary folder, removed with everything in it
// when the TempDir is destroyed. For tests that need real files (databases, mail folders).
#pragma once

#include <filesystem>
#include <string>

namespace usher::testing {

class TempDir {
 public:
  // Creates "<tmp>/usher-<prefix>-XXXXXX"; aborts the test program when it cannot.
  explicit TempDir(const std::string& prefix = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / name, as a string.
  std::string File(const std::string& name) const;

 private:
  std::filesystem::path path_;
};

}  // namespace usher::testing
