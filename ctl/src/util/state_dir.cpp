#include "util/state_dir.h"

#include <sys/stat.h>

namespace redund::util {

std::string defaultStateDir() {
  static const std::string dir = [] {
    struct stat ns {};
    if (::stat("/proc/self/ns/net", &ns) < 0) {
      return std::string("/run/redund");
    }
    return "/run/redund/net-" + std::to_string(ns.st_ino);
  }();
  return dir;
}

}  // namespace redund::util
