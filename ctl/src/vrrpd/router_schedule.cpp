#include "vrrpd/router_schedule.h"

#include <iterator>

namespace redund::vrrpd {

void RouterSchedule::set(uint8_t vrid, std::optional<vrrp::TimePoint> deadline) {
  std::optional<vrrp::TimePoint>& current = deadline_[vrid];
  if (current == deadline) {
    return;
  }
  if (current && deadline) {
    // A backup's deadline moves with every advert heard: move the node
    // rather than free one and allocate another.
    auto node = order_.extract(Entry{*current, vrid});
    node.value().first = *deadline;
    order_.insert(std::move(node));
  } else if (current) {
    order_.erase(Entry{*current, vrid});
  } else {
    order_.emplace(*deadline, vrid);
  }
  current = deadline;
}

std::optional<vrrp::TimePoint> RouterSchedule::next() const {
  if (order_.empty()) {
    return std::nullopt;
  }
  return order_.begin()->first;
}

std::optional<vrrp::TimePoint> RouterSchedule::wakeUpAt(vrrp::Duration window) const {
  if (order_.empty()) {
    return std::nullopt;
  }
  const vrrp::TimePoint last = order_.begin()->first + window;
  // The first entry after `last`; the one before it is within the window
  // (the earliest one at least).
  const auto after = order_.upper_bound(Entry{last, uint8_t{255}});
  return std::prev(after)->first;
}

std::vector<uint8_t> RouterSchedule::due(vrrp::TimePoint now) {
  std::vector<uint8_t> vrids;
  while (!order_.empty() && order_.begin()->first <= now) {
    const uint8_t vrid = order_.begin()->second;
    order_.erase(order_.begin());
    deadline_[vrid].reset();
    vrids.push_back(vrid);
  }
  return vrids;
}

}  // namespace redund::vrrpd
