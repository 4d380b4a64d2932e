// The RFC 5798 6.4 state machine of one virtual router, driven by hand on
// a fake clock, against adverts from scripted peers.
#include <chrono>
#include <optional>
#include <variant>

#include <gtest/gtest.h>

#include "error.h"
#include "vrrp/router.h"
#include "vrrp_fixture.h"

namespace redund::vrrp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// One router and the clock it runs on.
struct Vr {
  explicit Vr(const RouterConfig& c = ipv4Config()) : config(c), router(c) {}

  Actions start() { return router.startup(now); }
  Actions at(Duration sinceStart) {
    now = kStart + sinceStart;
    return router.tick(now);
  }
  Actions hear(const Packet& packet) { return router.receive(now, packet.received()); }
  Status status() const { return router.status(now); }

  RouterConfig config;
  Router router;
  TimePoint now = kStart;
};

std::vector<Advert> adverts(const Actions& actions) {
  std::vector<Advert> found;
  for (const SendAdvert& send : only<SendAdvert>(actions)) {
    found.push_back(std::get<Advert>(decode(send.message, send.source, send.destination)));
  }
  return found;
}

std::optional<TimePoint> armed(const Actions& actions) {
  const auto timers = only<ArmTimer>(actions);
  EXPECT_EQ(timers.size(), 1U);
  return timers.empty() ? std::nullopt : timers.back().deadline;
}

TEST(VrrpStartup, BackupArmsMasterDown) {
  Vr vr;
  const Actions out = vr.start();
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(std::get<Transition>(out[0]), (Transition{State::kInitialize, State::kBackup}));
  EXPECT_EQ(std::get<Notify>(out[1]), (Notify{State::kBackup, 100}));
  // 3 * 100 cs + (256 - 100) * 100 / 256 cs.
  EXPECT_EQ(std::get<ArmTimer>(out[2]).deadline, kStart + milliseconds(3600));
  EXPECT_EQ(vr.router.state(), State::kBackup);
  EXPECT_TRUE(vr.start().empty()) << "a second startup does nothing";
}

TEST(VrrpStartup, OwnerGoesStraightToMaster) {
  Vr vr(ipv4Config(kOwnerPriority));
  const Actions out = vr.start();
  ASSERT_EQ(out.size(), 5U);
  EXPECT_EQ(std::get<Transition>(out[0]), (Transition{State::kInitialize, State::kMaster}))
      << "the kernel gateway goes active before the announcement";
  EXPECT_EQ(std::get<Notify>(out[1]).state, State::kMaster);
  const auto& send = std::get<SendAdvert>(out[2]);
  EXPECT_EQ(send.source, ip("192.0.2.2"));
  EXPECT_EQ(send.destination, ip("224.0.0.18"));
  EXPECT_EQ(send.priority, 255);
  const auto advert = adverts(out).at(0);
  EXPECT_EQ(advert.version, Version::kV3);
  EXPECT_EQ(advert.vrid, 7);
  EXPECT_EQ(advert.priority, 255);
  EXPECT_EQ(advert.interval, Centiseconds(100));
  EXPECT_EQ(advert.addresses, vr.config.virtualAddresses);
  EXPECT_EQ(std::get<Announce>(out[3]), (Announce{.virtualMac = {0, 0, 0x5e, 0, 1, 7},
                                                  .addresses = vr.config.virtualAddresses}));
  EXPECT_EQ(std::get<ArmTimer>(out[4]).deadline, kStart + seconds(1));
}

TEST(VrrpStartup, Ipv6OwnerAdvertisesToFf02_12) {
  Vr vr(ipv6Config(kOwnerPriority));
  const Actions out = vr.start();
  const auto sends = only<SendAdvert>(out);
  ASSERT_EQ(sends.size(), 1U);
  EXPECT_EQ(sends[0].destination, ip("ff02::12"));
  EXPECT_EQ(sends[0].source, ip("fe80::2"));
  EXPECT_EQ(sends[0].message.size(), 8U + 2 * 16);
  EXPECT_EQ(only<Announce>(out).at(0).virtualMac, (Mac{0, 0, 0x5e, 0, 2, 7}));
}

