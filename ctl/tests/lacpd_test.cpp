// The LACP daemon's logic against FakeApi and a fake packet layer: actions
// become kernel calls and frames, events become core inputs, and a
// restarted daemon takes over without a flap.
#include <cerrno>
#include <chrono>
#include <deque>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "fake_api.h"
#include "lacp/lacpdu.h"
#include "lacpd/daemon.h"
#include "lacpd/state.h"

namespace redund::lacpd {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using test::FakeApi;
using test::FakeSystem;

constexpr lacp::TimePoint kT0 = lacp::TimePoint{} + std::chrono::hours(1);

class FakeLinks final : public Links {
 public:
  std::optional<lacp::Mac> macOf(uint32_t ifindex) override {
    if (ifindex == 0 || ifindex > 200) {
      return std::nullopt;
    }
    return lacp::Mac{2, 0, 0, 0, macByte, static_cast<uint8_t>(ifindex)};
  }
  void open(uint32_t ifindex) override { opened.insert(ifindex); }
  void close(uint32_t ifindex) override { opened.erase(ifindex); }
  void send(uint32_t ifindex, std::span<const std::byte> frame) override {
    sent.emplace_back(ifindex, lacp::Frame(frame.begin(), frame.end()));
  }

  uint8_t macByte = 0;
  std::set<uint32_t> opened;
  std::deque<std::pair<uint32_t, lacp::Frame>> sent;
};

PortInfo lacpPort(uint32_t ifindex, const std::string& name, bool forwarding = false) {
  return {.ifindex = ifindex,
          .ifname = name,
          .carrier = true,
          .collecting = forwarding,
          .distributing = forwarding,
          .speed = 10000,
          .duplex = Duplex::kFull};
}

// r0 (7) in lacp mode with eth1 (3) and eth2 (4).
FakeSystem lacpSystem(bool forwarding = false) {
  FakeSystem system;
  system.interfaces = {{"eth1", 3}, {"eth2", 4}, {"r0", 7}, {"eth5", 5}};
  system.devices = {{.ifindex = 7,
                     .ifname = "r0",
                     .mode = Mode::kLacp,
                     .carrier = forwarding,
                     .numPorts = 2,
                     .hash = Hash::kL34,
                     .minLinks = 0}};
  system.ports[7] = {lacpPort(3, "eth1", forwarding), lacpPort(4, "eth2", forwarding)};
  return system;
}

RunOptions fastActive() {
  RunOptions options;
  options.device = "r0";
  options.rate = lacp::Rate::kFast;
  return options;
}

// One side: a FakeSystem, its api and links, and the daemon.
struct Side {
  Side(FakeSystem sys, RunOptions options, uint8_t macByte)
      : system(std::move(sys)), api(system), daemon(api, links, std::move(options), log) {
    links.macByte = macByte;
  }

  std::vector<FakeSystem::LacpCall> lacpCalls(bool enabled) const {
    std::vector<FakeSystem::LacpCall> calls;
    for (const auto& call : system.setLacpCalls) {
      if (call.state.collecting == enabled) {
        calls.push_back(call);
      }
    }
    return calls;
  }

  FakeSystem system;
  FakeApi api;
  FakeLinks links;
  std::ostringstream log;
  Daemon daemon;
};

// Two daemons whose ports are wired eth1-eth1 and eth2-eth2, on a
// simulated clock.
struct Pair {
  Pair() : a(lacpSystem(), fastActive(), 0xa), b(lacpSystem(), fastActive(), 0xb) {}

  void start() {
    a.daemon.start(now);
    b.daemon.start(now);
  }

  void deliver(Side& from, Side& to) const {
    while (!from.links.sent.empty()) {
      auto [ifindex, frame] = std::move(from.links.sent.front());
      from.links.sent.pop_front();
      if (!cut.contains(ifindex)) {
        to.daemon.onFrame(now, ifindex, frame);
      }
    }
  }

