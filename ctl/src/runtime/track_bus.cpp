#include "runtime/track_bus.h"

namespace redund::runtime {

void TrackBus::publish(const std::string& name, bool up) {
  const auto [it, added] = states_.try_emplace(name, up);
  if (!added) {
    if (it->second == up) {
      return;
    }
    it->second = up;
  }
  listeners_.each([&](const Listener& listener) { listener(name, up); });
}

std::optional<bool> TrackBus::state(const std::string& name) const {
  const auto it = states_.find(name);
  return it == states_.end() ? std::nullopt : std::optional<bool>(it->second);
}

}  // namespace redund::runtime
