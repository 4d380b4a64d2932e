// The health check scheduler on a fake clock: probes start on time and
// never overlap, timeouts count as failures, rise and fall decide the
// state, late results are ignored.
#include <chrono>
#include <variant>

#include <gtest/gtest.h>

#include "error.h"
#include "health/scheduler.h"
#include "only_actions.h"

namespace redund::health {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr TimePoint kT0 = TimePoint{} + std::chrono::hours(1);

using test::only;

const ProbeResult kOk{.ok = true, .latency = milliseconds(3), .detail = "HTTP 200"};
const ProbeResult kFail{.ok = false, .latency = milliseconds(2), .detail = "connection refused"};

// rise 2, fall 3, every 2 s, timeout 1 s.
Timing standard() { return {}; }

// Runs one probe of check 0 to completion at `at` with `result`.
Actions probeOnce(Scheduler& s, TimePoint at, const ProbeResult& result) {
  const Actions started = s.tick(at);
  const auto probes = only<StartProbe>(started);
  EXPECT_EQ(probes.size(), 1U);
  return probes.empty() ? Actions{} : s.completed(at + milliseconds(5), probes[0].probe, result);
}

TEST(HealthScheduler, StartsEveryCheckAtOnceAndThenEveryInterval) {
  Scheduler s({standard(), {.interval = seconds(5), .timeout = seconds(1)}});
  EXPECT_FALSE(s.nextDeadline());
  const Actions out = s.start(kT0);
  ASSERT_EQ(only<StartProbe>(out).size(), 2U);
  EXPECT_EQ(only<StartProbe>(out)[0].check, 0U);
  EXPECT_EQ(only<StartProbe>(out)[1].check, 1U);
  EXPECT_NE(only<StartProbe>(out)[0].probe, only<StartProbe>(out)[1].probe);
  EXPECT_TRUE(s.start(kT0).empty()) << "a second start does nothing";
  // The deadline is the first timeout.
  EXPECT_EQ(s.nextDeadline(), kT0 + seconds(1));
  s.completed(kT0 + milliseconds(10), only<StartProbe>(out)[0].probe, kOk);
  s.completed(kT0 + milliseconds(10), only<StartProbe>(out)[1].probe, kOk);
  EXPECT_EQ(s.nextDeadline(), kT0 + seconds(2));
  EXPECT_TRUE(s.tick(kT0 + milliseconds(1999)).empty()) << "early ticks are harmless";
  const Actions next = s.tick(kT0 + seconds(2));
  ASSERT_EQ(only<StartProbe>(next).size(), 1U);
  EXPECT_EQ(only<StartProbe>(next)[0].check, 0U);
  EXPECT_EQ(s.status(0).probes, 2U);
  EXPECT_EQ(s.status(1).probes, 1U);
}

TEST(HealthScheduler, RiseSuccessesMakeItUp) {
  Scheduler s({standard()});
  const uint64_t first = only<StartProbe>(s.start(kT0))[0].probe;
  EXPECT_TRUE(only<StateChange>(s.completed(kT0, first, kOk)).empty());
  EXPECT_EQ(s.status(0).state, State::kUnknown);
  EXPECT_EQ(s.status(0).successes, 1U);
  const Actions out = probeOnce(s, kT0 + seconds(2), kOk);
  ASSERT_EQ(only<StateChange>(out).size(), 1U);
  EXPECT_EQ(only<StateChange>(out)[0], (StateChange{0, State::kUnknown, State::kUp}));
  EXPECT_EQ(s.status(0).transitions, 1U);
  EXPECT_EQ(s.status(0).last->detail, "HTTP 200");
}

TEST(HealthScheduler, FallFailuresMakeItDownAndOneSuccessResetsTheCount) {
  Scheduler s({standard()});
  s.completed(kT0, only<StartProbe>(s.start(kT0))[0].probe, kOk);
  probeOnce(s, kT0 + seconds(2), kOk);
  ASSERT_EQ(s.status(0).state, State::kUp);
  probeOnce(s, kT0 + seconds(4), kFail);
  probeOnce(s, kT0 + seconds(6), kFail);
  EXPECT_EQ(s.status(0).failures, 2U);
  // A success in between: the failures start over.
  probeOnce(s, kT0 + seconds(8), kOk);
  EXPECT_EQ(s.status(0).failures, 0U);
  probeOnce(s, kT0 + seconds(10), kFail);
  probeOnce(s, kT0 + seconds(12), kFail);
  EXPECT_EQ(s.status(0).state, State::kUp);
  const Actions out = probeOnce(s, kT0 + seconds(14), kFail);
  EXPECT_EQ(only<StateChange>(out).at(0), (StateChange{0, State::kUp, State::kDown}));
  // Flapping around the thresholds: one success is not enough to rise.
  EXPECT_TRUE(only<StateChange>(probeOnce(s, kT0 + seconds(16), kOk)).empty());
  EXPECT_TRUE(only<StateChange>(probeOnce(s, kT0 + seconds(18), kFail)).empty());
  EXPECT_TRUE(only<StateChange>(probeOnce(s, kT0 + seconds(20), kOk)).empty());
  EXPECT_EQ(only<StateChange>(probeOnce(s, kT0 + seconds(22), kOk)).at(0).to, State::kUp);
  EXPECT_EQ(s.status(0).transitions, 3U);
}

TEST(HealthScheduler, TimeoutIsAFailureAndTheLateResultIsIgnored) {
  Scheduler s({{.interval = seconds(2), .timeout = seconds(1), .rise = 1, .fall = 1}});
  const uint64_t probe = only<StartProbe>(s.start(kT0))[0].probe;
  EXPECT_TRUE(s.tick(kT0 + milliseconds(999)).empty());
  const Actions out = s.tick(kT0 + seconds(1));
  EXPECT_EQ(only<CancelProbe>(out).at(0), (CancelProbe{0, probe}));
  EXPECT_EQ(only<StateChange>(out).at(0), (StateChange{0, State::kUnknown, State::kDown}));
  EXPECT_EQ(s.status(0).last->detail, "timeout");
  EXPECT_EQ(s.status(0).last->latency, seconds(1));
  EXPECT_FALSE(s.status(0).running);
  // The answer that arrives after the timeout changes nothing.
  EXPECT_TRUE(s.completed(kT0 + milliseconds(1500), probe, kOk).empty());
  EXPECT_EQ(s.status(0).state, State::kDown);
  EXPECT_EQ(s.nextDeadline(), kT0 + seconds(2));
}

TEST(HealthScheduler, ProbesOfOneCheckNeverOverlap) {
  Scheduler s({{.interval = seconds(1), .timeout = seconds(1)}});
  s.start(kT0);
  // At the interval the running probe times out first, then the next one
  // starts: one cancel, one start, in that order.
  const Actions out = s.tick(kT0 + seconds(1));
  ASSERT_EQ(out.size(), 2U);  // fall 3: no state change yet
  EXPECT_TRUE(std::holds_alternative<CancelProbe>(out[0]));
  EXPECT_TRUE(std::holds_alternative<StartProbe>(out[1]));
  EXPECT_TRUE(s.status(0).running);
}

TEST(HealthScheduler, InvalidTimingsAreRefused) {
  EXPECT_THROW(Scheduler({{.interval = seconds(0)}}), Error);
  EXPECT_THROW(Scheduler({{.interval = seconds(1), .timeout = seconds(2)}}), Error);
  EXPECT_THROW(Scheduler(std::vector{Timing{.rise = 0}}), Error);
  EXPECT_THROW(Scheduler(std::vector{Timing{.fall = 0}}), Error);
  EXPECT_EQ(stateName(State::kUnknown), "unknown");
  EXPECT_EQ(stateName(State::kUp), "up");
  EXPECT_EQ(stateName(State::kDown), "down");
}

}  // namespace
}  // namespace redund::health
