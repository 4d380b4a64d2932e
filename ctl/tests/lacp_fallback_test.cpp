#include <chrono>

#include <gtest/gtest.h>

#include "lacp_wire.h"

namespace redund::lacp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr Duration kTimeout = seconds(10);

DeviceConfig withFallback(uint8_t id = 1) {
  DeviceConfig config = deviceConfig(id);
  config.fallback = {.enabled = true, .timeout = kTimeout};
  return config;
}

PortConfig numbered(uint32_t ifindex, uint16_t number) {
  PortConfig config = portConfig(ifindex);
  config.number = number;
  return config;
}

Frame someLacpdu() {
  return encodeLacpdu({2, 0, 0, 0, 9, 9},
                      {.actor = {.system = {.priority = 1, .mac = {2, 0, 0, 0, 0, 0x99}},
                                 .port = 1,
                                 .state = {.lacpActivity = true, .aggregation = true}}});
}

TEST(LacpFallback, SilentDeviceUsesItsLowestNumberedPortAfterTheTimeout) {
  Network net;
  const int a = net.add(withFallback());
  net.addLoose(a, numbered(1, 5));
  net.addLoose(a, numbered(2, 3));
  Node& node = net.node(a);
  net.runUntil(kStart + kTimeout - milliseconds(1));
  EXPECT_TRUE(actionsOf<SetFallback>(node).empty());
  EXPECT_FALSE(node.up());

  net.runUntil(kStart + kTimeout);
  const auto fallback = actionsOf<SetFallback>(node);
  ASSERT_EQ(fallback.size(), 1U);
  EXPECT_EQ(fallback[0].first, kStart + kTimeout);
  EXPECT_EQ(fallback[0].second, (SetFallback{.ifindex = 2, .enabled = true}));
  EXPECT_TRUE(node.forwarding(2));
  EXPECT_FALSE(node.forwarding(1));
  EXPECT_TRUE(node.up());
  EXPECT_TRUE(node.port(2).fallback);
  EXPECT_TRUE(node.port(2).collectingDistributing);
  EXPECT_EQ(node.device.status().fallbackPort, 2U);
  EXPECT_EQ(node.port(2).mux, MuxState::kWaiting) << "LACP runs on underneath";

  net.runFor(seconds(10));
  const std::size_t sentBefore = node.sent(2).size();
  net.runFor(seconds(3));
  EXPECT_EQ(node.sent(2).size(), sentBefore + 3) << "still looking for a partner";

  // A partner speaks: fallback ends in the same call.
  const Actions actions = node.device.receive(net.now(), 1, someLacpdu());
  EXPECT_NE(std::find(actions.begin(), actions.end(), Action{SetFallback{.ifindex = 2}}),
            actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(),
                      Action{SetCollectingDistributing{.ifindex = 2, .enabled = false}}),
            actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), Action{AggregateChange{.up = false}}),
            actions.end());
  EXPECT_FALSE(node.device.status().fallbackPort);
}

TEST(LacpFallback, EndsWhenThePartnerStartsLacpWhichThenForms) {
  Network net;
  const int a = net.add(withFallback());
  const int b = net.add(deviceConfig(2));
  net.connect(a, portConfig(1), b, portConfig(11));
  net.drop(a, 1, true);  // the host is still in its PXE firmware
  net.drop(b, 11, true);
  net.runFor(seconds(15));
  Node& node = net.node(a);
  ASSERT_TRUE(node.inFallback(1));
  ASSERT_TRUE(node.forwarding(1));

  const TimePoint bonding = net.now();  // the host's OS configures bonding
  net.drop(a, 1, false);
  net.drop(b, 11, false);
  net.runFor(seconds(5));
  const auto fallback = actionsOf<SetFallback>(node, bonding);
  ASSERT_EQ(fallback.size(), 1U);
  EXPECT_FALSE(fallback[0].second.enabled);
  EXPECT_LE(fallback[0].first, bonding + kFastPeriodicTime + kWireDelay);
  EXPECT_TRUE(node.forwarding(1)) << "back through LACP";
  EXPECT_EQ(node.port(1).mux, MuxState::kCollectingDistributing);
  EXPECT_FALSE(node.port(1).fallback);
  EXPECT_TRUE(net.node(b).forwarding(11));
}

