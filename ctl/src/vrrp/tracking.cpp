#include "vrrp/tracking.h"

#include <algorithm>

namespace redund::vrrp {

Tracker::Tracker(const std::vector<TrackConfig>& configs) {
  objects_.reserve(configs.size());
  for (const TrackConfig& config : configs) {
    objects_.push_back({.config = config, .up = config.initiallyUp});
  }
}

bool Tracker::set(std::string_view name, bool up) {
  const auto it = std::find_if(objects_.begin(), objects_.end(),
                               [name](const TrackedObject& o) { return o.config.name == name; });
  if (it == objects_.end() || it->up == up) {
    return false;
  }
  it->up = up;
  return true;
}

std::optional<uint8_t> Tracker::effectivePriority(uint8_t configured) const {
  int priority = configured;
  for (const TrackedObject& object : objects_) {
    const int weight = object.config.weight;
    if (weight == 0 && !object.up) {
      return std::nullopt;
    }
    if ((weight > 0 && object.up) || (weight < 0 && !object.up)) {
      priority += weight;
    }
  }
  if (configured == kOwnerPriority) {
    return kOwnerPriority;
  }
  if (priority <= 0) {
    return std::nullopt;
  }
  return static_cast<uint8_t>(std::min<int>(priority, kMaxBackupPriority));
}

}  // namespace redund::vrrp
