// One LACP core against scripted partners.
#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>

#include "error.h"
#include "lacp_wire.h"

namespace redund::lacp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A partner port that speaks only when the test says so.
struct Scripted {
  SystemId system{.priority = 32768, .mac = {0x02, 0, 0, 0, 0, 0x99}};
  uint16_t port = 100;
  State state{.lacpActivity = true, .lacpTimeout = true, .aggregation = true};

  // An LACPDU that echoes what `seen` (our actor) said, as a real partner
  // would.
  Frame pdu(const Participant& seen) const {
    return encodeLacpdu(
        {0x02, 0, 0, 0, 0x09, 0x09},
        {.actor = {.system = system, .key = 9, .portPriority = 128, .port = port, .state = state},
         .partner = seen});
  }
};

// Device A with loose ports: nothing answers unless injected.
struct Lone {
  explicit Lone(DeviceConfig config = deviceConfig(1)) : a(net.add(config)) {}

  Node& node() { return net.node(a); }
  void add(uint32_t ifindex, LinkState link = k1G) { net.addLoose(a, portConfig(ifindex), link); }
  void hear(uint32_t ifindex, const Scripted& partner) {
    net.inject(a, ifindex, partner.pdu(node().port(ifindex).actor));
  }

  Network net;
  int a;
};

TEST(LacpReceive, WithoutPartnerExpiresThenDefaults) {
  Lone lone;
  lone.add(1);
  Node& a = lone.node();
  EXPECT_EQ(a.port(1).rx, RxState::kExpired);
  const auto first = a.sent(1);
  ASSERT_EQ(first.size(), 1U) << "an active port speaks at once";
  EXPECT_TRUE(first[0].second.actor.state.expired);
  EXPECT_TRUE(first[0].second.actor.state.defaulted);
  EXPECT_EQ(first[0].second.partner.system, SystemId{});

  lone.net.runFor(seconds(10));
  const auto rx = a.changes(1, Machine::kReceive);
  ASSERT_EQ(rx.size(), 3U);
  EXPECT_EQ(rx[2].change.from, "expired");
  EXPECT_EQ(rx[2].change.to, "defaulted");
  EXPECT_EQ(rx[2].time, kStart + kShortTimeoutTime);
  EXPECT_FALSE(a.port(1).actor.state.expired);
  EXPECT_TRUE(a.port(1).actor.state.defaulted);
  EXPECT_EQ(a.port(1).periodic, PeriodicState::kFastPeriodic)
      << "the partner admin state asks for fast probes";
}

TEST(LacpReceive, CurrentWhileFollowsTheActorsOwnTimeout) {
  for (const Rate rate : {Rate::kFast, Rate::kSlow}) {
    Lone lone(deviceConfig(1, Mode::kActive, rate));
    lone.add(1);
    lone.net.runFor(seconds(5));
    const TimePoint heard = lone.net.now();
    lone.hear(1, Scripted{});
    EXPECT_EQ(lone.node().port(1).rx, RxState::kCurrent);
    lone.net.runFor(seconds(200));
    const Duration timeout = rate == Rate::kFast ? kShortTimeoutTime : kLongTimeoutTime;
    const auto rx = lone.node().changes(1, Machine::kReceive);
    ASSERT_GE(rx.size(), 2U);
    EXPECT_EQ(rx[rx.size() - 2].change.to, "expired") << rateName(rate);
    EXPECT_EQ(rx[rx.size() - 2].time, heard + timeout) << rateName(rate);
    EXPECT_EQ(rx.back().change.to, "defaulted") << rateName(rate);
    EXPECT_EQ(rx.back().time, heard + timeout + kShortTimeoutTime) << rateName(rate);
  }
}

TEST(LacpReceive, RecordsThePartnerAndItsSync) {
  Lone lone;
  lone.add(1);
  Scripted partner;
  partner.state.synchronization = true;
  lone.hear(1, partner);
  const PortStatus port = lone.node().port(1);
  EXPECT_EQ(port.partner.system, partner.system);
  EXPECT_EQ(port.partner.port, partner.port);
  EXPECT_EQ(port.partner.key, 9);
  EXPECT_EQ(port.partner.portPriority, 128);
  EXPECT_TRUE(port.partner.state.synchronization) << "it echoed our information";
  EXPECT_FALSE(port.actor.state.defaulted);

  // A partner that got our information wrong is not in sync with us.
  Participant wrong = lone.node().port(1).actor;
  wrong.key += 1;
  lone.net.inject(lone.a, 1, partner.pdu(wrong));
  EXPECT_FALSE(lone.node().port(1).partner.state.synchronization);
}

