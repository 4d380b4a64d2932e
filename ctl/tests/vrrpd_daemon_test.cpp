// The VRRP daemon's logic against FakeApi, a fake host_ and fake packet
// and hook layers: the kernel gateway follows the router's state, the
// virtual IPs and the gateway are set up and taken down, failures leave
// nothing behind.
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "fake_api.h"
#include "health/check_spec.h"
#include "vrrp/advert.h"
#include "vrrp_fixture.h"
#include "vrrpd/router_daemon.h"

namespace redund::vrrpd {
namespace {

using std::chrono::milliseconds;
using test::FakeApi;
using test::FakeSystem;
using vrrp::test::ip;

constexpr vrrp::TimePoint kT0 = vrrp::TimePoint{} + std::chrono::hours(1);

class FakeHost final : public Host {
 public:
  std::optional<uint32_t> ifindexOf(const std::string& ifname) override {
    const auto it = ifindexes.find(ifname);
    return it == ifindexes.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<std::string> ifnameOf(uint32_t ifindex) override {
    for (const auto& [name, index] : ifindexes) {
      if (index == ifindex) {
        return name;
      }
    }
    return std::nullopt;
  }
  bool linkUp(const std::string& ifname) override { return !down.contains(ifname); }
  std::vector<vrrp::IpAddress> addressesOf(uint32_t ifindex, vrrp::Family family) override {
    std::vector<vrrp::IpAddress> result;
    for (const vrrp::IpAddress& a : addresses[ifindex]) {
      if (a.family() == family) {
        result.push_back(a);
      }
    }
    return result;
  }
  void addAddress(uint32_t ifindex, const vrrp::IpAddress& address) override {
    if (failAdd == address) {
      throw std::system_error(EPERM, std::generic_category(), "add address");
    }
    addresses[ifindex].push_back(address);
  }
  void removeAddress(uint32_t ifindex, const vrrp::IpAddress& address) override {
    std::erase(addresses[ifindex], address);
  }

  std::map<std::string, uint32_t> ifindexes{{"r0", 7}, {"eth9", 9}};
  std::set<std::string> down;
  std::map<uint32_t, std::vector<vrrp::IpAddress>> addresses{
      {7, {ip("192.0.2.2"), ip("fe80::2"), ip("2001:db8::2")}}};
  std::optional<vrrp::IpAddress> failAdd;
};

struct Sent {
  vrrp::IpAddress source;
  vrrp::IpAddress destination;
  vrrp::Advert advert;
};

class FakeSender final : public AdvertSender {
 public:
  std::optional<int> send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
                          std::span<const std::byte> message) override {
    const auto decoded = vrrp::decode(message, source, destination);
    const auto* advert = std::get_if<vrrp::Advert>(&decoded);
    EXPECT_NE(advert, nullptr);
    if (advert != nullptr) {
      sent.push_back({source, destination, *advert});
    }
    if (queued) {
      return std::nullopt;
    }
    return error;
  }
  std::vector<Sent> sent;
  int error = 0;
  bool queued = false;  // as the service does for adverts due together
};

class FakeNotifier final : public Notifier {
 public:
  void run(const std::vector<std::string>& args) override { calls.push_back(args); }
  void runThen(const std::vector<std::string>& args, Done done) override {
    calls.push_back(args);
    pending = std::move(done);
  }
  void cancel() override {
    pending = {};
    ++cancels;
  }
  // Ends the runThen() hook.
  void finish(vrrp::TimePoint now, bool succeeded) {
    Done done = std::move(pending);
    pending = {};
    done(now, succeeded);
  }
  std::vector<std::vector<std::string>> calls;
  Done pending;
  int cancels = 0;
};

VrrpOptions ipv4Options(uint8_t priority = 100) {
  VrrpOptions o;
  o.device = "r0";
  o.vrid = 7;
  o.priority = priority;
  o.addresses = {ip("192.0.2.100")};
  o.interval = milliseconds(1000);
  return o;
}

// The address owner, master at once, with a claim hook (cold standby).
VrrpOptions claimingOwner() {
  VrrpOptions o = ipv4Options(255);
  o.claimHook = "start-service";
  return o;
}

class VrrpdDaemonTest : public ::testing::Test {
 protected:
  RouterDaemon make(const VrrpOptions& options) { return {api_, host_, notifier_, options, log_}; }
  const GatewayInfo* gateway(uint8_t vrid = 7, vrrp::Family family = vrrp::Family::kIpv4) {
    for (const GatewayInfo& gw : system_.gateways) {
      if (gw.key == GatewayKey{vrid, family}) {
        return &gw;
      }
    }
    return nullptr;
  }
  // An advert from a peer for `options`' router.
  vrrp::test::Packet advert(const VrrpOptions& options, std::string_view from, uint8_t priority) {
    return vrrp::test::advertFrom(options.routerConfig(ip("192.0.2.2")), from, priority);
  }

