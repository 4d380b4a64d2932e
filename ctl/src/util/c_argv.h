// The char* array exec and posix_spawn want, pointing into `args`, which
// must outlive it; null-terminated.
#pragma once

#include <string>
#include <vector>

namespace redund::util {

inline std::vector<char*> cArgv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  return argv;
}

}  // namespace redund::util