  void runFor(lacp::Duration duration) {
    const lacp::TimePoint end = now + duration;
    while (now < end) {
      now += milliseconds(10);
      a.daemon.onTimer(now);
      b.daemon.onTimer(now);
      deliver(a, b);
      deliver(b, a);
    }
  }

  lacp::TimePoint now = kT0;
  Side a;
  Side b;
  std::set<uint32_t> cut;  // ifindexes whose frames are lost
};

TEST(Daemon, StartOpensEveryPortAndTakesNothingForGranted) {
  Side side(lacpSystem(), fastActive(), 0xa);
  side.daemon.start(kT0);
  EXPECT_EQ(side.links.opened, (std::set<uint32_t>{3, 4}));
  EXPECT_TRUE(side.lacpCalls(true).empty());
  EXPECT_TRUE(side.system.setDeviceCalls.empty());
  const lacp::DeviceStatus status = side.daemon.device().status();
  EXPECT_EQ(status.config.system.mac, (lacp::Mac{2, 0, 0, 0, 0xa, 7})) << "the device's MAC";
  ASSERT_EQ(status.ports.size(), 2U);
  EXPECT_EQ(status.ports[0].name, "eth1");
  EXPECT_EQ(status.ports[0].link.speedMbps, 10000U);
  EXPECT_NE(side.log.str().find("r0: lacp active, rate fast"), std::string::npos) << side.log.str();
}

TEST(Daemon, StartSwitchesAnEmptyDeviceToLacpMode) {
  FakeSystem system = lacpSystem();
  system.devices[0].mode = Mode::kBalance;
  system.devices[0].numPorts = 0;
  system.ports[7].clear();
  Side side(std::move(system), fastActive(), 0xa);
  side.daemon.start(kT0);
  ASSERT_EQ(side.system.setDeviceCalls.size(), 1U);
  EXPECT_EQ(side.system.setDeviceCalls[0],
            (std::pair<uint32_t, DeviceSettings>{7, DeviceSettings{.mode = Mode::kLacp}}));
}

TEST(Daemon, StartRefusesADeviceInAnotherModeWithPorts) {
  FakeSystem system = lacpSystem();
  system.devices[0].mode = Mode::kBalance;
  Side side(std::move(system), fastActive(), 0xa);
  try {
    side.daemon.start(kT0);
    FAIL() << "started";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "r0 is in balance mode with 2 ports; release them and run \"redundctl dev set r0 "
              "mode lacp\"");
  }
  EXPECT_TRUE(side.system.setDeviceCalls.empty());
}

TEST(Daemon, StartRefusesMissingAndForeignDevices) {
  RunOptions options = fastActive();
  options.device = "nope";
  Side missing(lacpSystem(), options, 0xa);
  EXPECT_THROW(missing.daemon.start(kT0), Error);
  options.device = "eth1";
  Side foreign(lacpSystem(), options, 0xa);
  try {
    foreign.daemon.start(kT0);
    FAIL() << "started";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("eth1 is not a redund device"), std::string::npos);
  }
}

TEST(Daemon, ActionsBecomeFramesAndKernelCalls) {
  Pair pair;
  pair.start();
  EXPECT_FALSE(pair.a.links.sent.empty()) << "active: LACPDUs at once";
  for (const auto& [ifindex, frame] : pair.a.links.sent) {
    EXPECT_EQ(frame.size(), lacp::kFrameLen);
    const auto decoded = lacp::decode(frame);
    ASSERT_TRUE(std::holds_alternative<lacp::Lacpdu>(decoded));
    EXPECT_EQ(std::get<lacp::Lacpdu>(decoded).actor.system.mac, (lacp::Mac{2, 0, 0, 0, 0xa, 7}));
  }
  pair.runFor(seconds(5));
  using Call = FakeSystem::LacpCall;
  const PortLacpState on{.collecting = true, .distributing = true};
  for (Side* side : {&pair.a, &pair.b}) {
    EXPECT_EQ(side->lacpCalls(true), (std::vector<Call>{{7, 3, on}, {7, 4, on}}));
    EXPECT_NE(side->log.str().find("r0 eth1: mux attached -> collecting_distributing"),
              std::string::npos);
    EXPECT_NE(side->log.str().find("r0: aggregate up"), std::string::npos);
  }
}

