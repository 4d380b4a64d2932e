// RouterSchedule: one timer's worth of deadlines for a service's routers.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "vrrpd/router_schedule.h"

namespace redund::vrrpd {
namespace {

using std::chrono::milliseconds;
const vrrp::TimePoint kT0{std::chrono::seconds(100)};

TEST(RouterSchedule, EmptyHasNothingDue) {
  RouterSchedule s;
  EXPECT_EQ(s.next(), std::nullopt);
  EXPECT_TRUE(s.due(kT0).empty());
}

TEST(RouterSchedule, DueEarliestFirstAndOnlyThoseDue) {
  RouterSchedule s;
  s.set(3, kT0 + milliseconds(30));
  s.set(1, kT0 + milliseconds(10));
  s.set(2, kT0 + milliseconds(20));
  EXPECT_EQ(s.next(), kT0 + milliseconds(10));
  EXPECT_EQ(s.due(kT0 + milliseconds(20)), (std::vector<uint8_t>{1, 2}));
  EXPECT_EQ(s.next(), kT0 + milliseconds(30));
  EXPECT_TRUE(s.due(kT0 + milliseconds(29)).empty());
  // Fired routers have no deadline until set again.
  EXPECT_EQ(s.due(kT0 + milliseconds(100)), std::vector<uint8_t>{3});
  EXPECT_EQ(s.next(), std::nullopt);
}

// A backup's Master_Down deadline moves later with every advert: it must
// never fire at an old one, and must not grow the heap.
TEST(RouterSchedule, ADeadlineMovedLaterFiresOnlyThenAndCostsNoEntry) {
  RouterSchedule s;
  s.set(5, kT0 + milliseconds(360));
  for (int advert = 1; advert <= 1000; ++advert) {
    s.set(5, kT0 + milliseconds(360 + 100 * advert));
  }
  EXPECT_EQ(s.queued(), 1U);
  EXPECT_EQ(s.next(), kT0 + milliseconds(100360)) << "the stale entry is skipped";
  EXPECT_TRUE(s.due(kT0 + milliseconds(100359)).empty());
  EXPECT_EQ(s.due(kT0 + milliseconds(100360)), std::vector<uint8_t>{5});
}

TEST(RouterSchedule, ADeadlineMovedEarlierFiresThen) {
  RouterSchedule s;
  s.set(5, kT0 + milliseconds(3600));
  s.set(5, kT0 + milliseconds(600));  // a priority-0 advert: Skew_Time
  EXPECT_EQ(s.next(), kT0 + milliseconds(600));
  EXPECT_EQ(s.due(kT0 + milliseconds(600)), std::vector<uint8_t>{5});
  EXPECT_TRUE(s.due(kT0 + milliseconds(3600)).empty()) << "the later entry is stale";
}

TEST(RouterSchedule, AStoppedOrRemovedRouterNeverFires) {
  RouterSchedule s;
  s.set(7, kT0 + milliseconds(10));
  s.set(8, kT0 + milliseconds(20));
  s.set(7, std::nullopt);
  EXPECT_EQ(s.next(), kT0 + milliseconds(20));
  EXPECT_EQ(s.due(kT0 + milliseconds(50)), std::vector<uint8_t>{8});
  // Started again: its new deadline counts, not the old entry.
  s.set(7, kT0 + milliseconds(70));
  EXPECT_EQ(s.due(kT0 + milliseconds(60)), std::vector<uint8_t>{});
  EXPECT_EQ(s.due(kT0 + milliseconds(70)), std::vector<uint8_t>{7});
}

// 250 masters at 100 ms for 10 s: every advert on time, each once, and
// the heap stays at one entry per router.
TEST(RouterSchedule, TwoHundredFiftyMastersEachOncePerInterval) {
  RouterSchedule s;
  for (int vrid = 1; vrid <= 250; ++vrid) {
    s.set(static_cast<uint8_t>(vrid), kT0 + milliseconds(vrid % 100));
  }
  std::vector<int> fired(256);
  for (auto now = kT0; now < kT0 + std::chrono::seconds(10); now += milliseconds(1)) {
    for (const uint8_t vrid : s.due(now)) {
      ++fired[vrid];
      s.set(vrid, now + milliseconds(100));
    }
    EXPECT_LE(s.queued(), 250U);
  }
  for (int vrid = 1; vrid <= 250; ++vrid) {
    EXPECT_EQ(fired[vrid], 100) << "vrid " << vrid;
  }
}

}  // namespace
}  // namespace redund::vrrpd
