// Two (or three) LACP cores wired back to back.
#include <chrono>

#include <gtest/gtest.h>

#include "lacp_wire.h"

namespace redund::lacp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr State kDistributingState{.lacpActivity = true,
                                   .lacpTimeout = true,
                                   .aggregation = true,
                                   .synchronization = true,
                                   .collecting = true,
                                   .distributing = true};

// A (ports 1, 2) and B (ports 11, 12), both active and fast unless told.
struct Pair {
  explicit Pair(DeviceConfig configA = deviceConfig(1), DeviceConfig configB = deviceConfig(2))
      : a(net.add(configA)), b(net.add(configB)) {}

  void link(uint32_t portA, uint32_t portB, LinkState state = k1G) {
    net.connect(a, portConfig(portA), b, portConfig(portB), state);
  }
  Node& nodeA() { return net.node(a); }
  Node& nodeB() { return net.node(b); }

  Network net;
  int a;
  int b;
};

TEST(LacpPair, ActiveActiveFormsAfterTheAggregateWait) {
  Pair pair;
  pair.link(1, 11);
  pair.link(2, 12);
  pair.net.runFor(seconds(5));

  for (const auto& [node, port] : {std::pair{&pair.nodeA(), 1U},
                                   {&pair.nodeA(), 2U},
                                   {&pair.nodeB(), 11U},
                                   {&pair.nodeB(), 12U}}) {
    const PortStatus status = node->port(port);
    EXPECT_EQ(status.mux, MuxState::kCollectingDistributing) << port;
    EXPECT_EQ(status.rx, RxState::kCurrent) << port;
    EXPECT_EQ(status.selected, Selected::kSelected) << port;
    EXPECT_EQ(status.actor.state, kDistributingState) << port;
    EXPECT_TRUE(node->forwarding(port)) << port;
    // Ports wait out aggregate_wait_time (2 s) once they hear the partner,
    // then need one round trip to learn it is in sync.
    const auto since = node->forwardingSince(port);
    ASSERT_TRUE(since) << port;
    EXPECT_GE(*since, kStart + seconds(2)) << port;
    EXPECT_LE(*since, kStart + seconds(2) + milliseconds(5)) << port;
  }
  EXPECT_TRUE(pair.nodeA().up());
  EXPECT_TRUE(pair.nodeB().up());

  const PortStatus a1 = pair.nodeA().port(1);
  EXPECT_EQ(a1.partner.system, deviceConfig(2).system);
  EXPECT_EQ(a1.partner.port, 11);
  EXPECT_EQ(a1.partner.key, keyForSpeed(1000));
  EXPECT_EQ(a1.partner.state, kDistributingState);
  EXPECT_EQ(a1.actor.port, 1) << "derived from the ifindex";
  EXPECT_EQ(a1.name, "p1");
  const auto sent = pair.nodeA().sent(1);
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.back().second.actor, a1.actor);
  EXPECT_EQ(sent.back().second.partner, a1.partner);
  EXPECT_EQ(a1.counters.lacpduTx, sent.size());
  pair.net.runFor(kWireDelay);  // the last one lands
  EXPECT_EQ(pair.nodeB().port(11).counters.lacpduRx, sent.size());
}

TEST(LacpPair, ActivePassiveForms) {
  Pair pair(deviceConfig(1), deviceConfig(2, Mode::kPassive));
  pair.link(1, 11);
  pair.net.runFor(seconds(5));

  EXPECT_TRUE(pair.nodeA().forwarding(1));
  EXPECT_TRUE(pair.nodeB().forwarding(11));
  EXPECT_FALSE(pair.nodeB().port(11).actor.state.lacpActivity);
  // The passive side speaks only once spoken to.
  const auto sentByB = pair.nodeB().sent(11);
  ASSERT_FALSE(sentByB.empty());
  EXPECT_GE(sentByB.front().first, kStart + kWireDelay);
}

TEST(LacpPair, PassivePassiveNeverForms) {
  Pair pair(deviceConfig(1, Mode::kPassive), deviceConfig(2, Mode::kPassive));
  pair.link(1, 11);
  pair.net.runFor(seconds(200));

  for (const auto& [node, port] : {std::pair{&pair.nodeA(), 1U}, {&pair.nodeB(), 11U}}) {
    EXPECT_TRUE(node->sent(port).empty());
    EXPECT_FALSE(node->forwarding(port));
    EXPECT_FALSE(node->up());
    EXPECT_EQ(node->port(port).rx, RxState::kDefaulted);
    EXPECT_EQ(node->port(port).periodic, PeriodicState::kNoPeriodic);
  }
}

