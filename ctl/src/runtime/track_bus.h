// Named objects that go up and down, published by whoever watches them
// (health checks now; BFD sessions later) and followed by whoever tracks
// them (VRRP priorities). Listeners hear changes only, each once.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "runtime/listeners.h"

namespace redund::runtime {

class TrackBus {
 public:
  using Listener = std::function<void(const std::string& name, bool up)>;
  using Registration = Listeners<Listener>::Registration;

  // Records the state; listeners hear it when it changed (or is new).
  void publish(const std::string& name, bool up);
  // The object is gone (a check a reload removed): it reads as unknown.
  void forget(const std::string& name) { states_.erase(name); }
  // nullopt: nobody published it yet.
  std::optional<bool> state(const std::string& name) const;

  Registration listen(Listener listener) { return listeners_.add(std::move(listener)); }

 private:
  std::map<std::string, bool> states_;
  Listeners<Listener> listeners_;
};

}  // namespace redund::runtime
