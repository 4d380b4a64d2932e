// What the daemon tells `redundctl monitor` as it happens: protocol and
// check state changes and reloads, typed (the log says the same in prose).
// Services post them through their Context; redundd streams them to the
// subscribers of its control socket (control/protocol.h).
#pragma once

#include <functional>
#include <string>

#include "runtime/listeners.h"

namespace redund::runtime {

struct Notice {
  std::string kind{};    // "vrrp", "lacp", "check", "reload"
  std::string object{};  // "r1 vrid 5 inet", "r0 hv0", "r0 aggregate", "web", the file
  std::string from{};    // the state before; "" when nothing changed state
  std::string to{};      // the state after, or what happened ("applied", ...)
  std::string detail{};  // why, when known

  bool operator==(const Notice&) const = default;
};

class Notices {
 public:
  using Listener = std::function<void(const Notice&)>;
  using Registration = Listeners<Listener>::Registration;

  Registration listen(Listener listener) { return listeners_.add(std::move(listener)); }
  void post(const Notice& notice) {
    listeners_.each([&](const Listener& listener) { listener(notice); });
  }

 private:
  Listeners<Listener> listeners_;
};

}  // namespace redund::runtime
