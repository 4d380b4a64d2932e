// SIGINT and SIGTERM as a readable descriptor.
#pragma once

#include <csignal>

#include "util/unique_fd.h"

namespace redund::cli {

// Blocks SIGINT and SIGTERM and delivers them through a signalfd while it
// lives; restores the previous mask after. A signal still pending at that
// point is delivered then, so read it with consume() first.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  StopSignals(StopSignals&&) = delete;
  StopSignals& operator=(StopSignals&&) = delete;

  int fd() const { return fd_.get(); }
  // Dequeues one pending signal; false when none was pending.
  bool consume();

 private:
  sigset_t previous_{};
  UniqueFd fd_;
};

}  // namespace redund::cli
