// The VRRP core's small parts: addresses, names, timer arithmetic,
// tracking and configuration checks.
#include <chrono>
#include <optional>

#include <gtest/gtest.h>

#include "error.h"
#include "vrrp/address.h"
#include "vrrp/config.h"
#include "vrrp/drop.h"
#include "vrrp/timers.h"
#include "vrrp/tracking.h"
#include "vrrp_fixture.h"

namespace redund::vrrp::test {
namespace {

using Cs = Centiseconds;

TEST(VrrpAddress, ParsesPrintsAndOrders) {
  EXPECT_EQ(ip("192.0.2.1").toString(), "192.0.2.1");
  EXPECT_EQ(ip("FE80::0:1").toString(), "fe80::1");
  EXPECT_EQ(ip("192.0.2.1").family(), Family::kIpv4);
  EXPECT_EQ(ip("::1").family(), Family::kIpv6);
  EXPECT_EQ(IpAddress::parse("192.0.2.256"), std::nullopt);
  EXPECT_EQ(IpAddress::parse("eth0"), std::nullopt);
  EXPECT_LT(ip("10.0.0.9"), ip("10.0.0.10")) << "numeric, not textual";
  EXPECT_LT(ip("9.255.255.255"), ip("10.0.0.0"));
  EXPECT_LT(ip("fe80::2"), ip("fe80::10"));
  EXPECT_EQ(ip("192.0.2.1"), IpAddress::ipv4({192, 0, 2, 1}));
}

TEST(VrrpAddress, GroupsAndVirtualMacs) {
  EXPECT_EQ(multicastGroup(Family::kIpv4).toString(), "224.0.0.18");
  EXPECT_EQ(multicastGroup(Family::kIpv6).toString(), "ff02::12");
  EXPECT_EQ(virtualMac(Family::kIpv4, 7), (Mac{0x00, 0x00, 0x5e, 0x00, 0x01, 0x07}));
  EXPECT_EQ(virtualMac(Family::kIpv6, 255), (Mac{0x00, 0x00, 0x5e, 0x00, 0x02, 0xff}));
}

TEST(VrrpNames, SayWhatTheyHold) {
  EXPECT_EQ(stateName(State::kInitialize), "initialize");
  EXPECT_EQ(stateName(State::kBackup), "backup");
  EXPECT_EQ(stateName(State::kMaster), "master");
  EXPECT_EQ(stateName(State::kFault), "fault");
  EXPECT_EQ(versionName(Version::kV2), "v2");
  EXPECT_EQ(familyName(Family::kIpv6), "ipv6");
  EXPECT_EQ(dropReasonName(DropReason::kTruncated), "truncated");
  EXPECT_EQ(dropReasonName(DropReason::kBadTtl), "bad_ttl");
  EXPECT_EQ(dropReasonName(DropReason::kAddressMismatch), "address_mismatch");
  EXPECT_EQ(dropReasonName(DropReason::kInactive), "inactive");
}

TEST(VrrpDropCounters, CountByReason) {
  DropCounters drops;
  drops.count(DropReason::kBadTtl);
  drops.count(DropReason::kBadTtl);
  drops.count(DropReason::kInactive);
  EXPECT_EQ(drops[DropReason::kBadTtl], 2U);
  EXPECT_EQ(drops[DropReason::kInactive], 1U);
  EXPECT_EQ(drops[DropReason::kTruncated], 0U);
  EXPECT_EQ(drops.total(), 3U);
}

TEST(VrrpTimers, V3SkewScalesWithTheMastersInterval) {
  // RFC 5798 6.1: ((256 - 100) * 100) / 256 = 60.9 -> 60 centiseconds.
  EXPECT_EQ(skewTime(Version::kV3, 100, Cs(100)), Cs(60));
  EXPECT_EQ(masterDownInterval(Version::kV3, 100, Cs(100)), Cs(360));
  EXPECT_EQ(skewTime(Version::kV3, 254, Cs(100)), Cs(0));
  EXPECT_EQ(skewTime(Version::kV3, 1, Cs(100)), Cs(99));
  EXPECT_EQ(skewTime(Version::kV3, 100, Cs(1000)), Cs(609));
  EXPECT_EQ(masterDownInterval(Version::kV3, 200, Cs(50)), Cs(150 + 10));
}

TEST(VrrpTimers, V2SkewIsAFractionOfASecond) {
  // RFC 3768 6.1: (256 - Priority) / 256 seconds.
  EXPECT_EQ(skewTime(Version::kV2, 100, Cs(300)), Cs(60));
  EXPECT_EQ(masterDownInterval(Version::kV2, 100, Cs(300)), Cs(960));
  EXPECT_EQ(skewTime(Version::kV2, 255, Cs(100)), Cs(0));
}

TEST(VrrpTracking, NegativeWeightsLowerWhileDown) {
  Tracker tracker({{.name = "eth1"}, {.name = "eth2", .weight = -50}});
  EXPECT_EQ(tracker.effectivePriority(100), 100);
  EXPECT_TRUE(tracker.set("eth1", false));
  EXPECT_FALSE(tracker.set("eth1", false)) << "no change";
  EXPECT_FALSE(tracker.set("eth9", false)) << "unknown";
  EXPECT_EQ(tracker.effectivePriority(100), 80) << "default weight -20";
  EXPECT_TRUE(tracker.set("eth2", false));
  EXPECT_EQ(tracker.effectivePriority(100), 30);
  EXPECT_EQ(tracker.effectivePriority(70), std::nullopt) << "0 or below is Fault";
  EXPECT_EQ(tracker.effectivePriority(71), 1);
}

TEST(VrrpTracking, PositiveWeightsRaiseWhileUpClampedBelowTheOwner) {
  Tracker tracker({{.name = "uplink", .weight = 30}});
  EXPECT_EQ(tracker.effectivePriority(100), 130);
  EXPECT_EQ(tracker.effectivePriority(240), 254) << "only the owner has 255";
  tracker.set("uplink", false);
  EXPECT_EQ(tracker.effectivePriority(100), 100);
}

TEST(VrrpTracking, WeightZeroForcesFault) {
  Tracker tracker({{.name = "check", .weight = 0}, {.name = "eth1", .weight = -200}});
  EXPECT_EQ(tracker.effectivePriority(255), 255);
  tracker.set("eth1", false);
  EXPECT_EQ(tracker.effectivePriority(255), 255) << "weights do not move the owner";
  tracker.set("check", false);
  EXPECT_EQ(tracker.effectivePriority(255), std::nullopt) << "but a fault stops it";
  EXPECT_EQ(tracker.effectivePriority(100), std::nullopt);
}

TEST(VrrpTracking, AHealthCheckStartsDown) {
  Tracker tracker({{.name = "web", .weight = -30, .initiallyUp = false},
                   {.name = "bonus", .weight = 10, .initiallyUp = false}});
  EXPECT_EQ(tracker.effectivePriority(100), 70) << "no bonus, the penalty, until proven up";
  tracker.set("web", true);
  tracker.set("bonus", true);
  EXPECT_EQ(tracker.effectivePriority(100), 110);
}

TEST(VrrpConfig, AcceptsTheSamples) {
  EXPECT_NO_THROW(validate(ipv4Config()));
  EXPECT_NO_THROW(validate(ipv6Config(255)));
  RouterConfig v2 = ipv4Config(100, Version::kV2);
  v2.advertInterval = Cs(300);
  EXPECT_NO_THROW(validate(v2));
}

TEST(VrrpConfig, RefusesWhatTheRfcsDoNotAllow) {
  const auto refused = [](auto change) {
    RouterConfig config = ipv4Config();
    change(config);
    EXPECT_THROW(validate(config), Error);
  };
  refused([](RouterConfig& c) { c.vrid = 0; });
  refused([](RouterConfig& c) { c.priority = 0; });
  refused([](RouterConfig& c) { c.virtualAddresses.clear(); });
  refused([](RouterConfig& c) { c.virtualAddresses.push_back(ip("fe80::1")); });
  refused([](RouterConfig& c) { c.unicastPeers.push_back(ip("fe80::1")); });
  refused([](RouterConfig& c) { c.advertInterval = Cs(0); });
  refused([](RouterConfig& c) { c.advertInterval = Cs(4096); });
  refused([](RouterConfig& c) { c.preemptDelay = -std::chrono::seconds(1); });
  refused([](RouterConfig& c) { c.tracked = {{.name = "a"}, {.name = "a"}}; });
  refused([](RouterConfig& c) { c.tracked = {{.name = ""}}; });
  refused([](RouterConfig& c) {
    c.version = Version::kV2;
    c.advertInterval = Cs(150);  // v2 has whole seconds only
  });
  RouterConfig v6 = ipv6Config();
  v6.version = Version::kV2;
  EXPECT_THROW(validate(v6), Error);
  EXPECT_THROW(Router{v6}, Error);
}

}  // namespace
}  // namespace redund::vrrp::test