TEST(LacpReceive, DisabledPortIgnoresLacpdusAndReturnsThroughExpired) {
  Lone lone;
  lone.add(1);
  lone.net.setLink(lone.a, 1, kDown);
  EXPECT_EQ(lone.node().port(1).rx, RxState::kPortDisabled);
  lone.hear(1, Scripted{});
  EXPECT_EQ(lone.node().port(1).rx, RxState::kPortDisabled);
  EXPECT_EQ(lone.node().port(1).counters.lacpduRx, 1U);
  lone.net.setLink(lone.a, 1, k1G);
  EXPECT_EQ(lone.node().port(1).rx, RxState::kExpired);
}

TEST(LacpReceive, MovedPartnerPortReinitializesTheOldPort) {
  Lone lone;
  lone.add(1);
  lone.add(2);
  const Scripted partner;
  lone.hear(1, partner);
  lone.net.setLink(lone.a, 1, kDown);
  EXPECT_EQ(lone.node().port(1).partner.system, partner.system) << "kept while disabled";
  const TimePoint moved = lone.net.now();
  lone.hear(2, partner);
  EXPECT_TRUE(lone.node().entered(1, Machine::kReceive, "initialize", moved));
  EXPECT_EQ(lone.node().port(1).rx, RxState::kPortDisabled);
  EXPECT_EQ(lone.node().port(1).partner.system, SystemId{});
  EXPECT_EQ(lone.node().port(2).partner.system, partner.system);
}

TEST(LacpPeriodic, PassivePortWaitsForAnActivePartner) {
  Lone lone(deviceConfig(1, Mode::kPassive));
  lone.add(1);
  lone.net.runFor(seconds(100));
  EXPECT_EQ(lone.node().port(1).periodic, PeriodicState::kNoPeriodic);
  EXPECT_TRUE(lone.node().sent(1).empty());

  const TimePoint heard = lone.net.now();
  lone.hear(1, Scripted{});
  EXPECT_EQ(lone.node().port(1).periodic, PeriodicState::kFastPeriodic);
  const auto sent = lone.node().sent(1);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].first, heard) << "answers at once";
  EXPECT_FALSE(sent[0].second.actor.state.lacpActivity);
}

TEST(LacpPeriodic, SlowWhenThePartnerAsksForTheLongTimeout) {
  Lone lone;
  lone.add(1);
  Scripted slow;
  slow.state.lacpTimeout = false;
  lone.hear(1, slow);
  EXPECT_EQ(lone.node().port(1).periodic, PeriodicState::kSlowPeriodic);
  const TimePoint from = lone.net.now();
  lone.net.runFor(milliseconds(1500));
  const auto sent = lone.node().sent(1);
  EXPECT_EQ(sent.back().first, from) << "no periodic LACPDU after 1 s";
  EXPECT_EQ(lone.node().device.nextDeadline(), from + kAggregateWaitTime)
      << "only the mux has something to do";

  // Asking for fast again triggers a transmission at once.
  lone.hear(1, Scripted{});
  EXPECT_EQ(lone.node().port(1).periodic, PeriodicState::kFastPeriodic);
  EXPECT_EQ(lone.node().sent(1).back().first, lone.net.now());
}

TEST(LacpTransmit, AtMostThreeLacpdusPerSecond) {
  Lone lone;
  lone.add(1);  // sends at kStart
  lone.net.runFor(milliseconds(100));
  // Partners that keep getting us wrong: every LACPDU sets NTT.
  Participant wrong{};
  for (int i = 0; i < 10; ++i) {
    wrong.port = static_cast<uint16_t>(i + 1);
    lone.net.inject(lone.a, 1, Scripted{}.pdu(wrong));
  }
  const auto sent = lone.node().sent(1);
  ASSERT_EQ(sent.size(), 3U) << "one at the start and two in the burst";
  EXPECT_EQ(sent[2].first, kStart + milliseconds(100));
  EXPECT_EQ(lone.node().device.nextDeadline(), kStart + kFastPeriodicTime)
      << "the held-back LACPDU waits for the window";

  lone.net.runFor(seconds(20));
  const auto all = lone.node().sent(1);
  ASSERT_GE(all.size(), 4U);
  EXPECT_EQ(all[3].first, kStart + kFastPeriodicTime);
  for (std::size_t i = 3; i < all.size(); ++i) {
    EXPECT_GE(all[i].first - all[i - 3].first, kFastPeriodicTime) << i;
  }
}