TEST(Daemon, KernelRefusalIsLoggedNotFatal) {
  Pair pair;
  pair.a.system.setLacpError = KernelError(ENETDOWN, "Port has no carrier");
  pair.start();
  EXPECT_NO_THROW(pair.runFor(seconds(5)));
  EXPECT_NE(
      pair.a.log.str().find("r0 eth1: collecting_distributing on refused: Port has no carrier"),
      std::string::npos)
      << pair.a.log.str();
}

TEST(Daemon, CarrierEventsReachTheCore) {
  Pair pair;
  pair.start();
  pair.runFor(seconds(5));
  pair.a.system.setLacpCalls.clear();

  PortInfo down = lacpPort(3, "eth1");
  down.carrier = false;
  pair.a.daemon.onEvents(pair.now, {{.kind = EventKind::kPortCarrier, .ifindex = 7, .port = down}});
  const PortLacpState off{.collecting = false, .distributing = false};
  EXPECT_EQ(pair.a.lacpCalls(false), (std::vector<FakeSystem::LacpCall>{{7, 3, off}}));
  EXPECT_FALSE(pair.a.daemon.device().status().ports[0].link.up);

  // Another device's events are not ours.
  pair.a.daemon.onEvents(
      pair.now, {{.kind = EventKind::kPortCarrier, .ifindex = 8, .port = lacpPort(3, "eth1")}});
  EXPECT_FALSE(pair.a.daemon.device().status().ports[0].link.up);

  pair.a.daemon.onEvents(
      pair.now, {{.kind = EventKind::kPortCarrier, .ifindex = 7, .port = lacpPort(3, "eth1")}});
  pair.runFor(seconds(5));
  const PortLacpState on{.collecting = true, .distributing = true};
  EXPECT_EQ(pair.a.lacpCalls(true), (std::vector<FakeSystem::LacpCall>{{7, 3, on}}));
}

TEST(Daemon, PortEventsAddAndRemovePorts) {
  Side side(lacpSystem(), fastActive(), 0xa);
  side.daemon.start(kT0);
  side.daemon.onEvents(kT0,
                       {{.kind = EventKind::kPortNew, .ifindex = 7, .port = lacpPort(5, "eth5")}});
  EXPECT_EQ(side.links.opened, (std::set<uint32_t>{3, 4, 5}));
  EXPECT_EQ(side.daemon.device().status().ports.size(), 3U);
  // A repeat (an event racing with start's dump) is harmless.
  side.daemon.onEvents(kT0,
                       {{.kind = EventKind::kPortNew, .ifindex = 7, .port = lacpPort(5, "eth5")}});
  EXPECT_EQ(side.daemon.device().status().ports.size(), 3U);

  side.daemon.onEvents(kT0, {{.kind = EventKind::kPortDel, .ifindex = 7, .port = {.ifindex = 3}}});
  EXPECT_EQ(side.links.opened, (std::set<uint32_t>{4, 5}));
  EXPECT_EQ(side.daemon.device().status().ports.size(), 2U);
  side.daemon.onEvents(kT0, {{.kind = EventKind::kPortDel, .ifindex = 7, .port = {.ifindex = 3}}});
  EXPECT_FALSE(side.daemon.finished());

  side.daemon.onEvents(kT0, {{.kind = EventKind::kDevDel, .ifindex = 7}});
  EXPECT_TRUE(side.daemon.finished());
}

