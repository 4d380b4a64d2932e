#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/monitor.h"
#include "cli_fixture.h"
#include "control/client.h"
#include "control/protocol.h"
#include "error.h"
#include "fake_api.h"
#include "util/unique_fd.h"

namespace redund::test {
namespace {

// 2024-05-01T12:00:01.123Z
const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1714564801)) +
                   std::chrono::milliseconds(123);

Event devEvent(EventKind kind) {
  return {.kind = kind, .ifindex = 7, .ifname = "r0", .time = kWhen};
}

Event portEvent(EventKind kind, PortInfo port) {
  Event event = devEvent(kind);
  event.port = std::move(port);
  return event;
}

Event activeEvent(std::optional<uint32_t> port, Reason reason) {
  Event event = devEvent(EventKind::kActiveChanged);
  event.activePort = port;
  event.reason = reason;
  return event;
}

class MonitorTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    system_.eventBatches = {
        {devEvent(EventKind::kDevNew),
         portEvent(EventKind::kPortNew, {.ifindex = 3, .ifname = "eth1", .carrier = true})},
        {},
        {portEvent(EventKind::kPortCarrier,
                   {.ifindex = 3, .ifname = "eth1", .active = true, .linkFailures = 1}),
         activeEvent(4, Reason::kCarrierLoss)},
        {portEvent(EventKind::kPortDel, {.ifindex = 4, .ifname = "eth2"}),
         activeEvent(std::nullopt, Reason::kPortRemoved), devEvent(EventKind::kDevDel)},
    };
  }
};

TEST_F(MonitorTest, JsonOneObjectPerLine) {
  const CliResult result = run({"-j", "monitor"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(
      result.out,
      R"({"event":"dev_new","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7})"
      "\n"
      R"({"event":"port_new","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7,)"
      R"("port":{"ifname":"eth1","ifindex":3,"carrier":true,"active":false,"link_failures":0}})"
      "\n"
      R"({"event":"port_carrier","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0",)"
      R"("ifindex":7,"port":{"ifname":"eth1","ifindex":3,"carrier":false,"active":true,)"
      R"("link_failures":1}})"
      "\n"
      R"({"event":"active_changed","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0",)"
      R"("ifindex":7,"active_port":"eth2","active_port_ifindex":4,"reason":"carrier_loss"})"
      "\n"
      R"({"event":"port_del","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7,)"
      R"("port":{"ifname":"eth2","ifindex":4}})"
      "\n"
      R"({"event":"active_changed","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0",)"
      R"("ifindex":7,"active_port":null,"active_port_ifindex":null,"reason":"port_removed"})"
      "\n"
      R"({"event":"dev_del","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7})"
      "\n");
}

TEST_F(MonitorTest, TextOneLinePerEvent) {
  const CliResult result = run({"monitor"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            "[12:00:01.123] r0: device added\n"
            "[12:00:01.123] r0: port eth1 added (carrier up, backup, link_failures 0)\n"
            "[12:00:01.123] r0: port eth1 carrier down (link_failures 1)\n"
            "[12:00:01.123] r0: active port eth2 (carrier_loss)\n"
            "[12:00:01.123] r0: port eth2 removed\n"
            "[12:00:01.123] r0: active port none (port_removed)\n"
            "[12:00:01.123] r0: device removed\n");
}

TEST_F(MonitorTest, EveryReasonHasItsName) {
  system_.eventBatches = {{activeEvent(3, Reason::kAdmin), activeEvent(3, Reason::kCarrierUp)}};
  const CliResult result = run({"-j", "monitor"});
  std::istringstream lines(result.out);
  std::string line;
  std::vector<std::string> reasons;
  while (std::getline(lines, line)) {
    reasons.push_back(nlohmann::json::parse(line).at("reason"));
  }
  EXPECT_EQ(reasons, (std::vector<std::string>{"admin", "carrier_up"}));
}

TEST_F(MonitorTest, PortNamesSeenInEventsOutliveTheInterface) {
  system_.interfaces.erase("eth2");
  system_.eventBatches = {
      {portEvent(EventKind::kPortNew, {.ifindex = 4, .ifname = "eth2"})},
      {activeEvent(4, Reason::kCarrierUp), activeEvent(44, Reason::kCarrierUp)},
  };
  const CliResult result = run({"monitor"});
  EXPECT_NE(result.out.find("r0: active port eth2 (carrier_up)\n"), std::string::npos);
  EXPECT_NE(result.out.find("r0: active port if44 (carrier_up)\n"), std::string::npos);
}

TEST_F(MonitorTest, StopsCleanlyOnSigterm) {
  system_.eventBatches.resize(1);
  system_.raiseSigtermAtEnd = true;
  const CliResult result = run({"monitor"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            "[12:00:01.123] r0: device added\n"
            "[12:00:01.123] r0: port eth1 added (carrier up, backup, link_failures 0)\n");
  // The signal was consumed, not left pending.
  sigset_t pending;
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGTERM), 0);
}

