// The redund module's events, read once for the whole daemon: one genl
// subscription, every batch handed to every listener (each picks its own
// device), and a resync for all when the socket overflowed and events
// were lost.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "api.h"
#include "runtime/listeners.h"
#include "runtime/reactor.h"

namespace redund::runtime {

class KernelEvents {
 public:
  struct Listener {
    std::function<void(const std::vector<Event>&)> events;
    std::function<void()> resync;  // events were lost: read the state again
  };

  using Registration = Listeners<Listener>::Registration;

  // Subscribes at once, so that nothing a service reads after this is
  // missed. `ended` is called when the stream ends (module gone).
  KernelEvents(Reactor& reactor, RedundApi& api, std::ostream& log, std::function<void()> ended);

  Registration listen(Listener listener) { return listeners_.add(std::move(listener)); }

 private:
  bool readable();

  std::ostream& log_;
  std::function<void()> ended_;
  std::unique_ptr<EventStream> stream_;
  Listeners<Listener> listeners_;
  FdWatch watch_;
};

}  // namespace redund::runtime
