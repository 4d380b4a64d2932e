#include "cli/signals.h"

#include <sys/signalfd.h>

#include <cerrno>
#include <system_error>

namespace redund::cli {

StopSignals::StopSignals() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  if (sigprocmask(SIG_BLOCK, &stop, &previous_) < 0) {
    throw std::system_error(errno, std::generic_category(), "sigprocmask");
  }
  fd_.reset(signalfd(-1, &stop, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!fd_) {
    const int code = errno;
    sigprocmask(SIG_SETMASK, &previous_, nullptr);
    throw std::system_error(code, std::generic_category(), "signalfd");
  }
}

StopSignals::~StopSignals() {
  fd_.reset();
  sigprocmask(SIG_SETMASK, &previous_, nullptr);
}

bool StopSignals::consume() {
  signalfd_siginfo info{};
  return ::read(fd_.get(), &info, sizeof(info)) == static_cast<ssize_t>(sizeof(info));
}

}  // namespace redund::cli