// Events of a current module in balance and lacp modes.
class LagMonitorTest : public MonitorTest {
 protected:
  void SetUp() override {
    MonitorTest::SetUp();
    const PortInfo eth1 = {.ifindex = 3,
                           .ifname = "eth1",
                           .carrier = true,
                           .collecting = true,
                           .distributing = false,
                           .txBuckets = 0,
                           .speed = 10000,
                           .duplex = Duplex::kFull,
                           .stats = PortStats{.rxPackets = 1, .rxBytes = 64}};
    PortInfo eth1Down = eth1;
    eth1Down.carrier = false;
    eth1Down.collecting = false;
    eth1Down.linkFailures = 1;
    PortInfo eth1Up = eth1;
    eth1Up.distributing = true;
    eth1Up.txBuckets = 256;
    Event devChange = devEvent(EventKind::kDevChange);
    devChange.device = {.ifindex = 7,
                        .ifname = "r0",
                        .mode = Mode::kLacp,
                        .carrier = false,
                        .numPorts = 1,
                        .hash = Hash::kEncap34,
                        .minLinks = 1,
                        .txPorts = 0};
    system_.eventBatches = {{devChange, portEvent(EventKind::kPortNew, eth1),
                             portEvent(EventKind::kPortChange, eth1Up),
                             portEvent(EventKind::kPortCarrier, eth1Down),
                             portEvent(EventKind::kPortChange, eth1Down)}};
  }
};

TEST_F(LagMonitorTest, Text) {
  const CliResult result = run({"monitor"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "[12:00:01.123] r0: device changed (mode lacp carrier down ports 1 hash encap3+4 "
            "min-links 1 tx-ports 0)\n"
            "[12:00:01.123] r0: port eth1 added (carrier up, link_failures 0, collecting)\n"
            "[12:00:01.123] r0: port eth1 collecting on distributing on\n"
            "[12:00:01.123] r0: port eth1 carrier down (link_failures 1)\n"
            "[12:00:01.123] r0: port eth1 collecting off distributing off\n");
}

TEST_F(LagMonitorTest, Json) {
  system_.eventBatches[0].resize(3);
  const CliResult result = run({"-j", "monitor"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(
      result.out,
      R"({"event":"dev_change","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7,)"
      R"("mode":"lacp","carrier":false,"num_ports":1,"active_port":null,"hash":"encap3+4",)"
      R"("min_links":1,"tx_ports":0})"
      "\n"
      R"({"event":"port_new","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7,)"
      R"("port":{"ifname":"eth1","ifindex":3,"carrier":true,"active":false,"link_failures":0,)"
      R"("collecting":true,"distributing":false,"tx_buckets":0,"speed":10000,"duplex":"full",)"
      R"("stats":{"rx_packets":1,"rx_bytes":64,"rx_drops":0,"tx_packets":0,"tx_bytes":0,)"
      R"("tx_drops":0}}})"
      "\n"
      R"({"event":"port_change","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0",)"
      R"("ifindex":7,"port":{"ifname":"eth1","ifindex":3,"carrier":true,"active":false,)"
      R"("link_failures":0,"collecting":true,"distributing":true,"tx_buckets":256,)"
      R"("speed":10000,"duplex":"full","stats":{"rx_packets":1,"rx_bytes":64,"rx_drops":0,)"
      R"("tx_packets":0,"tx_bytes":0,"tx_drops":0}}})"
      "\n");
}

TEST_F(LagMonitorTest, DevChangeNamesTheActivePort) {
  Event event = devEvent(EventKind::kDevChange);
  event.device = {.ifindex = 7,
                  .ifname = "r0",
                  .carrier = true,
                  .numPorts = 2,
                  .activePort = 4,
                  .hash = Hash::kL2,
                  .minLinks = 0,
                  .txPorts = 1};
  system_.eventBatches = {{event}};
  EXPECT_EQ(run({"monitor"}).out,
            "[12:00:01.123] r0: device changed (mode active-backup carrier up ports 2 active eth2 "
            "hash l2 min-links 0 tx-ports 1)\n");
  const auto json = nlohmann::json::parse(run({"-j", "monitor"}).out);
  EXPECT_EQ(json.at("active_port"), "eth2");
}

TEST_F(LagMonitorTest, ActiveBackupPortOfACurrentModule) {
  system_.eventBatches = {
      {portEvent(EventKind::kPortNew,
                 {.ifindex = 4, .ifname = "eth2", .carrier = true, .collecting = false}),
       portEvent(EventKind::kPortNew, {.ifindex = 3,
                                       .ifname = "eth1",
                                       .carrier = true,
                                       .active = true,
                                       .collecting = true,
                                       .distributing = true})}};
  EXPECT_EQ(run({"monitor"}).out,
            "[12:00:01.123] r0: port eth2 added (carrier up, link_failures 0)\n"
            "[12:00:01.123] r0: port eth1 added (carrier up, active, link_failures 0, collecting, "
            "distributing)\n");
}

// redundd's notices come over its control socket: here one end of a
// socketpair, the daemon's lines written before monitor reads them.
class DaemonMonitorTest : public MonitorTest {
 protected:
  CliResult monitor(bool json, const std::vector<std::string>& lines, bool daemonStops) {
    std::array<int, 2> fds{};
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.data()), 0);
    UniqueFd daemonEnd(fds[1]);
    for (const std::string& line : lines) {
      EXPECT_EQ(write(daemonEnd.get(), line.data(), line.size()),
                static_cast<ssize_t>(line.size()));
    }
    if (daemonStops) {
      daemonEnd.reset();
    }
    std::optional<control::Subscription> sub(control::Subscription{UniqueFd(fds[0])});
    FakeApi api(system_);
    std::ostringstream out;
    std::ostringstream err;
    cli::runMonitor(api, {.json = json}, out, err,
                    [&](std::ostream& /*err*/) { return std::move(sub); });
    return {0, out.str(), err.str()};
  }

  const std::vector<std::string> lines_ = {
      control::encode(runtime::Notice{
          .kind = "vrrp", .object = "r1 vrid 5 inet", .from = "backup", .to = "master"}),
      control::encode(runtime::Notice{.kind = "reload",
                                      .object = "/etc/redund/redund.conf",
                                      .to = "refused",
                                      .detail = "redund.conf:3:1: unknown key \"x\""})};
};