  FakeSystem system_ = FakeSystem::standard();
  FakeApi api_{system_};
  FakeHost host_;
  FakeSender sender_;
  FakeNotifier notifier_;
  FakeNotifier claim_;
  std::ostringstream log_;
};

TEST_F(VrrpdDaemonTest, StartAddsABackupGatewayThatDoesNotPersistAndTheVirtualIp) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  ASSERT_NE(gateway(), nullptr);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
  EXPECT_FALSE(gateway()->persist);
  EXPECT_EQ(gateway()->addresses, std::vector{ip("192.0.2.100")});
  EXPECT_EQ(system_.gatewayCalls.front().op, "add");
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4),
            (std::vector{ip("192.0.2.2"), ip("192.0.2.100")}));
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kBackup);
  EXPECT_EQ(d.status(kT0).primaryAddress, ip("192.0.2.2"));
  EXPECT_TRUE(sender_.sent.empty());
  ASSERT_EQ(notifier_.calls.size(), 1U);
  EXPECT_EQ(notifier_.calls[0], (std::vector<std::string>{"backup", "7", "r0", "inet", "100"}));
}

// What the kernel sends if this process is killed as master: the
// router's own priority 0 advert, from its primary address.
vrrp::Advert releaseOf(const GatewayInfo& gw) {
  EXPECT_TRUE(gw.release.has_value());
  const GatewayRelease& release = gw.release.value();
  EXPECT_EQ(release.source, ip("192.0.2.2"));
  const auto decoded =
      vrrp::decode(release.advert, release.source, vrrp::multicastGroup(vrrp::Family::kIpv4));
  EXPECT_TRUE(std::holds_alternative<vrrp::Advert>(decoded));
  return std::get<vrrp::Advert>(decoded);
}

TEST_F(VrrpdDaemonTest, TheGatewayHoldsTheReleaseAndItFollowsTheAddresses) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  ASSERT_NE(gateway(), nullptr);
  vrrp::Advert release = releaseOf(*gateway());
  EXPECT_EQ(release.priority, 0);
  EXPECT_EQ(release.vrid, 7);
  EXPECT_EQ(release.interval, vrrp::Centiseconds(100));
  EXPECT_EQ(release.addresses, std::vector{ip("192.0.2.100")});

  VrrpOptions next = ipv4Options(150);
  const std::size_t calls = system_.gatewayCalls.size();
  d.reconfigure(kT0, next);
  EXPECT_EQ(system_.gatewayCalls.size(), calls) << "priority is not in the release";
  next.addresses.push_back(ip("192.0.2.101"));
  d.reconfigure(kT0, next);
  release = releaseOf(*gateway());
  EXPECT_EQ(release.addresses, (std::vector{ip("192.0.2.100"), ip("192.0.2.101")}));
  EXPECT_EQ(system_.gatewayCalls.back().settings, (GatewaySettings{.release = gateway()->release}));
}

TEST_F(VrrpdDaemonTest, AUnicastRouterHasNoRelease) {
  VrrpOptions options = ipv4Options();
  options.unicastPeers = {ip("192.0.2.3")};
  RouterDaemon d = make(options);
  d.start(kT0, sender_);
  ASSERT_NE(gateway(), nullptr);
  EXPECT_EQ(gateway()->release, std::nullopt);
  EXPECT_EQ(system_.gatewayCalls.front().settings.release, GatewayRelease{});
}

TEST_F(VrrpdDaemonTest, MasterDownMakesTheKernelGatewayMasterAndAdvertises) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  ASSERT_TRUE(d.nextDeadline().has_value());
  const vrrp::TimePoint due = *d.nextDeadline();
  // Master_Down_Interval = 3 s + Skew_Time, ((256 - 100) * 100 cs) / 256 = 60 cs.
  EXPECT_EQ(due - kT0, milliseconds(3600));
  d.onTimer(due);
  EXPECT_EQ(d.status(due).state, vrrp::State::kMaster);
  EXPECT_EQ(gateway()->state, GatewayState::kMaster);
  ASSERT_EQ(sender_.sent.size(), 1U);
  EXPECT_EQ(sender_.sent[0].source, ip("192.0.2.2"));
  EXPECT_EQ(sender_.sent[0].destination, ip("224.0.0.18"));
  EXPECT_EQ(sender_.sent[0].advert.priority, 100);
  EXPECT_EQ(notifier_.calls.back(), (std::vector<std::string>{"master", "7", "r0", "inet", "100"}));
  EXPECT_NE(log_.str().find("r0 vrid 7 inet: backup -> master"), std::string::npos);
}

