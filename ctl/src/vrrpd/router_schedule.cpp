#include "vrrpd/router_schedule.h"

namespace redund::vrrpd {

void RouterSchedule::set(uint8_t vrid, std::optional<vrrp::TimePoint> deadline) {
  deadline_[vrid] = deadline;
  // Later (or none) is found out when the earlier entry comes up.
  if (deadline && (!queuedAt_[vrid] || *deadline < *queuedAt_[vrid])) {
    heap_.emplace(*deadline, vrid);
    queuedAt_[vrid] = deadline;
  }
}

std::optional<vrrp::TimePoint> RouterSchedule::next() {
  while (!heap_.empty()) {
    const auto [at, vrid] = heap_.top();
    if (queuedAt_[vrid] != at) {
      heap_.pop();  // an earlier entry replaced it, and has come up
      continue;
    }
    if (deadline_[vrid] == at) {
      return at;
    }
    heap_.pop();
    queuedAt_[vrid].reset();
    if (deadline_[vrid]) {
      heap_.emplace(*deadline_[vrid], vrid);
      queuedAt_[vrid] = deadline_[vrid];
    }
  }
  return std::nullopt;
}

std::vector<uint8_t> RouterSchedule::due(vrrp::TimePoint now) {
  std::vector<uint8_t> vrids;
  for (auto at = next(); at && *at <= now; at = next()) {
    const uint8_t vrid = heap_.top().second;
    heap_.pop();
    queuedAt_[vrid].reset();
    deadline_[vrid].reset();
    vrids.push_back(vrid);
  }
  return vrids;
}

}  // namespace redund::vrrpd