TEST(VrrpBackup, TakesOverWhenTheMasterIsSilent) {
  Vr vr;
  vr.start();
  EXPECT_TRUE(vr.at(milliseconds(3590)).empty()) << "early ticks are harmless";
  const Actions out = vr.at(milliseconds(3600));
  EXPECT_EQ(only<Transition>(out).at(0), (Transition{State::kBackup, State::kMaster}));
  EXPECT_EQ(adverts(out).at(0).priority, 100);
  EXPECT_EQ(only<Announce>(out).size(), 1U);
  EXPECT_EQ(armed(out), vr.now + seconds(1));
  EXPECT_EQ(vr.status().masterAddress, ip("192.0.2.2"));
}

TEST(VrrpMaster, AdvertisesEveryInterval) {
  Vr vr(ipv4Config(kOwnerPriority));
  vr.start();
  for (int i = 1; i <= 5; ++i) {
    const Actions out = vr.at(seconds(i));
    ASSERT_EQ(adverts(out).size(), 1U) << i;
    EXPECT_EQ(armed(out), kStart + seconds(i + 1));
  }
  EXPECT_EQ(vr.status().counters.advertsOut, 6U);
}

TEST(VrrpBackup, AdvertsFromTheMasterHoldItBack) {
  Vr vr;
  vr.start();
  for (int i = 1; i <= 10; ++i) {
    vr.at(seconds(i));
    const Actions out = vr.hear(advertFrom(vr.config, "192.0.2.1", 150));
    EXPECT_EQ(armed(out), vr.now + milliseconds(3600)) << i;
  }
  EXPECT_EQ(vr.router.state(), State::kBackup);
  const Status status = vr.status();
  EXPECT_EQ(status.masterAddress, ip("192.0.2.1"));
  EXPECT_EQ(status.masterPriority, 150);
  EXPECT_EQ(status.counters.advertsIn, 10U);
  EXPECT_EQ(status.masterDownTimer, milliseconds(3600));
}

TEST(VrrpBackup, LearnsTheMastersIntervalInV3) {
  Vr vr;
  vr.start();
  const Actions out = vr.hear(advertFrom(vr.config, "192.0.2.1", 150, Centiseconds(50)));
  // 3 * 50 + (156 * 50) / 256 = 150 + 30 centiseconds.
  EXPECT_EQ(armed(out), kStart + milliseconds(1800));
  EXPECT_EQ(vr.status().masterAdverInterval, Centiseconds(50));
  EXPECT_EQ(vr.status().masterDownInterval, Centiseconds(180));
  EXPECT_EQ(vr.status().skewTime, Centiseconds(30));
  EXPECT_EQ(vr.status().advertInterval, Centiseconds(100)) << "ours is unchanged";
}

TEST(VrrpBackup, V2KeepsItsOwnIntervalAndDropsOthers) {
  RouterConfig config = ipv4Config(100, Version::kV2);
  config.advertInterval = Centiseconds(200);
  Vr vr(config);
  const Actions start = vr.start();
  // 3 * 2 s + (256 - 100) / 256 s = 6.6 s (to the centisecond).
  EXPECT_EQ(armed(start), kStart + milliseconds(6600));
  vr.at(seconds(1));
  EXPECT_EQ(armed(vr.hear(advertFrom(config, "192.0.2.1", 150))), vr.now + milliseconds(6600));
  vr.at(seconds(2));
  EXPECT_TRUE(vr.hear(advertFrom(config, "192.0.2.1", 150, Centiseconds(100))).empty());
  EXPECT_EQ(vr.status().counters.drops[DropReason::kIntervalMismatch], 1U);
  EXPECT_EQ(vr.status().masterAdverInterval, Centiseconds(200));
}

