#include "runtime/kernel_events.h"

#include <system_error>

namespace redund::runtime {

KernelEvents::KernelEvents(Reactor& reactor, RedundApi& api, std::ostream& log,
                           std::function<void()> ended)
    : log_(log),
      ended_(std::move(ended)),
      stream_(api.subscribe()),
      watch_(reactor.io(), stream_->fd(), [this] { return readable(); }) {}

bool KernelEvents::readable() {
  try {
    const auto events = stream_->read();
    if (!events) {
      log_ << "redund event stream ended\n";
      if (ended_) {
        ended_();
      }
      return false;
    }
    if (!events->empty()) {
      listeners_.each([&](const Listener& l) {
        if (l.events) {
          l.events(*events);
        }
      });
    }
  } catch (const std::system_error& e) {
    if (e.code() != std::errc::no_buffer_space) {
      throw;
    }
    log_ << "redund events were lost; reading the state again\n";
    listeners_.each([](const Listener& l) {
      if (l.resync) {
        l.resync();
      }
    });
  }
  return true;
}

}  // namespace redund::runtime
