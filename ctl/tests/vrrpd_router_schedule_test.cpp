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
// never fire at an old one, and must not grow the schedule.
TEST(RouterSchedule, ADeadlineMovedLaterFiresOnlyThenAndCostsNoEntry) {
  RouterSchedule s;
  s.set(5, kT0 + milliseconds(360));
  for (int advert = 1; advert <= 1000; ++advert) {
    s.set(5, kT0 + milliseconds(360 + 100 * advert));
  }
  EXPECT_EQ(s.size(), 1U);
  EXPECT_EQ(s.next(), kT0 + milliseconds(100360)) << "no old deadline left";
  EXPECT_TRUE(s.due(kT0 + milliseconds(100359)).empty());
  EXPECT_EQ(s.due(kT0 + milliseconds(100360)), std::vector<uint8_t>{5});
}

TEST(RouterSchedule, ADeadlineMovedEarlierFiresThen) {
  RouterSchedule s;
  s.set(5, kT0 + milliseconds(3600));
  s.set(5, kT0 + milliseconds(600));  // a priority-0 advert: Skew_Time
  EXPECT_EQ(s.next(), kT0 + milliseconds(600));
  EXPECT_EQ(s.due(kT0 + milliseconds(600)), std::vector<uint8_t>{5});
  EXPECT_TRUE(s.due(kT0 + milliseconds(3600)).empty()) << "the later deadline is gone";
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
// the schedule stays at one entry per router.
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
    EXPECT_LE(s.size(), 250U);
  }
  for (int vrid = 1; vrid <= 250; ++vrid) {
    EXPECT_EQ(fired[vrid], 100) << "vrid " << vrid;
  }
}

TEST(RouterSchedule, WakeUpAtTheLatestDeadlineWithinTheWindow) {
  RouterSchedule s;
  EXPECT_EQ(s.wakeUpAt(milliseconds(5)), std::nullopt);
  s.set(1, kT0 + milliseconds(10));
  EXPECT_EQ(s.wakeUpAt(milliseconds(5)), kT0 + milliseconds(10)) << "alone: on time";
  s.set(2, kT0 + milliseconds(13));
  s.set(3, kT0 + milliseconds(15));
  s.set(4, kT0 + milliseconds(16));
  EXPECT_EQ(s.wakeUpAt(milliseconds(5)), kT0 + milliseconds(15)) << "the window's end counts";
  EXPECT_EQ(s.wakeUpAt(milliseconds(0)), kT0 + milliseconds(10));
  EXPECT_EQ(s.due(kT0 + milliseconds(15)), (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(s.wakeUpAt(milliseconds(5)), kT0 + milliseconds(16));
}

// 250 masters at 100 ms, first deadlines scattered over the interval, the
// service waking up at wakeUpAt(5 ms) as the daemon does: after the first
// round they fire in at most 20 wakeups per interval, each advert once per
// interval, never more than the window late, and an interval never
// longer than interval + window.
TEST(RouterSchedule, MastersWokenTogetherStayTogether) {
  constexpr auto kInterval = milliseconds(100);
  constexpr auto kWindow = milliseconds(5);
  RouterSchedule s;
  std::vector<vrrp::TimePoint> last(256);
  for (int vrid = 1; vrid <= 250; ++vrid) {
    s.set(static_cast<uint8_t>(vrid), kT0 + milliseconds((vrid * 37) % 100));
  }
  std::vector<int> fired(256);
  int wakeups = 0;
  int laterWakeups = 0;
  const vrrp::TimePoint end = kT0 + std::chrono::seconds(10);
  for (auto at = s.wakeUpAt(kWindow); at && *at < end; at = s.wakeUpAt(kWindow)) {
    const auto earliest = *s.next();
    EXPECT_LE(*at - earliest, kWindow);
    ++wakeups;
    if (*at >= kT0 + kInterval) {
      ++laterWakeups;
    }
    for (const uint8_t vrid : s.due(*at)) {
      if (fired[vrid]++ > 0) {
        EXPECT_LE(*at - last[vrid], kInterval + kWindow) << "vrid " << int{vrid};
      }
      last[vrid] = *at;
      s.set(vrid, *at + kInterval);
    }
  }
  for (int vrid = 1; vrid <= 250; ++vrid) {
    EXPECT_GE(fired[vrid], 99) << "vrid " << vrid;
    EXPECT_LE(fired[vrid], 100) << "vrid " << vrid;
  }
  // 99 later rounds: at most 20 wakeups each, against 250 without the
  // window.
  EXPECT_LE(laterWakeups, 99 * 20);
  EXPECT_GT(wakeups, 0);
}

}  // namespace
}  // namespace redund::vrrpd