TEST(VrrpBackup, PreemptsALowerPriorityMaster) {
  Vr vr(ipv4Config(200));
  vr.start();
  for (int i = 1; i <= 3; ++i) {
    vr.at(seconds(i));
    EXPECT_TRUE(vr.hear(advertFrom(vr.config, "192.0.2.1", 100)).empty()) << "discarded";
  }
  // Master_Down_Interval from startup: 300 + (56 * 100) / 256 = 321 cs.
  EXPECT_EQ(vr.router.state(), State::kBackup);
  const Actions out = vr.at(milliseconds(3210));
  EXPECT_EQ(only<Transition>(out).at(0).to, State::kMaster);
}

TEST(VrrpBackup, WithoutPreemptALowerPriorityMasterStays) {
  RouterConfig config = ipv4Config(200);
  config.preempt = false;
  Vr vr(config);
  vr.start();
  for (int i = 1; i <= 10; ++i) {
    vr.at(seconds(i));
    vr.hear(advertFrom(config, "192.0.2.1", 100));
  }
  EXPECT_EQ(vr.router.state(), State::kBackup);
  EXPECT_EQ(vr.status().masterPriority, 100);
}

TEST(VrrpBackup, PreemptDelayHoldsBackAfterStartup) {
  RouterConfig config = ipv4Config(200);
  config.preemptDelay = seconds(10);
  Vr vr(config);
  vr.start();
  EXPECT_EQ(vr.status().preemptDelayLeft, seconds(10));
  for (int i = 1; i <= 10; ++i) {
    vr.at(seconds(i));
    vr.hear(advertFrom(config, "192.0.2.1", 100));
    EXPECT_EQ(vr.router.state(), State::kBackup) << i;
  }
  EXPECT_EQ(vr.status().preemptDelayLeft, std::nullopt) << "over at 10 s";
  // From 10 s the lower priority adverts are discarded; the timer armed
  // by the last accepted one (at 9 s) runs out 3.21 s later.
  vr.at(seconds(11));
  EXPECT_TRUE(vr.hear(advertFrom(config, "192.0.2.1", 100)).empty());
  EXPECT_EQ(only<Transition>(vr.at(seconds(10) + milliseconds(3210))).at(0).to, State::kMaster);
}

TEST(VrrpBackup, PriorityZeroLeavesOnlyTheSkew) {
  Vr vr;
  vr.start();
  vr.at(seconds(1));
  vr.hear(advertFrom(vr.config, "192.0.2.1", 150));
  vr.at(seconds(2));
  const Actions out = vr.hear(advertFrom(vr.config, "192.0.2.1", 0));
  EXPECT_EQ(armed(out), vr.now + milliseconds(600)) << "Skew_Time for priority 100";
  EXPECT_EQ(only<Transition>(vr.at(seconds(2) + milliseconds(600))).at(0).to, State::kMaster);
  EXPECT_EQ(vr.status().counters.priorityZeroIn, 1U);
}

TEST(VrrpMaster, AnswersPriorityZeroAtOnce) {
  Vr vr(ipv4Config(kOwnerPriority));
  vr.start();
  vr.at(milliseconds(500));
  const Actions out = vr.hear(advertFrom(vr.config, "192.0.2.1", 0));
  EXPECT_EQ(adverts(out).at(0).priority, 255);
  EXPECT_EQ(armed(out), vr.now + seconds(1)) << "the advert timer restarts";
  EXPECT_EQ(vr.router.state(), State::kMaster);
}

TEST(VrrpMaster, YieldsToAHigherPriority) {
  Vr vr;
  vr.start();
  vr.at(milliseconds(3600));
  ASSERT_EQ(vr.router.state(), State::kMaster);
  vr.at(seconds(4));
  const Actions out = vr.hear(advertFrom(vr.config, "192.0.2.1", 101, Centiseconds(200)));
  ASSERT_EQ(only<Transition>(out).size(), 1U);
  EXPECT_EQ(only<Transition>(out)[0], (Transition{State::kMaster, State::kBackup}));
  EXPECT_TRUE(only<SendAdvert>(out).empty());
  // The new master's interval: 3 * 200 + (156 * 200) / 256 = 600 + 121.
  EXPECT_EQ(armed(out), vr.now + milliseconds(7210));
  EXPECT_EQ(vr.status().masterAddress, ip("192.0.2.1"));
  EXPECT_EQ(vr.status().masterPriority, 101);
}

