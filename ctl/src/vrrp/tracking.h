// Tracked objects and the priority they leave the router with.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "vrrp/config.h"

namespace redund::vrrp {

struct TrackedObject {
  TrackConfig config{};
  bool up = true;  // until told otherwise

  bool operator==(const TrackedObject&) const = default;
};

class Tracker {
 public:
  explicit Tracker(const std::vector<TrackConfig>& configs);

  // Returns whether the object is known and its state changed.
  bool set(std::string_view name, bool up);
  const std::vector<TrackedObject>& objects() const { return objects_; }

  // The priority tracking leaves `configured` at; nullopt means Fault: a
  // weight 0 object is down, or the weights bring it to 0 or below. An
  // owner keeps 255 otherwise; anyone else is clamped to 1-254.
  std::optional<uint8_t> effectivePriority(uint8_t configured) const;

 private:
  std::vector<TrackedObject> objects_;
};

}  // namespace redund::vrrp