TEST(LacpPair, EachSideSendsAtTheRateThePartnerAsksFor) {
  // A asks for slow (long timeout), B for fast.
  Pair pair(deviceConfig(1, Mode::kActive, Rate::kSlow), deviceConfig(2));
  pair.link(1, 11);
  pair.net.runFor(seconds(10));
  ASSERT_TRUE(pair.nodeA().forwarding(1));
  const TimePoint from = pair.net.now();
  pair.net.runFor(seconds(125));

  const auto intervals = [from](const std::vector<std::pair<TimePoint, Lacpdu>>& sent) {
    std::vector<Duration> result;
    std::optional<TimePoint> last;
    for (const auto& [time, pdu] : sent) {
      if (time >= from) {
        if (last) {
          result.push_back(time - *last);
        }
        last = time;
      }
    }
    return result;
  };
  const auto byA = intervals(pair.nodeA().sent(1));
  const auto byB = intervals(pair.nodeB().sent(11));
  ASSERT_EQ(byA.size(), 125U);  // [10 s, 135 s]
  for (const Duration d : byA) {
    EXPECT_EQ(d, kFastPeriodicTime);
  }
  ASSERT_EQ(byB.size(), 3U);
  for (const Duration d : byB) {
    EXPECT_EQ(d, kSlowPeriodicTime);
  }
  EXPECT_EQ(pair.nodeA().port(1).periodic, PeriodicState::kFastPeriodic);
  EXPECT_EQ(pair.nodeB().port(11).periodic, PeriodicState::kSlowPeriodic);
  EXPECT_TRUE(pair.nodeB().forwarding(11)) << "90 s long timeout outlasts the 30 s period";
}

TEST(LacpPair, SilentPartnerExpiresAfterThreeFastPeriodsThenDefaults) {
  Pair pair;
  pair.link(1, 11);
  pair.link(2, 12);
  pair.net.runFor(seconds(5));
  pair.net.drop(pair.b, 11, true);
  const TimePoint lastHeard = pair.nodeB().sent(11).back().first + kWireDelay;
  pair.net.runFor(seconds(10));

  Node& a = pair.nodeA();
  const auto rx = a.changes(1, Machine::kReceive);
  ASSERT_GE(rx.size(), 2U);
  EXPECT_EQ(rx[rx.size() - 2].time, lastHeard + kShortTimeoutTime);
  EXPECT_EQ(rx[rx.size() - 2].change.to, "expired");
  EXPECT_EQ(rx.back().time, lastHeard + 2 * kShortTimeoutTime);
  EXPECT_EQ(rx.back().change.to, "defaulted");
  EXPECT_FALSE(a.forwarding(1));
  const auto off = actionsOf<SetCollectingDistributing>(a, lastHeard);
  ASSERT_FALSE(off.empty());
  EXPECT_EQ(off.front().first, lastHeard + kShortTimeoutTime);
  EXPECT_EQ(off.front().second, (SetCollectingDistributing{.ifindex = 1, .enabled = false}));
  EXPECT_TRUE(a.port(1).actor.state.defaulted);
  EXPECT_EQ(a.port(1).partner.system, SystemId{});

  EXPECT_TRUE(a.forwarding(2)) << "the other link carries on";
  EXPECT_TRUE(a.up());
  EXPECT_FALSE(pair.nodeB().forwarding(11)) << "B sees A's port out of sync";
}

TEST(LacpPair, PartnerWithNewSystemIdIsReselected) {
  Pair pair;
  pair.link(1, 11);
  pair.net.runFor(seconds(5));
  const TimePoint change = pair.net.now();
  DeviceConfig renamed = deviceConfig(2);
  renamed.system.mac[5] = 0x22;
  pair.net.apply(pair.b, pair.nodeB().device.setConfig(change, renamed));
  pair.net.runFor(seconds(5));

  Node& a = pair.nodeA();
  EXPECT_TRUE(a.entered(1, Machine::kSelection, "unselected", change));
  EXPECT_TRUE(a.entered(1, Machine::kMux, "detached", change));
  EXPECT_TRUE(a.entered(1, Machine::kMux, "collecting_distributing", change + seconds(2)));
  EXPECT_EQ(a.port(1).partner.system, renamed.system);
  EXPECT_EQ(a.port(1).mux, MuxState::kCollectingDistributing);
  EXPECT_TRUE(a.forwarding(1));
  EXPECT_TRUE(pair.nodeB().forwarding(11));
}

