// The deadlines of one service's virtual routers behind a single timer.
// With a timer per router, hundreds of routers at 100 ms adverts cost an
// event-loop timer operation per advert sent and per advert received (a
// backup's Master_Down deadline moves with each advert heard): the daemon
// saturated at N = 1000. Here a deadline that moves costs a reordering of
// one node, no allocation, and wakeUpAt() lets deadlines close together
// share one wakeup. Pure: no clock, no loop.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "vrrp/types.h"

namespace redund::vrrpd {

class RouterSchedule {
 public:
  // The router's next deadline is now this (nullopt: none).
  void set(uint8_t vrid, std::optional<vrrp::TimePoint> deadline);
  // The earliest deadline of all.
  std::optional<vrrp::TimePoint> next() const;
  // When to wake up: the latest deadline within `window` of the earliest.
  // Routers woken together get one reading of the clock and so stay
  // together (a master's next advert is due an interval after it sent),
  // so after one round the wakeups number at most interval / window, not
  // one per advert; the cost is a deadline run at most `window` late,
  // once, while they merge.
  std::optional<vrrp::TimePoint> wakeUpAt(vrrp::Duration window) const;
  // The routers whose deadline is at or before `now`, earliest first.
  // They have no deadline until set() gives them one again.
  std::vector<uint8_t> due(vrrp::TimePoint now);
  // Routers with a deadline.
  std::size_t size() const { return order_.size(); }

 private:
  using Entry = std::pair<vrrp::TimePoint, uint8_t>;

  std::array<std::optional<vrrp::TimePoint>, 256> deadline_{};
  std::set<Entry> order_;
};

}  // namespace redund::vrrpd