TEST(VrrpMaster, EqualPriorityGoesToTheHigherAddress) {
  Vr vr;
  vr.start();
  vr.at(milliseconds(3600));
  vr.at(seconds(4));
  // The other one thinks it is master: answered at once, and the
  // addresses announced again, at most once a second.
  Actions out = vr.hear(advertFrom(vr.config, "192.0.2.1", 100));
  EXPECT_TRUE(only<Transition>(out).empty()) << "lower address";
  EXPECT_EQ(only<SendAdvert>(out).size(), 1U);
  EXPECT_EQ(only<Announce>(out).size(), 1U);
  out = vr.hear(advertFrom(vr.config, "192.0.2.1", 99));
  EXPECT_TRUE(only<Transition>(out).empty()) << "lower priority";
  EXPECT_EQ(only<SendAdvert>(out).size(), 1U);
  EXPECT_TRUE(only<Announce>(out).empty());
  vr.at(seconds(5));
  EXPECT_EQ(only<Announce>(vr.hear(advertFrom(vr.config, "192.0.2.1", 99))).size(), 1U);
  EXPECT_EQ(vr.status().counters.lowerPriorityIn, 3U);
  EXPECT_EQ(vr.router.state(), State::kMaster);
  out = vr.hear(advertFrom(vr.config, "192.0.2.10", 100));
  EXPECT_EQ(only<Transition>(out).at(0).to, State::kBackup);
}

TEST(VrrpMaster, OwnersTieByAddressToo) {
  Vr vr(ipv6Config(kOwnerPriority));
  vr.start();
  EXPECT_TRUE(only<Transition>(vr.hear(advertFrom(vr.config, "fe80::1", 255))).empty());
  EXPECT_EQ(only<Transition>(vr.hear(advertFrom(vr.config, "fe80::3", 255))).at(0).to,
            State::kBackup);
}

TEST(VrrpShutdown, MasterSendsPriorityZero) {
  Vr vr(ipv4Config(kOwnerPriority));
  vr.start();
  vr.at(seconds(1));
  const Actions out = vr.router.shutdown(vr.now);
  ASSERT_EQ(out.size(), 4U);
  EXPECT_EQ(std::get<SendAdvert>(out[0]).priority, 0);
  EXPECT_EQ(adverts(out).at(0).priority, 0);
  EXPECT_EQ(std::get<Transition>(out[1]), (Transition{State::kMaster, State::kInitialize}));
  EXPECT_EQ(std::get<ArmTimer>(out[3]).deadline, std::nullopt);
  EXPECT_EQ(vr.status().counters.priorityZeroOut, 1U);
  EXPECT_TRUE(vr.at(seconds(5)).empty());
  // Started again, it is the owner again.
  EXPECT_EQ(only<Transition>(vr.start()).at(0).to, State::kMaster);
}

// The release the kernel sends for a killed master is shutdown()'s advert,
// byte for byte, whatever the version, family and checksum scope.
TEST(VrrpRelease, IsShutdownsPriorityZeroAdvert) {
  RouterConfig v2 = ipv4Config(kOwnerPriority, Version::kV2);
  v2.advertInterval = Centiseconds(200);
  RouterConfig asV2 = ipv4Config(kOwnerPriority);
  asV2.ipv4PseudoHeader = false;
  for (const RouterConfig& config :
       {ipv4Config(kOwnerPriority), ipv6Config(kOwnerPriority), v2, asV2}) {
    Vr vr(config);
    vr.start();
    const std::optional<Bytes> release = vr.router.releaseAdvert();
    ASSERT_TRUE(release.has_value());
    const Actions out = vr.router.shutdown(vr.now);
    const SendAdvert sent = only<SendAdvert>(out).at(0);
    EXPECT_EQ(*release, sent.message);
    EXPECT_EQ(sent.destination, multicastGroup(config.family()));
    const auto decoded =
        decode(*release, config.primaryAddress, sent.destination, config.ipv4PseudoHeader);
    ASSERT_TRUE(std::holds_alternative<Advert>(decoded));
    const auto& advert = std::get<Advert>(decoded);
    EXPECT_EQ(advert.priority, 0);
    EXPECT_EQ(advert.vrid, config.vrid);
    EXPECT_EQ(advert.version, config.version);
    EXPECT_EQ(advert.interval, config.advertInterval);
    EXPECT_EQ(advert.addresses, config.virtualAddresses);
  }
}