TEST(Daemon, LeavingLacpModeFinishes) {
  Side side(lacpSystem(), fastActive(), 0xa);
  side.daemon.start(kT0);
  side.daemon.onEvents(kT0, {{.kind = EventKind::kDevChange,
                              .ifindex = 7,
                              .device = {.ifindex = 7, .mode = Mode::kLacp}}});
  EXPECT_FALSE(side.daemon.finished());
  side.daemon.onEvents(kT0, {{.kind = EventKind::kDevChange,
                              .ifindex = 7,
                              .device = {.ifindex = 7, .mode = Mode::kBalance}}});
  EXPECT_TRUE(side.daemon.finished());
}

TEST(Daemon, ResyncReconcilesWithTheKernel) {
  Side side(lacpSystem(), fastActive(), 0xa);
  side.daemon.start(kT0);
  side.system.ports[7] = {lacpPort(4, "eth2"), lacpPort(5, "eth5")};
  side.daemon.resync(kT0 + seconds(1));
  std::vector<uint32_t> ports;
  for (const auto& port : side.daemon.device().status().ports) {
    ports.push_back(port.ifindex);
  }
  EXPECT_EQ(ports, (std::vector<uint32_t>{4, 5}));
  EXPECT_EQ(side.links.opened, (std::set<uint32_t>{4, 5}));

  side.system.removedAfterDump = {7};
  side.daemon.resync(kT0 + seconds(2));
  EXPECT_TRUE(side.daemon.finished());
}

using Health = Daemon::PortHealth;

void setHealth(Side& side, Health eth1, Health eth2) {
  side.daemon.setPortHealth({{"eth1", eth1}, {"eth2", eth2}});
}

RunOptions withChecks() {
  RunOptions options = fastActive();
  for (const char* port : {"eth1", "eth2"}) {
    health::CheckConfig check;
    check.name = port;
    check.via = port;
    options.checks.push_back(check);
  }
  return options;
}

// Port checks: a failing port stops distributing but keeps collecting, and
// LACP never notices; when every port fails none is held out.
TEST(Daemon, FailingPortChecksHoldThePortOutOfDistributing) {
  Pair pair;
  pair.start();
  pair.runFor(seconds(5));
  Side& a = pair.a;
  a.system.setLacpCalls.clear();
  using Calls = std::vector<FakeSystem::LacpCall>;
  const PortLacpState on{.collecting = true, .distributing = true};
  const PortLacpState held{.collecting = true, .distributing = false};

  setHealth(a, Health::kFailing, Health::kPassing);
  EXPECT_EQ(a.system.setLacpCalls, (Calls{{7, 3, held}}));
  EXPECT_TRUE(a.daemon.heldOut(3));
  EXPECT_FALSE(a.daemon.heldOut(4));
  EXPECT_TRUE(a.daemon.hasPort("eth1"));
  EXPECT_FALSE(a.daemon.hasPort("eth5"));
  EXPECT_TRUE(a.daemon.forwardingPort("eth1")) << "held out, still in the aggregate";
  EXPECT_NE(a.log.str().find("r0 eth1: out of distributing, its checks fail"), std::string::npos)
      << a.log.str();
  setHealth(a, Health::kFailing, Health::kPassing);  // no news: no call
  pair.runFor(seconds(5));
  EXPECT_EQ(a.system.setLacpCalls.size(), 1U) << "LACP leaves the held port alone";
  for (const auto& port : a.daemon.device().status().ports) {
    EXPECT_EQ(port.mux, lacp::MuxState::kCollectingDistributing) << port.name;
  }

  a.system.setLacpCalls.clear();
  setHealth(a, Health::kFailing, Health::kFailing);
  EXPECT_EQ(a.system.setLacpCalls, (Calls{{7, 3, on}})) << "all fail: the target, not the ports";
  EXPECT_FALSE(a.daemon.heldOut(3));

  a.system.setLacpCalls.clear();
  setHealth(a, Health::kFailing, Health::kPassing);
  EXPECT_EQ(a.system.setLacpCalls, (Calls{{7, 3, held}}));
  setHealth(a, Health::kPassing, Health::kPassing);
  EXPECT_EQ(a.system.setLacpCalls, (Calls{{7, 3, held}, {7, 3, on}}));
  EXPECT_NE(a.log.str().find("r0 eth1: distributing again"), std::string::npos);
}

