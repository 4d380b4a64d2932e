// A restarted controller takes the kernel's forwarding state over.
#include <chrono>

#include <gtest/gtest.h>

#include "lacp_wire.h"

namespace redund::lacp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// What the kernel (and, with `withPartner`, a saved state file) tells the
// restarted controller about the node's ports.
std::vector<TakeoverPort> snapshot(const Node& node, bool withPartner) {
  std::vector<TakeoverPort> ports;
  for (const PortStatus& status : node.device.status().ports) {
    PortConfig config = portConfig(status.ifindex);
    ports.push_back({.config = config,
                     .link = status.link,
                     .collectingDistributing = status.collectingDistributing,
                     .fallback = status.fallback,
                     .partner = withPartner ? std::optional(status.partner) : std::nullopt});
  }
  return ports;
}

struct Converged {
  explicit Converged(DeviceConfig configA = deviceConfig(1)) : config(configA) {
    a = net.add(configA);
    b = net.add(deviceConfig(2));
    net.connect(a, portConfig(1), b, portConfig(11));
    net.connect(a, portConfig(2), b, portConfig(12));
    net.runFor(seconds(5));
  }

  bool allForwarding() {
    return net.node(a).forwarding(1) && net.node(a).forwarding(2) && net.node(b).forwarding(11) &&
           net.node(b).forwarding(12);
  }
  // No mux moved on either side since `since`.
  bool muxesStill(TimePoint since) {
    for (const auto& [node, port] : {std::pair{a, 1U}, {a, 2U}, {b, 11U}, {b, 12U}}) {
      for (const TimedChange& c : net.node(node).changes(port, Machine::kMux)) {
        if (c.time >= since) {
          ADD_FAILURE() << "port " << port << ": " << c.change.from << " -> " << c.change.to;
          return false;
        }
      }
    }
    return true;
  }

  DeviceConfig config;
  Network net;
  int a = 0;
  int b = 0;
};

bool hasMuxChange(const Actions& actions) {
  return std::any_of(actions.begin(), actions.end(), [](const Action& action) {
    const auto* change = std::get_if<StateChange>(&action);
    return change != nullptr && change->machine == Machine::kMux;
  });
}

TEST(LacpTakeover, WithThePartnerInformationResumesAtOnce) {
  Converged c;
  ASSERT_TRUE(c.allForwarding());
  const TimePoint restart = c.net.now();
  const Actions actions = c.net.restart(c.a, c.config, snapshot(c.net.node(c.a), true));

  EXPECT_FALSE(hasMuxChange(actions));
  EXPECT_TRUE(actionsOf<SetCollectingDistributing>(c.net.node(c.a)).empty())
      << "the kernel already forwards";
  EXPECT_TRUE(actionsOf<AggregateChange>(c.net.node(c.a)).empty());
  for (const uint32_t port : {1U, 2U}) {
    const auto sent = c.net.node(c.a).sent(port);
    ASSERT_EQ(sent.size(), 1U) << "NTT at once";
    EXPECT_EQ(sent[0].first, restart);
    EXPECT_TRUE(sent[0].second.actor.state.distributing);
    EXPECT_EQ(sent[0].second.partner.system, deviceConfig(2).system);
    EXPECT_EQ(sent[0].second.partner.port, port + 10);
    EXPECT_EQ(c.net.node(c.a).port(port).mux, MuxState::kCollectingDistributing);
    EXPECT_EQ(c.net.node(c.a).port(port).rx, RxState::kCurrent);
  }
  c.net.runFor(seconds(100));
  EXPECT_TRUE(c.muxesStill(restart));
  EXPECT_TRUE(c.allForwarding());
  EXPECT_TRUE(c.net.node(c.a).device.status().aggregateUp);
}