TEST(LacpFallback, PortDownHandsFallbackOverAtOnce) {
  Network net;
  const int a = net.add(withFallback());
  net.addLoose(a, portConfig(1));
  net.addLoose(a, portConfig(2));
  net.runFor(seconds(12));
  Node& node = net.node(a);
  ASSERT_TRUE(node.inFallback(1));

  const TimePoint failure = net.now();
  net.setLink(a, 1, kDown);
  EXPECT_FALSE(node.inFallback(1));
  EXPECT_FALSE(node.forwarding(1));
  EXPECT_TRUE(node.inFallback(2));
  EXPECT_TRUE(node.forwarding(2));
  EXPECT_EQ(actionsOf<SetFallback>(node, failure).size(), 2U);
  EXPECT_TRUE(node.up());

  net.setLink(a, 1, k1G);
  net.runFor(seconds(30));
  EXPECT_TRUE(node.inFallback(2)) << "a port coming back does not take over";
  EXPECT_FALSE(node.forwarding(1));
}

TEST(LacpFallback, EachPortWaitsOutItsOwnTimeout) {
  Network net;
  const int a = net.add(withFallback());
  net.addLoose(a, portConfig(1));
  net.runFor(seconds(8));
  net.addLoose(a, portConfig(2));
  net.runFor(seconds(4));
  Node& node = net.node(a);
  ASSERT_TRUE(node.inFallback(1));

  net.setLink(a, 1, kDown);  // at 12 s; port 2 has been up for 4 s
  EXPECT_FALSE(node.up());
  net.runUntil(kStart + seconds(18) - milliseconds(1));
  EXPECT_FALSE(node.inFallback(2));
  net.runUntil(kStart + seconds(18));
  EXPECT_TRUE(node.inFallback(2));
  EXPECT_TRUE(node.up());
}

TEST(LacpFallback, ALacpduRestartsTheTimeout) {
  Network net;
  const int a = net.add(withFallback());
  net.addLoose(a, portConfig(1));
  net.runFor(seconds(5));
  net.inject(a, 1, someLacpdu());
  net.runUntil(kStart + seconds(15) - milliseconds(1));
  EXPECT_FALSE(net.node(a).inFallback(1));
  net.runUntil(kStart + seconds(15));
  EXPECT_TRUE(net.node(a).inFallback(1));
}

TEST(LacpFallback, NeverWithAPartnerOrWhenDisabled) {
  Network net;
  const int a = net.add(withFallback());
  const int b = net.add(deviceConfig(2));
  net.connect(a, portConfig(1), b, portConfig(11));
  DeviceConfig slow = withFallback(3);
  slow.rate = Rate::kSlow;  // LACPDUs every 30 s, longer than the timeout
  const int c = net.add(slow);
  const int d = net.add(deviceConfig(4, Mode::kActive, Rate::kSlow));
  net.connect(c, portConfig(1), d, portConfig(11));
  const int e = net.add(deviceConfig(5));
  net.addLoose(e, portConfig(1));
  net.runFor(seconds(300));

  EXPECT_TRUE(actionsOf<SetFallback>(net.node(a)).empty());
  EXPECT_TRUE(actionsOf<SetFallback>(net.node(c)).empty());
  EXPECT_TRUE(net.node(c).forwarding(1));
  EXPECT_TRUE(actionsOf<SetFallback>(net.node(e)).empty());
  EXPECT_FALSE(net.node(e).forwarding(1));
}

}  // namespace
}  // namespace redund::lacp::test
