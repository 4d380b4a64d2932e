#include "cli/netns.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

#include "error.h"
#include "util/unique_fd.h"

namespace redund::cli {
namespace {

std::string systemError(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

std::string netnsPath(const std::string& netns) {
  if (netns.find('/') != std::string::npos) {
    return netns;
  }
  return "/run/netns/" + netns;
}

void enterNetns(const std::string& netns, bool ownSysfs) {
  const std::string path = netnsPath(netns);
  const UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    throw Error(systemError("network namespace \"" + netns + "\" (" + path + ")"));
  }
  if (setns(fd.get(), CLONE_NEWNET) != 0) {
    throw Error(systemError("cannot enter network namespace \"" + netns + "\""));
  }
  if (!ownSysfs) {
    return;
  }
  // The remount must not reach the caller's mount namespace.
  if (unshare(CLONE_NEWNS) != 0 || mount("", "/", nullptr, MS_SLAVE | MS_REC, nullptr) != 0) {
    throw Error(systemError("network namespace \"" + netns + "\": private mount namespace"));
  }
  umount2("/sys", MNT_DETACH);
  if (mount(netns.c_str(), "/sys", "sysfs", 0, nullptr) != 0) {
    throw Error(systemError("network namespace \"" + netns + "\": mount /sys"));
  }
}

}  // namespace redund::cli