TEST(LacpChurn, NoSyncForSixtySecondsIsChurn) {
  Lone lone;
  lone.add(1);
  lone.net.runFor(seconds(59));
  EXPECT_EQ(lone.node().port(1).actorChurn, ChurnState::kMonitor);
  lone.net.runFor(seconds(2));
  const PortStatus port = lone.node().port(1);
  EXPECT_EQ(port.actorChurn, ChurnState::kChurn);
  EXPECT_EQ(port.partnerChurn, ChurnState::kChurn);
  EXPECT_EQ(port.counters.actorChurn, 1U);
  EXPECT_EQ(port.counters.partnerChurn, 1U);
  const auto actor = lone.node().changes(1, Machine::kActorChurn);
  ASSERT_EQ(actor.size(), 1U);
  EXPECT_EQ(actor[0].time, kStart + kChurnDetectionTime);
  EXPECT_EQ(actor[0].change.to, "churn");
  lone.net.runFor(seconds(300));
  EXPECT_EQ(lone.node().port(1).counters.actorChurn, 1U) << "counted once";
}

TEST(LacpChurn, EndsWhenThePartnersSync) {
  Network net;
  const int a = net.add(deviceConfig(1));
  const int b = net.add(deviceConfig(2));
  net.connect(a, portConfig(1), b, portConfig(11));
  net.drop(a, 1, true);
  net.drop(b, 11, true);
  net.runFor(seconds(70));
  EXPECT_EQ(net.node(a).port(1).actorChurn, ChurnState::kChurn);
  net.drop(a, 1, false);
  net.drop(b, 11, false);
  net.runFor(seconds(5));
  EXPECT_EQ(net.node(a).port(1).actorChurn, ChurnState::kNoChurn);
  EXPECT_EQ(net.node(a).port(1).partnerChurn, ChurnState::kNoChurn);
  EXPECT_TRUE(net.node(a).forwarding(1));
}

TEST(LacpChurn, StandbyPortShowsActorChurnOnly) {
  DeviceConfig config = deviceConfig(1);
  config.maxActivePorts = 1;
  Network net;
  const int a = net.add(config);
  const int b = net.add(deviceConfig(2));
  net.connect(a, portConfig(1), b, portConfig(11));
  net.connect(a, portConfig(2), b, portConfig(12));
  net.runFor(seconds(90));
  EXPECT_TRUE(net.node(a).port(2).standby);
  EXPECT_EQ(net.node(a).port(2).actorChurn, ChurnState::kChurn);
  EXPECT_EQ(net.node(a).port(2).partnerChurn, ChurnState::kNoChurn);
  EXPECT_EQ(net.node(a).port(1).actorChurn, ChurnState::kNoChurn);
}

TEST(LacpMarker, RespondsWithTheSameFields) {
  Lone lone;
  lone.add(1);
  const MarkerPdu info{
      .requesterPort = 7, .requesterSystem = {0x02, 0, 0, 0, 0, 0x99}, .transactionId = 0x01020304};
  const Actions actions =
      lone.node().device.receive(lone.net.now(), 1, encodeMarker({2, 0, 0, 0, 9, 9}, info));
  ASSERT_EQ(actions.size(), 1U);
  const auto& tx = std::get<Transmit>(actions[0]);
  EXPECT_EQ(tx.ifindex, 1U);
  EXPECT_EQ(tx.frame, encodeMarker(portConfig(1).mac, markerResponse(info)));
  const auto response = std::get<MarkerPdu>(decode(tx.frame));
  EXPECT_TRUE(response.response);
  EXPECT_EQ(response.transactionId, info.transactionId);
  EXPECT_EQ(response.requesterPort, info.requesterPort);

  // Responses are counted, never answered.
  EXPECT_TRUE(lone.node()
                  .device.receive(lone.net.now(), 1, encodeMarker({2, 0, 0, 0, 9, 9}, response))
                  .empty());
  EXPECT_EQ(lone.node().port(1).counters.markerRx, 2U);
  EXPECT_EQ(lone.node().port(1).counters.markerResponseTx, 1U);
}

TEST(LacpReceive, MalformedFramesAreCountedAndDropped) {
  Lone lone;
  lone.add(1);
  Device& device = lone.node().device;
  Frame frame = Scripted{}.pdu({});
  frame[17] = std::byte{19};
  EXPECT_TRUE(device.receive(lone.net.now(), 1, frame).empty());
  EXPECT_TRUE(device.receive(lone.net.now(), 1, std::span(frame).first(50)).empty());
  frame[14] = std::byte{0x0a};  // Organization Specific Slow Protocol
  EXPECT_TRUE(device.receive(lone.net.now(), 1, frame).empty());
  EXPECT_TRUE(device.receive(lone.net.now(), 42, frame).empty()) << "unknown port";
  const Counters counters = lone.node().port(1).counters;
  EXPECT_EQ(counters.malformedRx, 2U);
  EXPECT_EQ(counters.unknownRx, 1U);
  EXPECT_EQ(counters.lacpduRx, 0U);
  EXPECT_EQ(lone.node().port(1).rx, RxState::kExpired);
}

