// The deadlines of one service's virtual routers behind a single timer.
// With a timer per router, hundreds of routers at 100 ms adverts cost an
// event-loop timer operation per advert sent and per advert received (a
// backup's Master_Down deadline moves with each advert heard): the daemon
// saturated at N = 1000. Here a deadline that moves later costs nothing
// but a store; the heap keeps each router's earliest entry and skips
// stale ones when they come up. Pure: no clock, no loop.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <utility>
#include <vector>

#include "vrrp/types.h"

namespace redund::vrrpd {

class RouterSchedule {
 public:
  // The router's next deadline is now this (nullopt: none).
  void set(uint8_t vrid, std::optional<vrrp::TimePoint> deadline);
  // The earliest deadline of all, for the one timer.
  std::optional<vrrp::TimePoint> next();
  // The routers whose deadline is at or before `now`, earliest first.
  // They have no deadline until set() gives them one again.
  std::vector<uint8_t> due(vrrp::TimePoint now);
  // Entries held, stale ones included (bounded by set() calls that moved
  // a deadline earlier since the entry came up).
  std::size_t queued() const { return heap_.size(); }

 private:
  using Entry = std::pair<vrrp::TimePoint, uint8_t>;

  std::array<std::optional<vrrp::TimePoint>, 256> deadline_{};
  std::array<std::optional<vrrp::TimePoint>, 256> queuedAt_{};  // earliest entry in the heap
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
};

}  // namespace redund::vrrpd