TEST(LacpTakeover, WithoutThePartnerInformationLearnsItFirst) {
  Converged c;
  const TimePoint restart = c.net.now();
  const Actions actions = c.net.restart(c.a, c.config, snapshot(c.net.node(c.a), false));
  EXPECT_FALSE(hasMuxChange(actions));
  EXPECT_TRUE(c.net.node(c.a).sent(1).empty()) << "nothing sound to say yet";

  c.net.runFor(seconds(100));
  EXPECT_TRUE(c.muxesStill(restart));
  EXPECT_TRUE(c.allForwarding());
  for (const uint32_t port : {1U, 2U}) {
    const auto sent = c.net.node(c.a).sent(port);
    ASSERT_FALSE(sent.empty());
    EXPECT_LE(sent[0].first, restart + kFastPeriodicTime + kWireDelay)
        << "answers the partner's next LACPDU";
    EXPECT_EQ(sent[0].second.partner.port, port + 10);
    EXPECT_EQ(c.net.node(c.a).port(port).partner.system, deviceConfig(2).system);
  }
}

TEST(LacpTakeover, HoldsMinLinksWhileLearning) {
  DeviceConfig config = deviceConfig(1);
  config.minLinks = 2;
  for (const bool withPartner : {true, false}) {
    Converged c(config);
    ASSERT_TRUE(c.allForwarding());
    const TimePoint restart = c.net.now();
    c.net.restart(c.a, c.config, snapshot(c.net.node(c.a), withPartner));
    c.net.runFor(seconds(10));
    EXPECT_TRUE(c.muxesStill(restart)) << withPartner;
    EXPECT_TRUE(c.allForwarding()) << withPartner;
    EXPECT_TRUE(actionsOf<AggregateChange>(c.net.node(c.a)).empty()) << withPartner;
  }
}

TEST(LacpTakeover, PartnerGoneWhileLearningExpires) {
  Converged c;
  c.net.drop(c.b, 11, true);
  c.net.drop(c.b, 12, true);
  c.net.runFor(milliseconds(10));  // nothing left in flight
  const TimePoint restart = c.net.now();
  c.net.restart(c.a, c.config, snapshot(c.net.node(c.a), false));
  c.net.runFor(seconds(10));
  Node& a = c.net.node(c.a);
  EXPECT_FALSE(a.forwarding(1));
  EXPECT_FALSE(a.up());
  EXPECT_TRUE(a.entered(1, Machine::kReceive, "expired", restart + kShortTimeoutTime,
                        restart + kShortTimeoutTime + milliseconds(1)));
}

TEST(LacpTakeover, PortsNotForwardingStartFromBegin) {
  Converged c;
  c.net.setLink(c.a, 2, kDown);
  c.net.runFor(seconds(1));
  const Actions actions = c.net.restart(c.a, c.config, snapshot(c.net.node(c.a), true));
  EXPECT_NE(std::find(actions.begin(), actions.end(),
                      Action{SetCollectingDistributing{.ifindex = 2, .enabled = false}}),
            actions.end())
      << "the port's state is made known";
  EXPECT_EQ(c.net.node(c.a).port(2).rx, RxState::kPortDisabled);
  EXPECT_TRUE(c.net.node(c.a).forwarding(1));
  c.net.setLink(c.a, 2, k1G);
  c.net.runFor(seconds(5));
  EXPECT_TRUE(c.allForwarding());
}

TEST(LacpTakeover, FallbackPortStaysInFallback) {
  DeviceConfig config = deviceConfig(1);
  config.fallback = {.enabled = true, .timeout = seconds(10)};
  Network net;
  const int a = net.add(config);
  net.addLoose(a, portConfig(1));
  net.addLoose(a, portConfig(2));
  net.runFor(seconds(20));
  ASSERT_TRUE(net.node(a).inFallback(1));

  const Actions actions = net.restart(a, config, snapshot(net.node(a), false));
  EXPECT_TRUE(actionsOf<SetFallback>(net.node(a)).empty()) << "already in fallback";
  EXPECT_TRUE(std::none_of(actions.begin(), actions.end(), [](const Action& action) {
    const auto* set = std::get_if<SetCollectingDistributing>(&action);
    return set != nullptr && set->ifindex == 1;
  }));
  EXPECT_TRUE(net.node(a).port(1).fallback);
  EXPECT_EQ(net.node(a).device.status().fallbackPort, 1U);
  net.runFor(seconds(100));
  EXPECT_TRUE(actionsOf<SetFallback>(net.node(a)).empty());
  EXPECT_TRUE(net.node(a).device.status().aggregateUp);
}

}  // namespace
}  // namespace redund::lacp::test
