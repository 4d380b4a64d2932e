// A file with given contents under /tmp for the life of the object.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace redund::test {

class TempFile {
 public:
  // `tag` keeps files of different tests apart.
  explicit TempFile(const std::string& text, const std::string& tag = "conf")
      : path_("/tmp/redund-test-" + std::to_string(getpid()) + "-" + tag) {
    std::ofstream(path_) << text;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  TempFile(TempFile&&) = delete;
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() { std::remove(path_.c_str()); }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace redund::test