// It does not depend on the state: a backup has it ready for when it wins.
TEST(VrrpRelease, ReadyInEveryStateButNotForUnicast) {
  Vr vr;
  EXPECT_TRUE(vr.router.releaseAdvert().has_value());
  RouterConfig unicast = ipv4Config();
  unicast.unicastPeers = {ip("192.0.2.3")};
  EXPECT_EQ(Vr(unicast).router.releaseAdvert(), std::nullopt);
}

TEST(VrrpShutdown, BackupJustStops) {
  Vr vr;
  vr.start();
  const Actions out = vr.router.shutdown(vr.now);
  EXPECT_TRUE(only<SendAdvert>(out).empty());
  EXPECT_EQ(only<Transition>(out).at(0).to, State::kInitialize);
  EXPECT_EQ(vr.router.nextDeadline(), std::nullopt);
}

TEST(VrrpTrack, MastersNextAdvertCarriesTheNewPriority) {
  RouterConfig config = ipv4Config(200);
  config.tracked = {{.name = "eth1"}};
  Vr vr(config);
  vr.start();
  vr.at(milliseconds(3210));
  ASSERT_EQ(vr.router.state(), State::kMaster);
  EXPECT_TRUE(vr.router.setTracked(vr.now, "eth1", false).empty()) << "no advert out of turn";
  EXPECT_EQ(adverts(vr.at(milliseconds(4210))).at(0).priority, 180);
  EXPECT_EQ(vr.status().effectivePriority, 180);
  EXPECT_EQ(vr.status().configuredPriority, 200);
  EXPECT_TRUE(vr.router.setTracked(vr.now, "nonesuch", false).empty());
}

TEST(VrrpTrack, RaisedBackupPreemptsTheMaster) {
  RouterConfig config = ipv4Config(100);
  config.tracked = {{.name = "uplink", .weight = 60}};
  Vr vr(config);
  vr.router.setTracked(vr.now, "uplink", false);
  vr.start();
  vr.at(seconds(1));
  vr.hear(advertFrom(config, "192.0.2.1", 150));
  vr.router.setTracked(vr.now, "uplink", true);  // 160 now
  vr.at(seconds(2));
  EXPECT_TRUE(vr.hear(advertFrom(config, "192.0.2.1", 150)).empty()) << "discarded: preempting";
  // The timer armed at 1 s, for priority 100: 3.6 s.
  EXPECT_EQ(only<Transition>(vr.at(milliseconds(4600))).at(0).to, State::kMaster);
}

TEST(VrrpTrack, FaultStopsTheMasterAndRecoveryRestarts) {
  RouterConfig config = ipv4Config(kOwnerPriority);
  config.tracked = {{.name = "check", .weight = 0}};
  Vr vr(config);
  vr.start();
  const Actions fault = vr.router.setTracked(vr.now, "check", false);
  ASSERT_EQ(adverts(fault).size(), 1U) << "a faulted master that can speak hands over";
  EXPECT_EQ(adverts(fault)[0].priority, 0);
  EXPECT_EQ(only<Transition>(fault).at(0), (Transition{State::kMaster, State::kFault}));
  EXPECT_EQ(only<Notify>(fault).at(0), (Notify{State::kFault, 0}));
  EXPECT_EQ(armed(fault), std::nullopt);
  EXPECT_TRUE(vr.at(seconds(10)).empty());
  EXPECT_TRUE(vr.hear(advertFrom(config, "192.0.2.1", 100)).empty());
  EXPECT_EQ(vr.status().counters.drops[DropReason::kInactive], 1U);
  EXPECT_EQ(vr.status().effectivePriority, 0);
  const Actions back = vr.router.setTracked(vr.now, "check", true);
  EXPECT_EQ(only<Transition>(back).at(0), (Transition{State::kFault, State::kMaster}));
  EXPECT_EQ(vr.status().counters.becameFault, 1U);
  EXPECT_EQ(vr.status().counters.becameMaster, 2U);
}