TEST_F(VrrpdDaemonTest, OwnerIsMasterAtOnce) {
  RouterDaemon d = make(ipv4Options(255));
  d.start(kT0, sender_);
  EXPECT_EQ(gateway()->state, GatewayState::kMaster);
  ASSERT_EQ(sender_.sent.size(), 1U);
  EXPECT_EQ(sender_.sent[0].advert.priority, 255);
}

TEST_F(VrrpdDaemonTest, BetterAdvertDemotesTheMasterAndTheKernelGateway) {
  RouterDaemon d = make(ipv4Options(255 - 155));
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  ASSERT_EQ(gateway()->state, GatewayState::kMaster);
  const auto packet = advert(ipv4Options(), "192.0.2.9", 200);
  d.onPacket(kT0 + std::chrono::seconds(5), packet.received());
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kBackup);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
  EXPECT_EQ(d.status(kT0).masterAddress, ip("192.0.2.9"));
}

TEST_F(VrrpdDaemonTest, ALowerPriorityMasterMakesTheKernelAnnounceAgain) {
  RouterDaemon d = make(ipv4Options(200));
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  const std::size_t sent = sender_.sent.size();
  // Becoming master announced by itself (the module does): no call.
  for (const auto& call : system_.gatewayCalls) {
    EXPECT_NE(call.op, "announce");
  }
  const auto packet = advert(ipv4Options(), "192.0.2.9", 100);
  d.onPacket(kT0 + std::chrono::seconds(5), packet.received());
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kMaster);
  EXPECT_EQ(system_.gatewayCalls.back().op, "announce");
  EXPECT_EQ(sender_.sent.size(), sent + 1);
  EXPECT_EQ(sender_.sent.back().advert.priority, 200);
}

TEST_F(VrrpdDaemonTest, BadAdvertIsCountedAndChangesNothing) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  auto packet = advert(ipv4Options(), "192.0.2.9", 200);
  packet.ttl = 254;
  const std::size_t calls = system_.gatewayCalls.size();
  d.onPacket(kT0 + std::chrono::seconds(5), packet.received());
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kMaster);
  EXPECT_EQ(d.status(kT0).counters.drops[vrrp::DropReason::kBadTtl], 1U);
  EXPECT_EQ(system_.gatewayCalls.size(), calls);
}

TEST_F(VrrpdDaemonTest, StopSendsPriorityZeroDeletesTheGatewayAndRemovesTheAddress) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  d.stop(kT0 + std::chrono::seconds(5));
  ASSERT_FALSE(sender_.sent.empty());
  EXPECT_EQ(sender_.sent.back().advert.priority, 0);
  EXPECT_EQ(gateway(), nullptr);
  EXPECT_EQ(system_.gatewayCalls.back().op, "del");
  // Demoted in the kernel before it went away.
  EXPECT_EQ(system_.gatewayCalls[system_.gatewayCalls.size() - 2].settings.state,
            GatewayState::kBackup);
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.2")});
}

TEST_F(VrrpdDaemonTest, AnExistingGatewayIsAdoptedAndLeftInBackupOnStop) {
  system_.gateways.push_back({.ifindex = 7,
                              .key = {7, vrrp::Family::kIpv4},
                              .state = GatewayState::kBackup,
                              .addresses = {ip("192.0.2.50")},
                              .persist = false});
  host_.addresses[7].push_back(ip("192.0.2.100"));  // already configured
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  ASSERT_EQ(system_.gatewayCalls.front().op, "set");
  EXPECT_TRUE(system_.gatewayCalls.front().settings.adopt);
  EXPECT_EQ(system_.gatewayCalls.front().settings.persist, false);
  EXPECT_EQ(releaseOf(*gateway()).priority, 0) << "an adopted gateway gets the release too";
  EXPECT_EQ(gateway()->addresses, std::vector{ip("192.0.2.100")});
  d.stop(kT0 + std::chrono::seconds(1));
  ASSERT_NE(gateway(), nullptr);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
  // Not added by the daemon, so not removed either.
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4),
            (std::vector{ip("192.0.2.2"), ip("192.0.2.100")}));
}