TEST(LacpPair, KeyMismatchKeepsAPortOut) {
  Pair pair;
  pair.link(1, 11);
  PortConfig odd = portConfig(2);
  odd.key = 99;
  pair.net.connect(pair.a, odd, pair.b, portConfig(12));
  pair.net.runFor(seconds(10));

  EXPECT_TRUE(pair.nodeA().forwarding(1));
  EXPECT_FALSE(pair.nodeA().forwarding(2));
  EXPECT_EQ(pair.nodeA().port(2).selected, Selected::kStandby);
  EXPECT_EQ(pair.nodeA().port(2).actor.key, 99);
  EXPECT_FALSE(pair.nodeA().port(2).actor.state.synchronization);
  EXPECT_TRUE(pair.nodeB().forwarding(11));
  EXPECT_FALSE(pair.nodeB().forwarding(12)) << "B picks the same aggregator";
}

TEST(LacpPair, PortFacingAnotherPartnerIsNotAggregated) {
  Pair pair;
  const int c = pair.net.add(deviceConfig(3));
  pair.link(1, 11);
  pair.link(2, 12);
  pair.net.connect(pair.a, portConfig(3), c, portConfig(21));
  pair.net.runFor(seconds(10));

  Node& a = pair.nodeA();
  EXPECT_TRUE(a.forwarding(1));
  EXPECT_TRUE(a.forwarding(2));
  EXPECT_FALSE(a.forwarding(3));
  EXPECT_EQ(a.port(3).selected, Selected::kStandby);
  EXPECT_EQ(a.port(3).partner.system, deviceConfig(3).system);
  EXPECT_NE(a.port(3).actor.key, 0) << "same key as the others; only the partner differs";
  const DeviceStatus status = a.device.status();
  ASSERT_TRUE(status.activeAggregator);
  EXPECT_EQ(status.activeAggregator->partnerSystem, deviceConfig(2).system);

  Node& other = pair.net.node(c);
  EXPECT_EQ(other.port(21).mux, MuxState::kAttached) << "C waits for A to sync";
  EXPECT_FALSE(other.forwarding(21));
}

TEST(LacpPair, MaxActivePortsPutsTheRestInStandby) {
  DeviceConfig configA = deviceConfig(1);
  configA.maxActivePorts = 2;
  configA.system.priority = 100;  // A's port priorities decide
  Pair pair(configA, deviceConfig(2));
  pair.link(1, 11);
  pair.link(2, 12);
  PortConfig preferred = portConfig(3);
  preferred.priority = 10;
  pair.net.connect(pair.a, preferred, pair.b, portConfig(13));
  pair.net.runFor(seconds(10));

  Node& a = pair.nodeA();
  EXPECT_TRUE(a.forwarding(3));
  EXPECT_TRUE(a.forwarding(1));
  EXPECT_FALSE(a.forwarding(2));
  EXPECT_TRUE(a.port(2).standby);
  EXPECT_EQ(a.port(2).mux, MuxState::kWaiting);
  EXPECT_FALSE(pair.nodeB().forwarding(12));
  EXPECT_TRUE(pair.nodeB().forwarding(11));
  EXPECT_TRUE(pair.nodeB().forwarding(13));

  // A selected port fails: the standby one takes its place.
  const TimePoint failure = pair.net.now();
  pair.net.setLink(pair.a, 1, kDown);
  EXPECT_FALSE(a.forwarding(1));
  pair.net.runFor(seconds(3));
  EXPECT_TRUE(a.forwarding(2));
  EXPECT_LE(*a.forwardingSince(2), failure + milliseconds(5)) << "standby ports are ready";
  EXPECT_TRUE(pair.nodeB().forwarding(12));
}