TEST(VrrpTrack, WeightsToZeroFaultAndLeaveToBackup) {
  RouterConfig config = ipv4Config(30);
  config.tracked = {{.name = "a"}, {.name = "b"}};
  Vr vr(config);
  vr.start();
  EXPECT_TRUE(only<Transition>(vr.router.setTracked(vr.now, "a", false)).empty()) << "10 left";
  EXPECT_EQ(only<Transition>(vr.router.setTracked(vr.now, "b", false)).at(0).to, State::kFault);
  const Actions back = vr.router.setTracked(vr.now, "b", true);
  EXPECT_EQ(only<Transition>(back).at(0), (Transition{State::kFault, State::kBackup}));
  EXPECT_EQ(only<Notify>(back).at(0).priority, 10);
}

TEST(VrrpReconfigure, AMasterAdvertisesANewPriorityAndAddressesAtOnce) {
  Vr vr(ipv4Config(200));
  vr.start();
  vr.at(seconds(4));
  ASSERT_EQ(vr.router.state(), State::kMaster);
  RouterConfig next = vr.config;
  next.priority = 150;
  next.virtualAddresses.push_back(*IpAddress::parse("192.0.2.102"));
  const Actions out = vr.router.reconfigure(vr.now, next);
  EXPECT_TRUE(only<Transition>(out).empty()) << "no state change";
  ASSERT_EQ(adverts(out).size(), 1U);
  EXPECT_EQ(adverts(out)[0].priority, 150);
  EXPECT_EQ(adverts(out)[0].addresses.size(), 3U);
  ASSERT_EQ(only<Announce>(out).size(), 1U) << "the new address is announced";
  EXPECT_EQ(vr.status().configuredPriority, 150);
}

TEST(VrrpReconfigure, ABackupJustTakesTheNewPriority) {
  Vr vr;
  vr.start();
  RouterConfig next = vr.config;
  next.priority = 120;
  const Actions out = vr.router.reconfigure(vr.now, next);
  EXPECT_TRUE(only<Transition>(out).empty());
  EXPECT_TRUE(adverts(out).empty());
  EXPECT_EQ(vr.router.state(), State::kBackup);
  EXPECT_EQ(vr.status().effectivePriority, 120);
}

TEST(VrrpReconfigure, IdentityAndTimingNeedARestart) {
  const RouterConfig base = ipv4Config();
  RouterConfig other = base;
  other.vrid = 9;
  EXPECT_FALSE(Router::changeableInPlace(base, other));
  other = base;
  other.advertInterval = Centiseconds(50);
  EXPECT_FALSE(Router::changeableInPlace(base, other));
  other = base;
  other.priority = kOwnerPriority;
  EXPECT_FALSE(Router::changeableInPlace(base, other)) << "owning the addresses";
  other = base;
  other.preempt = false;
  other.priority = 50;
  EXPECT_TRUE(Router::changeableInPlace(base, other));
  Vr vr;
  vr.start();
  RouterConfig next = base;
  next.vrid = 9;
  EXPECT_THROW(vr.router.reconfigure(vr.now, next), redund::Error);
}

TEST(VrrpSync, ABackupFollowsAMemberToMasterAtOnce) {
  Vr vr;
  vr.start();
  const Actions out = vr.router.syncTo(vr.now, State::kMaster);
  EXPECT_EQ(only<Transition>(out).at(0), (Transition{State::kBackup, State::kMaster}));
  ASSERT_EQ(adverts(out).size(), 1U) << "announces itself like any new master";
  EXPECT_EQ(adverts(out)[0].priority, 100);
  EXPECT_EQ(only<Announce>(out).size(), 1U);
  EXPECT_TRUE(only<Transition>(vr.router.syncTo(vr.now, State::kMaster)).empty());
}