// redundd restarts a router on reload: its gateway is owned by redundd's
// own socket, which is no other controller.
TEST_F(VrrpdDaemonTest, AGatewayThisProcessOwnsIsAdopted) {
  system_.ownerPort = 4242;
  system_.gateways.push_back({.ifindex = 7,
                              .key = {7, vrrp::Family::kIpv4},
                              .state = GatewayState::kBackup,
                              .addresses = {ip("192.0.2.100")},
                              .owner = 4242});
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  ASSERT_FALSE(system_.gatewayCalls.empty());
  EXPECT_EQ(system_.gatewayCalls.front().op, "set") << "adopted, not added";
  d.stop(kT0 + std::chrono::seconds(1));
}

TEST_F(VrrpdDaemonTest, AGatewayAnotherLiveProcessOwnsIsRefused) {
  system_.gateways.push_back({.ifindex = 7,
                              .key = {7, vrrp::Family::kIpv4},
                              .state = GatewayState::kMaster,
                              .addresses = {ip("192.0.2.100")},
                              .owner = 4242});
  RouterDaemon d = make(ipv4Options());
  try {
    d.start(kT0, sender_);
    ADD_FAILURE() << "started";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("another running controller (netlink port 4242)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(system_.gatewayCalls.empty());
  EXPECT_EQ(gateway()->state, GatewayState::kMaster);
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.2")});
}

TEST_F(VrrpdDaemonTest, AcceptOffLeavesTheAddressesAlone) {
  VrrpOptions o = ipv4Options();
  o.accept = false;
  RouterDaemon d = make(o);
  d.start(kT0, sender_);
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.2")});
}

TEST_F(VrrpdDaemonTest, FailedStartLeavesNothingBehind) {
  VrrpOptions o = ipv4Options();
  o.addresses = {ip("192.0.2.100"), ip("192.0.2.101")};
  host_.failAdd = ip("192.0.2.101");
  RouterDaemon d = make(o);
  EXPECT_THROW(d.start(kT0, sender_), Error);
  EXPECT_EQ(gateway(), nullptr);
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.2")});
}

TEST_F(VrrpdDaemonTest, KernelRefusalAtStartIsAnError) {
  system_.gatewayError = KernelError(EBUSY, "Gateway table full");
  RouterDaemon d = make(ipv4Options());
  EXPECT_THROW(d.start(kT0, sender_), KernelError);
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.2")});
}

TEST_F(VrrpdDaemonTest, PrimaryAddressRules) {
  {
    VrrpOptions o = ipv4Options();
    o.device = "nope";
    RouterDaemon d = make(o);
    EXPECT_THROW(d.start(kT0, sender_), Error);
  }
  {
    VrrpOptions o = ipv4Options();
    o.primaryAddress = ip("192.0.2.77");
    RouterDaemon d = make(o);
    EXPECT_THROW(d.start(kT0, sender_), Error);
  }
  {
    // IPv6 adverts come from the link-local address, not the global one.
    VrrpOptions o = ipv4Options();
    o.addresses = {ip("2001:db8::100")};
    RouterDaemon d = make(o);
    d.start(kT0, sender_);
    EXPECT_EQ(d.status(kT0).primaryAddress, ip("fe80::2"));
    EXPECT_EQ(gateway(7, vrrp::Family::kIpv6)->addresses, std::vector{ip("2001:db8::100")});
  }
  host_.addresses[7] = {ip("fe80::2")};
  {
    RouterDaemon d = make(ipv4Options());
    EXPECT_THROW(d.start(kT0, sender_), Error);
    EXPECT_EQ(gateway(), nullptr);
  }
  EXPECT_EQ(
      choosePrimary({ip("192.0.2.100"), ip("192.0.2.3")}, vrrp::Family::kIpv4, {ip("192.0.2.100")}),
      ip("192.0.2.3"));
}

TEST_F(VrrpdDaemonTest, DeviceDownMeansFaultAndTheGatewayStepsDown) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  ASSERT_EQ(gateway()->state, GatewayState::kMaster);
  host_.down.insert("r0");
  d.onLinksChanged(kT0 + std::chrono::seconds(5));
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kFault);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
  host_.down.erase("r0");
  d.onLinksChanged(kT0 + std::chrono::seconds(6));
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kBackup);
}