TEST(LacpPair, BelowMinLinksTheAggregateGoesDown) {
  DeviceConfig configA = deviceConfig(1);
  configA.minLinks = 2;
  Pair pair(configA, deviceConfig(2));
  pair.link(1, 11);
  pair.link(2, 12);
  pair.net.runFor(seconds(5));
  Node& a = pair.nodeA();
  ASSERT_TRUE(a.up());

  const TimePoint failure = pair.net.now();
  pair.net.setLink(pair.a, 1, kDown);
  const auto down = actionsOf<AggregateChange>(a, failure);
  ASSERT_EQ(down.size(), 1U);
  EXPECT_FALSE(down.front().second.up);
  EXPECT_EQ(down.front().first, failure) << "at once";
  EXPECT_FALSE(a.forwarding(2));
  EXPECT_TRUE(a.port(2).standby);
  pair.net.runFor(seconds(60));
  EXPECT_FALSE(a.up());
  EXPECT_FALSE(a.forwarding(2));
  EXPECT_FALSE(a.device.status().aggregateUp);
  EXPECT_FALSE(pair.nodeB().forwarding(12));

  pair.net.setLink(pair.a, 1, k1G);
  pair.net.runFor(seconds(5));
  EXPECT_TRUE(a.up());
  EXPECT_TRUE(a.forwarding(1));
  EXPECT_TRUE(a.forwarding(2));
}

TEST(LacpPair, NeverUpWithFewerPortsThanMinLinks) {
  DeviceConfig configA = deviceConfig(1);
  configA.minLinks = 3;
  Pair pair(configA, deviceConfig(2));
  pair.link(1, 11);
  pair.link(2, 12);
  pair.net.runFor(seconds(30));
  EXPECT_FALSE(pair.nodeA().up());
  EXPECT_EQ(actionsOf<AggregateChange>(pair.nodeA()).size(), 1U) << "reported down once";
  EXPECT_FALSE(pair.nodeA().forwarding(1));
  EXPECT_FALSE(pair.nodeA().forwarding(2));
}

TEST(LacpPair, UnequalSpeedsStayApartEvenWithOneKey) {
  for (const bool sameKey : {false, true}) {
    Pair pair;
    const auto port = [sameKey](uint32_t ifindex) {
      PortConfig config = portConfig(ifindex);
      if (sameKey) {
        config.key = 7;
      }
      return config;
    };
    pair.net.connect(pair.a, port(1), pair.b, port(11), k10G);
    pair.net.connect(pair.a, port(2), pair.b, port(12), k10G);
    pair.net.connect(pair.a, port(3), pair.b, port(13), k1G);
    pair.net.runFor(seconds(10));

    Node& a = pair.nodeA();
    EXPECT_TRUE(a.forwarding(1)) << sameKey;
    EXPECT_TRUE(a.forwarding(2)) << sameKey;
    EXPECT_FALSE(a.forwarding(3)) << sameKey;
    EXPECT_TRUE(a.port(3).standby) << sameKey;
    EXPECT_FALSE(pair.nodeB().forwarding(13)) << sameKey;
    EXPECT_EQ(a.port(1).actor.key == a.port(3).actor.key, sameKey);
  }
}

TEST(LacpPair, HalfDuplexRunsNoLacp) {
  Pair pair;
  pair.link(1, 11);
  pair.link(2, 12, {.up = true, .speedMbps = 1000, .fullDuplex = false});
  pair.net.runFor(seconds(10));

  Node& a = pair.nodeA();
  EXPECT_TRUE(a.forwarding(1));
  EXPECT_FALSE(a.forwarding(2));
  EXPECT_EQ(a.port(2).rx, RxState::kLacpDisabled);
  EXPECT_EQ(a.port(2).selected, Selected::kUnselected);
  EXPECT_EQ(a.port(2).mux, MuxState::kDetached);
  EXPECT_TRUE(a.sent(2).empty());
}

TEST(LacpPair, CarrierLossLeavesAtOnceAndReturns) {
  Pair pair;
  pair.link(1, 11);
  pair.link(2, 12);
  pair.net.runFor(seconds(5));
  const TimePoint failure = pair.net.now();
  pair.net.setLink(pair.a, 2, kDown);
  EXPECT_FALSE(pair.nodeA().forwarding(2));
  EXPECT_FALSE(pair.nodeB().forwarding(12));
  EXPECT_EQ(pair.nodeA().port(2).rx, RxState::kPortDisabled);
  EXPECT_TRUE(pair.nodeA().up());
  EXPECT_EQ(actionsOf<SetCollectingDistributing>(pair.nodeA(), failure).front().first, failure);

  const TimePoint repair = pair.net.now();
  pair.net.setLink(pair.a, 2, k1G);
  EXPECT_EQ(pair.nodeA().sent(2).back().first, repair) << "speaks at once";
  pair.net.runFor(seconds(5));
  EXPECT_TRUE(pair.nodeA().forwarding(2));
  EXPECT_TRUE(pair.nodeB().forwarding(12));
  EXPECT_LE(*pair.nodeA().forwardingSince(2), repair + kAggregateWaitTime + milliseconds(5));
}

