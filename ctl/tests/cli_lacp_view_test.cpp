// `redundctl show` merges the LACP daemon's state file.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/show.h"
#include "fake_api.h"

namespace redund::test {
namespace {

const char* const kState = R"({
  "device": "r0", "pid": PID, "mode": "active", "rate": "fast",
  "system_priority": 65535, "system_mac": "02:00:00:00:00:07", "selection": "stable",
  "min_links": 1, "max_active_ports": 16, "fallback_enabled": false,
  "aggregate_up": true, "fallback_port": null,
  "ports": [{"ifindex": 3, "name": "eth1", "up": true, "speed": 10000,
             "actor": {"system_priority": 65535, "system_mac": "02:00:00:00:00:07", "key": 6,
                       "port_priority": 255, "port": 3,
                       "state": ["lacp_activity", "synchronization"], "state_bits": 9},
             "partner": {"system_priority": 100, "system_mac": "02:00:00:00:00:0b", "key": 6,
                         "port_priority": 255, "port": 1, "state": [], "state_bits": 0},
             "rx": "current", "mux": "collecting_distributing", "periodic": "fast_periodic",
             "selected": "selected", "standby": false, "fallback": false,
             "collecting_distributing": true, "counters": {"lacpdu_rx": 5}}]
})";

class LacpViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("redund-lacp-view-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    system_.devices[0].mode = Mode::kLacp;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void writeState(int pid, const std::string& portExtras = "") {
    std::string text = kState;
    text.replace(text.find("PID"), 3, std::to_string(pid));
    if (!portExtras.empty()) {
      const std::string counters = R"("counters": {"lacpdu_rx": 5})";
      text.replace(text.find(counters), counters.size(), counters + ", " + portExtras);
    }
    std::ofstream(dir_ / "r0.lacp.json") << text;
  }

  std::string show(bool json) {
    FakeApi api(system_);
    std::ostringstream out;
    cli::runShow(api, {.dev = "r0", .daemonStatus = nullptr, .stateDir = dir_.string()},
                 {.json = json}, out);
    return out.str();
  }

  std::filesystem::path dir_;
  FakeSystem system_ = FakeSystem::standard();
};

TEST_F(LacpViewTest, MergesTheStateOfARunningDaemon) {
  writeState(static_cast<int>(getpid()));
  const auto json = nlohmann::json::parse(show(true));
  EXPECT_EQ(json[0]["lacp"]["aggregate_up"], true);
  EXPECT_EQ(json[0]["lacp"]["rate"], "fast");
  EXPECT_EQ(json[0]["ports"][0]["lacp"]["mux"], "collecting_distributing");
  EXPECT_EQ(json[0]["ports"][0]["lacp"]["partner"]["system_mac"], "02:00:00:00:00:0b");
  EXPECT_FALSE(json[0]["ports"][1].contains("lacp")) << "eth2 is not in the file";

  const std::string text = show(false);
  EXPECT_NE(text.find("    lacp active rate fast system 65535,02:00:00:00:00:07 selection stable "
                      "aggregate up\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("        lacp rx current mux collecting_distributing selected\n"
                      "        actor   65535,02:00:00:00:00:07 key 6 port 3 prio 255 state "
                      "lacp_activity,synchronization\n"
                      "        partner 100,02:00:00:00:00:0b key 6 port 1 prio 255 state none\n"),
            std::string::npos)
      << text;
}

TEST_F(LacpViewTest, PortChecksAndAHeldOutPort) {
  writeState(static_cast<int>(getpid()),
             R"("held_out": true, "checks": [{"name": "up1", "kind": "icmp",
                "target": "192.0.2.1", "via": "eth1", "state": "down", "successes": 0,
                "failures": 4, "transitions": 2,
                "last": {"ok": false, "latency_ms": 200.0, "detail": "timeout"}}])");
  const auto json = nlohmann::json::parse(show(true));
  EXPECT_EQ(json[0]["ports"][0]["lacp"]["held_out"], true);
  EXPECT_EQ(json[0]["ports"][0]["lacp"]["checks"][0]["via"], "eth1");

  const std::string text = show(false);
  EXPECT_NE(text.find("        lacp rx current mux collecting_distributing selected held out of "
                      "distributing by its checks\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("        check up1 (192.0.2.1): down, 4 failed in a row, last failed 200.0 "
                      "ms \"timeout\", 2 transitions\n"),
            std::string::npos)
      << text;
}

TEST_F(LacpViewTest, IgnoresAStaleOrBrokenFile) {
  writeState(0);
  EXPECT_EQ(show(true).find("\"lacp\":"), std::string::npos);
  std::ofstream(dir_ / "r0.lacp.json") << "{ not json";
  EXPECT_EQ(show(true).find("\"lacp\":"), std::string::npos);
}

TEST_F(LacpViewTest, OnlyForLacpModeDevices) {
  writeState(static_cast<int>(getpid()));
  system_.devices[0].mode = Mode::kActiveBackup;
  EXPECT_EQ(show(true).find("\"lacp\":"), std::string::npos);
}

}  // namespace
}  // namespace redund::test