TEST_F(VrrpdDaemonTest, TrackedInterfaceLowersThePriority) {
  VrrpOptions o = ipv4Options(150);
  o.trackedInterfaces = {{.name = "eth9", .weight = -60}};
  RouterDaemon d = make(o);
  d.start(kT0, sender_);
  EXPECT_EQ(d.status(kT0).effectivePriority, 150);
  host_.down.insert("eth9");
  d.onLinksChanged(kT0 + std::chrono::seconds(1));
  EXPECT_EQ(d.status(kT0).effectivePriority, 90);
  EXPECT_EQ(d.status(kT0).tracked.front().up, false);
}

TEST_F(VrrpdDaemonTest, TrackedInterfaceDownAtStartStartsInFault) {
  VrrpOptions o = ipv4Options();
  o.trackedInterfaces = {{.name = "eth9", .weight = 0}};
  host_.down.insert("eth9");
  RouterDaemon d = make(o);
  d.start(kT0, sender_);
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kFault);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
}

TEST_F(VrrpdDaemonTest, AHealthCheckCountsDownUntilItReportsUp) {
  VrrpOptions o = ipv4Options(150);
  o.checks = {health::parseCheckSpec("http://192.0.2.10/,name=web,weight=-60")};
  RouterDaemon d = make(o);
  d.start(kT0, sender_);
  EXPECT_EQ(d.status(kT0).effectivePriority, 90);
  const uint64_t generation = d.generation();
  d.onTracked(kT0 + std::chrono::seconds(1), "web", true);
  EXPECT_EQ(d.status(kT0).effectivePriority, 150);
  EXPECT_GT(d.generation(), generation);
  d.onTracked(kT0 + std::chrono::seconds(2), "web", false);
  EXPECT_EQ(d.status(kT0).effectivePriority, 90);
}

TEST_F(VrrpdDaemonTest, AFaultCheckHoldsAMasterInFault) {
  VrrpOptions o = ipv4Options(255);
  o.checks = {health::parseCheckSpec("tcp:192.0.2.10:80,weight=fault")};
  RouterDaemon d = make(o);
  d.start(kT0, sender_);
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kFault) << "down until it proves up";
  d.onTracked(kT0 + std::chrono::seconds(1), "tcp:192.0.2.10:80", true);
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kMaster);
  EXPECT_EQ(gateway()->state, GatewayState::kMaster);
  d.onTracked(kT0 + std::chrono::seconds(2), "tcp:192.0.2.10:80", false);
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kFault);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
}

// Cold standby: the owner (255) is master at once, but the kernel
// gateway waits for the claim hook.
TEST_F(VrrpdDaemonTest, TheClaimHookGatesTheKernelGateway) {
  RouterDaemon d = make(claimingOwner());
  d.useClaimHook(claim_);
  d.start(kT0, sender_);
  ASSERT_EQ(d.status(kT0).state, vrrp::State::kMaster);
  ASSERT_EQ(claim_.calls.size(), 1U);
  EXPECT_EQ(claim_.calls[0], (std::vector<std::string>{"master", "7", "r0", "inet", "255"}));
  EXPECT_EQ(gateway()->state, GatewayState::kBackup) << "not before the hook succeeded";
  claim_.finish(kT0 + std::chrono::seconds(2), true);
  EXPECT_EQ(gateway()->state, GatewayState::kMaster);
}

TEST_F(VrrpdDaemonTest, AFailedClaimHookMeansFaultThenANewTry) {
  VrrpOptions o = claimingOwner();
  o.claimTimeout = std::chrono::seconds(20);
  RouterDaemon d = make(o);
  d.useClaimHook(claim_);
  d.start(kT0, sender_);
  claim_.finish(kT0 + std::chrono::seconds(1), false);
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kFault);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
  EXPECT_NE(log_.str().find("claim hook failed"), std::string::npos);
  ASSERT_TRUE(d.nextDeadline().has_value());
  EXPECT_EQ(*d.nextDeadline(), kT0 + std::chrono::seconds(21));
  d.onTimer(*d.nextDeadline());
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kMaster) << "the owner tries again";
  EXPECT_EQ(claim_.calls.size(), 2U);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
}

TEST_F(VrrpdDaemonTest, LosingMastershipCancelsTheClaimHook) {
  RouterDaemon d = make(claimingOwner());
  d.useClaimHook(claim_);
  d.start(kT0, sender_);
  host_.down.insert("r0");
  d.onLinksChanged(kT0 + std::chrono::seconds(1));
  EXPECT_EQ(claim_.cancels, 1);
  EXPECT_FALSE(claim_.pending);
  EXPECT_EQ(gateway()->state, GatewayState::kBackup);
}