TEST(Daemon, PortsFailingTogetherAreNeverHeldOutInBetween) {
  Pair pair;
  pair.start();
  pair.runFor(seconds(5));
  pair.a.system.setLacpCalls.clear();
  setHealth(pair.a, Health::kFailing, Health::kFailing);
  setHealth(pair.a, Health::kPassing, Health::kPassing);
  EXPECT_TRUE(pair.a.system.setLacpCalls.empty()) << pair.a.log.str();
}

TEST(Daemon, OnlyPortsInTheAggregateAreForwarding) {
  Side side(lacpSystem(), fastActive(), 0xa);
  side.daemon.start(kT0);
  EXPECT_FALSE(side.daemon.forwardingPort("eth1")) << "no partner yet: nothing may be sent on it";
  EXPECT_FALSE(side.daemon.forwardingPort("eth9"));
}

TEST(Daemon, LosingThePassingPortReleasesTheHeldOne) {
  Pair pair;
  pair.start();
  pair.runFor(seconds(5));
  Side& a = pair.a;
  setHealth(a, Health::kFailing, Health::kPassing);
  a.system.setLacpCalls.clear();

  PortInfo down = lacpPort(4, "eth2");
  down.carrier = false;
  a.daemon.onEvents(pair.now, {{.kind = EventKind::kPortCarrier, .ifindex = 7, .port = down}});
  const PortLacpState on{.collecting = true, .distributing = true};
  const PortLacpState off{.collecting = false, .distributing = false};
  EXPECT_EQ(a.system.setLacpCalls, (std::vector<FakeSystem::LacpCall>{{7, 3, on}, {7, 4, off}}))
      << "eth1 is all that is left: it distributes, checks or not";
}

FakeSystem eth1HeldOut() {
  FakeSystem kernel = lacpSystem(true);
  kernel.ports[7][0].distributing = false;  // an earlier daemon's checks held eth1 out
  return kernel;
}

TEST(Daemon, TakesOverAPortAnEarlierDaemonHeldOut) {
  Side side(eth1HeldOut(), fastActive(), 0xa);
  side.daemon.start(kT0);
  EXPECT_NE(side.log.str().find("2 forwarding taken over"), std::string::npos) << side.log.str();
  const PortLacpState on{.collecting = true, .distributing = true};
  EXPECT_EQ(side.system.setLacpCalls, (std::vector<FakeSystem::LacpCall>{{7, 3, on}}))
      << "this daemon has no checks: nothing holds eth1 out";
}

TEST(Daemon, KeepsAHeldPortOutUntilItsChecksDecide) {
  Side side(eth1HeldOut(), withChecks(), 0xa);
  side.daemon.start(kT0);
  EXPECT_TRUE(side.system.setLacpCalls.empty()) << side.log.str();
  setHealth(side, Health::kUnknown, Health::kUnknown);
  EXPECT_TRUE(side.system.setLacpCalls.empty()) << "no verdict yet: eth1 stays out";
  setHealth(side, Health::kFailing, Health::kPassing);
  EXPECT_TRUE(side.system.setLacpCalls.empty()) << "its check confirms it";
  setHealth(side, Health::kPassing, Health::kPassing);
  const PortLacpState on{.collecting = true, .distributing = true};
  EXPECT_EQ(side.system.setLacpCalls, (std::vector<FakeSystem::LacpCall>{{7, 3, on}}));
}

