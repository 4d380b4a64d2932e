#include <chrono>
#include <csignal>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

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

TEST_F(MonitorTest, ArgumentsAreUsageErrors) {
  const CliResult result = run({"monitor", "r0"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err.rfind("redundctl: monitor: unexpected argument \"r0\"\n", 0), 0U);
}

}  // namespace
}  // namespace redund::test