TEST_F(VrrpdDaemonTest, DeviceGoneFinishes) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  host_.ifindexes.erase("r0");
  d.onLinksChanged(kT0 + std::chrono::seconds(1));
  EXPECT_TRUE(d.finished());
  EXPECT_NE(log_.str().find("r0 is gone"), std::string::npos);
}

TEST_F(VrrpdDaemonTest, SendErrorsAreLoggedOncePerErrno) {
  sender_.error = ENETUNREACH;
  RouterDaemon d = make(ipv4Options(255));
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  d.onTimer(*d.nextDeadline());
  const std::string text = log_.str();
  const auto first = text.find("advert to 224.0.0.18");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(text.find("advert to 224.0.0.18", first + 1), std::string::npos);
}

// Adverts sent in one batch report later: the same errno once, a new one
// after a success again.
TEST_F(VrrpdDaemonTest, QueuedAdvertsReportTheirOutcomeLater) {
  sender_.queued = true;
  RouterDaemon d = make(ipv4Options(255));
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  ASSERT_FALSE(sender_.sent.empty());
  EXPECT_EQ(log_.str().find("advert to"), std::string::npos) << "nothing known yet";
  const auto group = sender_.sent.back().destination;
  d.sent(group, ENOBUFS);
  d.sent(group, ENOBUFS);
  d.sent(group, 0);
  d.sent(group, ENOBUFS);
  const std::string text = log_.str();
  const auto first = text.find("advert to 224.0.0.18: " + std::string(std::strerror(ENOBUFS)));
  ASSERT_NE(first, std::string::npos) << text;
  const auto second = text.find("advert to 224.0.0.18", first + 1);
  ASSERT_NE(second, std::string::npos) << "after a success, the errno is new again";
  EXPECT_EQ(text.find("advert to 224.0.0.18", second + 1), std::string::npos);
}

TEST_F(VrrpdDaemonTest, AKernelGatewayThatWillNotFollowIsFatal) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  system_.gatewayError = KernelError(ENOMEM, "Out of memory");
  try {
    d.onTimer(*d.nextDeadline());
    ADD_FAILURE() << "carried on";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("kernel gateway to master"), std::string::npos)
        << e.what();
  }
}

TEST_F(VrrpdDaemonTest, AGatewayDeletedBehindOurBackIsNotFatalOnDemotion) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  d.onTimer(*d.nextDeadline());
  system_.gateways.clear();
  host_.down.insert("r0");
  d.onLinksChanged(kT0 + std::chrono::seconds(5));
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kFault);
  EXPECT_NE(log_.str().find("deleted behind our back"), std::string::npos);
}

TEST_F(VrrpdDaemonTest, ARenamedDeviceIsStillOurs) {
  RouterDaemon d = make(ipv4Options());
  d.start(kT0, sender_);
  host_.ifindexes.erase("r0");
  host_.ifindexes["wan0"] = 7;
  d.onLinksChanged(kT0 + std::chrono::seconds(1));
  EXPECT_FALSE(d.finished());
  EXPECT_EQ(d.status(kT0).state, vrrp::State::kBackup);
}

TEST_F(VrrpdDaemonTest, VirtualIpsLostWhileTheLinkWasDownComeBack) {
  VrrpOptions o = ipv4Options();
  o.addresses = {ip("2001:db8::100")};
  RouterDaemon d = make(o);
  d.start(kT0, sender_);
  host_.removeAddress(7, ip("2001:db8::100"));
  d.onLinksChanged(kT0 + std::chrono::seconds(1));
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv6),
            (std::vector{ip("fe80::2"), ip("2001:db8::2"), ip("2001:db8::100")}));
  d.stop(kT0 + std::chrono::seconds(2));
  EXPECT_EQ(host_.addressesOf(7, vrrp::Family::kIpv6),
            (std::vector{ip("fe80::2"), ip("2001:db8::2")}));
}

TEST_F(VrrpdDaemonTest, TheOwnerMaySendFromTheVirtualIp) {
  host_.addresses[7] = {ip("192.0.2.100")};
  RouterDaemon d = make(ipv4Options(255));
  d.start(kT0, sender_);
  EXPECT_EQ(d.status(kT0).primaryAddress, ip("192.0.2.100"));
}

}  // namespace
}  // namespace redund::vrrpd