// A converged pair; side a restarts on a kernel that still forwards.
void restartWithoutFlap(bool withStateFile) {
  Pair pair;
  pair.start();
  pair.runFor(seconds(5));
  const Json saved = statusJson("r0", 1, pair.a.daemon.device().status());

  FakeSystem kernel = lacpSystem(true);
  Side restarted(std::move(kernel), fastActive(), 0xa);
  restarted.daemon.start(pair.now, withStateFile ? savedState(saved) : SavedState{});
  EXPECT_TRUE(restarted.system.setLacpCalls.empty()) << "no flap";
  EXPECT_NE(restarted.log.str().find("2 ports, 2 forwarding taken over"), std::string::npos);
  EXPECT_EQ(restarted.links.sent.size(), withStateFile ? 2U : 0U)
      << "with the partner known, NTT at once; without, quiet until it speaks";

  // Swap the restarted daemon in for a: b must never leave
  // COLLECTING_DISTRIBUTING, and a must never stop forwarding.
  std::swap(pair.a.links.sent, restarted.links.sent);
  const std::string bLog = pair.b.log.str();
  pair.b.system.setLacpCalls.clear();
  const lacp::TimePoint end = pair.now + seconds(10);
  while (pair.now < end) {
    pair.now += milliseconds(10);
    restarted.daemon.onTimer(pair.now);
    pair.b.daemon.onTimer(pair.now);
    while (!pair.a.links.sent.empty()) {
      auto [ifindex, frame] = std::move(pair.a.links.sent.front());
      pair.a.links.sent.pop_front();
      pair.b.daemon.onFrame(pair.now, ifindex, frame);
    }
    while (!restarted.links.sent.empty()) {
      auto [ifindex, frame] = std::move(restarted.links.sent.front());
      restarted.links.sent.pop_front();
      pair.b.daemon.onFrame(pair.now, ifindex, frame);
    }
    while (!pair.b.links.sent.empty()) {
      auto [ifindex, frame] = std::move(pair.b.links.sent.front());
      pair.b.links.sent.pop_front();
      restarted.daemon.onFrame(pair.now, ifindex, frame);
    }
  }
  EXPECT_TRUE(restarted.system.setLacpCalls.empty()) << restarted.log.str();
  EXPECT_TRUE(pair.b.system.setLacpCalls.empty());
  EXPECT_EQ(pair.b.log.str(), bLog) << "no state change on the partner";
  for (const auto& port : restarted.daemon.device().status().ports) {
    EXPECT_EQ(port.mux, lacp::MuxState::kCollectingDistributing);
    EXPECT_EQ(port.partner.system.mac, (lacp::Mac{2, 0, 0, 0, 0xb, 7}));
  }
}

TEST(Daemon, RestartWithTheStateFileTakesOverWithoutAFlap) { restartWithoutFlap(true); }

TEST(Daemon, RestartWithoutTheStateFileTakesOverWithoutAFlap) { restartWithoutFlap(false); }

TEST(DaemonState, PartnerInformationRoundTrips) {
  Pair pair;
  pair.start();
  pair.runFor(seconds(5));
  const lacp::DeviceStatus status = pair.a.daemon.device().status();
  const Json json = statusJson("r0", 42, status);
  EXPECT_EQ(json["device"], "r0");
  EXPECT_EQ(json["pid"], 42);
  EXPECT_EQ(json["aggregate_up"], true);
  EXPECT_EQ(json["ports"][0]["mux"], "collecting_distributing");
  EXPECT_EQ(json["ports"][0]["partner"]["system_mac"], "02:00:00:00:0b:07");
  const SavedState saved = savedState(Json::parse(json.dump()));
  ASSERT_EQ(saved.size(), 2U);
  EXPECT_EQ(saved.at(3).partner, status.ports[0].partner);
  EXPECT_FALSE(saved.at(3).fallback);
  EXPECT_TRUE(savedState(Json::parse("{\"ports\": [{\"ifindex\": 3}]}")).empty());
  EXPECT_TRUE(savedState(Json::parse("[]")).empty());
}

}  // namespace
}  // namespace redund::lacpd