TEST(LacpPair, LoopedBackPortsNeverForward) {
  Network net;
  const int a = net.add(deviceConfig(1));
  net.connect(a, portConfig(1), a, portConfig(2));
  net.runFor(seconds(10));
  for (const uint32_t port : {1U, 2U}) {
    EXPECT_EQ(net.node(a).port(port).partner.system, deviceConfig(1).system);
    EXPECT_FALSE(net.node(a).forwarding(port)) << port;
  }
  EXPECT_FALSE(net.node(a).up());
}

// A: ports 1 and 2 to B at 1G, port 3 to C at 10G.
struct Triangle {
  explicit Triangle(SelectionPolicy policy, LinkState toC = k10G) {
    DeviceConfig configA = deviceConfig(1);
    configA.policy = policy;
    a = net.add(configA);
    b = net.add(deviceConfig(2));
    DeviceConfig configC = deviceConfig(3);
    configC.system.priority = 100;
    c = net.add(configC);
    net.connect(a, portConfig(1), b, portConfig(11));
    net.connect(a, portConfig(2), b, portConfig(12));
    net.connect(a, portConfig(3), c, portConfig(21), toC);
  }
  bool toB() { return net.node(a).forwarding(1) && net.node(a).forwarding(2); }
  bool toC() { return net.node(a).forwarding(3); }

  Network net;
  int a = 0;
  int b = 0;
  int c = 0;
};

TEST(LacpSelection, BandwidthPicksTheFasterAggregator) {
  Triangle t(SelectionPolicy::kBandwidth);
  t.net.runFor(seconds(10));
  EXPECT_TRUE(t.toC());
  EXPECT_FALSE(t.net.node(t.a).forwarding(1));
  EXPECT_FALSE(t.net.node(t.a).forwarding(2));
  EXPECT_FALSE(t.net.node(t.b).forwarding(11));
}

TEST(LacpSelection, CountPicksTheLargerAggregator) {
  Triangle t(SelectionPolicy::kCount);
  t.net.runFor(seconds(10));
  EXPECT_TRUE(t.toB());
  EXPECT_FALSE(t.toC());
  EXPECT_FALSE(t.net.node(t.c).forwarding(21));
}

TEST(LacpSelection, PriorityPicksTheBetterPartnerSystem) {
  Triangle t(SelectionPolicy::kPriority, k1G);
  t.net.runFor(seconds(10));
  EXPECT_TRUE(t.toC()) << "C has system priority 100";
  EXPECT_FALSE(t.toB());
}

TEST(LacpSelection, StableKeepsTheCurrentAggregatorBandwidthMoves) {
  for (const auto policy : {SelectionPolicy::kStable, SelectionPolicy::kBandwidth}) {
    Triangle t(policy, kDown);
    t.net.runFor(seconds(10));
    ASSERT_TRUE(t.toB()) << policyName(policy);
    t.net.setLink(t.a, 3, k10G);
    t.net.runFor(seconds(10));
    if (policy == SelectionPolicy::kStable) {
      EXPECT_TRUE(t.toB());
      EXPECT_FALSE(t.toC());
    } else {
      EXPECT_FALSE(t.toB());
      EXPECT_TRUE(t.toC());
    }
  }
}

TEST(LacpSelection, StableMovesWhenTheCurrentAggregatorDies) {
  Triangle t(SelectionPolicy::kStable, k1G);
  t.net.runFor(seconds(10));
  ASSERT_TRUE(t.toB());
  t.net.setLink(t.a, 1, kDown);
  t.net.setLink(t.a, 2, kDown);
  t.net.runFor(seconds(5));
  EXPECT_TRUE(t.toC());
}

}  // namespace
}  // namespace redund::lacp::test