TEST(LacpDevice, PortNumbersAreCheckedAndDerivedFromTheIfindex) {
  Device device(deviceConfig(1));
  device.addPort(kStart, portConfig(5), k1G);
  PortConfig numbered = portConfig(6);
  numbered.number = 5;
  EXPECT_THROW(device.addPort(kStart, numbered, k1G), Error) << "5 is taken";
  numbered.number = 0;
  EXPECT_THROW(device.addPort(kStart, numbered, k1G), Error);
  EXPECT_THROW(device.addPort(kStart, portConfig(5), k1G), Error) << "added twice";
  numbered.number = 77;
  device.addPort(kStart, numbered, k1G);
  PortConfig clash = portConfig(77);
  device.addPort(kStart, clash, k1G);
  const DeviceStatus status = device.status();
  ASSERT_EQ(status.ports.size(), 3U);
  EXPECT_EQ(status.ports[0].actor.port, 5);
  EXPECT_EQ(status.ports[1].actor.port, 77);
  EXPECT_EQ(status.ports[2].actor.port, 78) << "the next free number";
  EXPECT_THROW(device.setPortConfig(kStart, portConfig(99)), Error);
}

TEST(LacpDevice, ConfigChangesReachThePartner) {
  Lone lone;
  lone.add(1);
  lone.hear(1, Scripted{});
  PortConfig config = portConfig(1);
  config.priority = 7;
  config.key = 1234;
  lone.net.apply(lone.a, lone.node().device.setPortConfig(lone.net.now(), config));
  const Lacpdu last = lone.node().sent(1).back().second;
  EXPECT_EQ(last.actor.portPriority, 7);
  EXPECT_EQ(last.actor.key, 1234);

  DeviceConfig passiveSlow = deviceConfig(1, Mode::kPassive, Rate::kSlow);
  lone.net.apply(lone.a, lone.node().device.setConfig(lone.net.now(), passiveSlow));
  lone.net.runFor(kFastPeriodicTime);  // past the transmit rate limit
  const State state = lone.node().sent(1).back().second.actor.state;
  EXPECT_FALSE(state.lacpActivity);
  EXPECT_FALSE(state.lacpTimeout);
}

TEST(LacpDevice, StatusNamesEverything) {
  Lone lone;
  lone.add(1);
  lone.net.runFor(seconds(5));
  const DeviceStatus status = lone.node().device.status();
  EXPECT_FALSE(status.aggregateUp);
  EXPECT_FALSE(status.activeAggregator);
  ASSERT_EQ(status.ports.size(), 1U);
  const PortStatus& port = status.ports[0];
  EXPECT_EQ(rxStateName(port.rx), "defaulted");
  EXPECT_EQ(muxStateName(port.mux), "waiting");
  EXPECT_EQ(selectedName(port.selected), "standby");
  EXPECT_EQ(
      toNames(port.actor.state),
      (std::vector<std::string_view>{"lacp_activity", "lacp_timeout", "aggregation", "defaulted"}));
  EXPECT_EQ(port.counters.lacpduTx, 6U);  // at 0 s, then every second
  EXPECT_EQ(port.link, k1G);
}

TEST(LacpDevice, NothingToDoWithoutPorts) {
  Device device(deviceConfig(1));
  EXPECT_EQ(device.nextDeadline(), std::nullopt);
  EXPECT_TRUE(device.receive(kStart, 1, Frame{}).empty());
  EXPECT_TRUE(device.setLink(kStart, 1, k1G).empty());
  EXPECT_TRUE(device.removePort(kStart, 1).empty());
}

TEST(LacpDevice, RemovingAPortReselects) {
  Network net;
  const int a = net.add(deviceConfig(1));
  const int b = net.add(deviceConfig(2));
  net.connect(a, portConfig(1), b, portConfig(11));
  net.runFor(seconds(5));
  ASSERT_TRUE(net.node(a).up());
  net.apply(a, net.node(a).device.removePort(net.now(), 1));
  EXPECT_FALSE(net.node(a).up());
  EXPECT_TRUE(net.node(a).device.status().ports.empty());
  EXPECT_FALSE(net.node(a).device.status().activeAggregator);
}

}  // namespace
}  // namespace redund::lacp::test