TEST_F(DaemonMonitorTest, NoticesAmongTheKernelsEvents) {
  const CliResult result = monitor(false, lines_, false);
  EXPECT_NE(result.out.find("] redundd vrrp r1 vrid 5 inet: backup -> master\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("] redundd reload /etc/redund/redund.conf: refused "
                            "(redund.conf:3:1: unknown key \"x\")\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("[12:00:01.123] r0: device added"), std::string::npos) << result.out;
  EXPECT_EQ(result.err, "");
}

TEST_F(DaemonMonitorTest, NoticesAsJson) {
  const CliResult result = monitor(true, lines_, false);
  std::vector<nlohmann::json> notices;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    const auto json = nlohmann::json::parse(line);
    if (json.at("event") == "redundd") {
      notices.push_back(json);
    }
  }
  ASSERT_EQ(notices.size(), 2U) << result.out;
  EXPECT_EQ(notices[0].at("kind"), "vrrp");
  EXPECT_EQ(notices[0].at("object"), "r1 vrid 5 inet");
  EXPECT_EQ(notices[0].at("from"), "backup");
  EXPECT_EQ(notices[0].at("to"), "master");
  EXPECT_TRUE(notices[0].contains("time"));
  EXPECT_EQ(notices[1].at("detail"), "redund.conf:3:1: unknown key \"x\"");
}

TEST_F(DaemonMonitorTest, ADaemonThatStopsLeavesTheKernelsEvents) {
  const CliResult result = monitor(false, {lines_[0]}, true);
  EXPECT_NE(result.out.find("redundd vrrp r1 vrid 5 inet: backup -> master"), std::string::npos);
  EXPECT_NE(result.out.find("r0: device removed"), std::string::npos) << result.out;
  EXPECT_EQ(result.err,
            "redundctl: monitor: redundd closed its stream (it stopped); kernel events only\n");
}

TEST_F(DaemonMonitorTest, AMalformedNoticeIsAnError) {
  EXPECT_THROW(monitor(false, {"{\"notice\": 5}\n"}, false), Error);
}

TEST_F(MonitorTest, ArgumentsAreUsageErrors) {
  const CliResult result = run({"monitor", "r0"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err.rfind("redundctl: monitor: unexpected argument \"r0\"\n", 0), 0U);
}

}  // namespace
}  // namespace redund::test