TEST(VrrpSync, AMasterFollowsAMemberToBackupWithoutPriorityZero) {
  Vr vr(ipv4Config(200));
  vr.start();
  vr.at(seconds(4));
  ASSERT_EQ(vr.router.state(), State::kMaster);
  const Actions out = vr.router.syncTo(vr.now, State::kBackup);
  EXPECT_EQ(only<Transition>(out).at(0), (Transition{State::kMaster, State::kBackup}));
  EXPECT_TRUE(adverts(out).empty()) << "the routers that beat the member take over";
  EXPECT_EQ(vr.status().masterAddress, std::nullopt);
  EXPECT_TRUE(armed(out).has_value()) << "Master_Down runs again";
}

TEST(VrrpSync, FaultAndNotStartedIgnoreTheGroup) {
  RouterConfig config = ipv4Config();
  config.tracked = {{.name = "uplink", .weight = 0}};
  Vr vr(config);
  EXPECT_TRUE(vr.router.syncTo(vr.now, State::kMaster).empty()) << "not started";
  vr.start();
  vr.router.setTracked(vr.now, "uplink", false);
  EXPECT_TRUE(only<Transition>(vr.router.syncTo(vr.now, State::kMaster)).empty());
  EXPECT_EQ(vr.router.state(), State::kFault);
}

TEST(VrrpSync, AHoldKeepsItInFaultUntilReleased) {
  Vr vr(ipv4Config(200));
  vr.start();
  vr.at(seconds(4));
  const Actions held = vr.router.holdInFault(vr.now, true);
  EXPECT_EQ(only<Transition>(held).at(0), (Transition{State::kMaster, State::kFault}));
  ASSERT_EQ(adverts(held).size(), 1U);
  EXPECT_EQ(adverts(held)[0].priority, 0) << "a held master hands over at once";
  EXPECT_FALSE(vr.router.ownFault()) << "held, not faulty itself";
  EXPECT_TRUE(vr.router.holdInFault(vr.now, true).empty());
  const Actions released = vr.router.holdInFault(vr.now, false);
  EXPECT_EQ(only<Transition>(released).at(0), (Transition{State::kFault, State::kBackup}));
}

TEST(VrrpSync, OwnFaultIsTheInterfaceOrTracking) {
  Vr vr;
  vr.start();
  EXPECT_FALSE(vr.router.ownFault());
  vr.router.setInterface(vr.now, false);
  EXPECT_TRUE(vr.router.ownFault());
  vr.router.holdInFault(vr.now, true);
  vr.router.setInterface(vr.now, true);
  EXPECT_FALSE(vr.router.ownFault());
  EXPECT_EQ(vr.router.state(), State::kFault) << "still held";
}

TEST(VrrpInterface, DownFaultsWithoutSendingAndUpRestarts) {
  Vr vr(ipv4Config(kOwnerPriority));
  vr.start();
  const Actions down = vr.router.setInterface(vr.now, false);
  EXPECT_TRUE(only<SendAdvert>(down).empty()) << "nothing can be sent";
  EXPECT_EQ(only<Transition>(down).at(0).to, State::kFault);
  EXPECT_FALSE(vr.status().interfaceUp);
  vr.at(seconds(3));
  EXPECT_EQ(only<Transition>(vr.router.setInterface(vr.now, true)).at(0).to, State::kMaster);
}

TEST(VrrpInterface, DownBeforeStartupStartsInFault) {
  Vr vr;
  EXPECT_TRUE(vr.router.setInterface(vr.now, false).empty());
  EXPECT_EQ(only<Transition>(vr.start()).at(0).to, State::kFault);
  EXPECT_EQ(only<Transition>(vr.router.setInterface(vr.now, true)).at(0).to, State::kBackup);
}

TEST(VrrpUnicast, SendsToEachPeerAndHearsOnlyThem) {
  RouterConfig config = ipv4Config(kOwnerPriority);
  config.unicastPeers = {ip("198.51.100.1"), ip("198.51.100.2")};
  Vr vr(config);
  const auto sends = only<SendAdvert>(vr.start());
  ASSERT_EQ(sends.size(), 2U);
  EXPECT_EQ(sends[0].destination, ip("198.51.100.1"));
  EXPECT_EQ(sends[1].destination, ip("198.51.100.2"));
  EXPECT_NE(sends[0].message, sends[1].message) << "the destination is in the v3 checksum";
  Packet stranger = advertFrom(config, "192.0.2.1", 0);
  EXPECT_TRUE(vr.hear(stranger).empty());
  EXPECT_EQ(vr.status().counters.drops[DropReason::kUnknownPeer], 1U);
  Packet peer = advertFrom(config, "198.51.100.2", 0);
  EXPECT_EQ(adverts(vr.hear(peer)).size(), 2U) << "priority 0 answered to both peers";
}

TEST(VrrpStatus, ReportsTimersAndConfiguration) {
  RouterConfig config = ipv4Config();
  config.acceptMode = true;
  config.ipv4PseudoHeader = false;
  Vr vr(config);
  vr.start();
  vr.now = kStart + seconds(1);
  const Status status = vr.status();
  EXPECT_EQ(status.name, "vr7");
  EXPECT_EQ(status.vrid, 7);
  EXPECT_EQ(status.state, State::kBackup);
  EXPECT_EQ(status.family, Family::kIpv4);
  EXPECT_TRUE(status.acceptMode);
  EXPECT_FALSE(status.ipv4PseudoHeader);
  EXPECT_TRUE(status.preempt);
  EXPECT_EQ(status.masterAddress, std::nullopt);
  EXPECT_EQ(status.masterDownTimer, milliseconds(2600));
  EXPECT_EQ(status.adverTimer, std::nullopt);
  EXPECT_EQ(status.masterDownInterval, Centiseconds(360));
  EXPECT_EQ(status.skewTime, Centiseconds(60));
  EXPECT_EQ(status.virtualMac, (Mac{0, 0, 0x5e, 0, 1, 7}));
  EXPECT_EQ(status.counters.becameBackup, 1U);
}

// Two routers on one wire: each one's adverts are the other's input.
TEST(VrrpPair, ElectsTheHigherPriorityAndFailsOverOnShutdown) {
  RouterConfig configA = ipv4Config(200);
  RouterConfig configB = ipv4Config(100);
  configB.primaryAddress = ip("192.0.2.3");
  Vr a(configA);
  Vr b(configB);
  const auto deliver = [](const Actions& from, Vr& to) {
    for (const SendAdvert& send : only<SendAdvert>(from)) {
      to.router.receive(to.now, {.message = send.message,
                                 .source = send.source,
                                 .destination = send.destination,
                                 .ttl = 255});
    }
  };
  a.start();
  b.start();
  for (int cs = 1; cs <= 1000; ++cs) {
    a.now = b.now = kStart + Centiseconds(cs);
    deliver(a.router.tick(a.now), b);
    deliver(b.router.tick(b.now), a);
  }
  EXPECT_EQ(a.router.state(), State::kMaster);
  EXPECT_EQ(b.router.state(), State::kBackup);
  EXPECT_EQ(b.status().masterAddress, ip("192.0.2.2"));
  EXPECT_EQ(b.status().counters.becameMaster, 0U) << "A's skew is shorter: B never flapped";

  deliver(a.router.shutdown(a.now), b);
  const TimePoint stopped = a.now;
  std::optional<TimePoint> tookOver;
  for (int cs = 1001; cs <= 1200 && !tookOver; ++cs) {
    b.now = kStart + Centiseconds(cs);
    if (!only<Transition>(b.router.tick(b.now)).empty()) {
      tookOver = b.now;
    }
  }
  ASSERT_TRUE(tookOver.has_value());
  EXPECT_EQ(*tookOver - stopped, milliseconds(600)) << "after B's Skew_Time";
}

}  // namespace
}  // namespace redund::vrrp::test
