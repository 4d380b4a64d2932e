// The VRRP daemon's state file and `redundctl show` reading it back; the
// notify hooks run for real through /bin/sh.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/show.h"
#include "fake_api.h"
#include "lacpd/state.h"
#include "util/json_file.h"
#include "vrrp_fixture.h"
#include "vrrpd/hooks.h"
#include "vrrpd/state_file.h"

namespace redund::vrrpd {
namespace {

using std::chrono::milliseconds;
using vrrp::test::ip;

vrrp::Status sampleStatus() {
  vrrp::Router router(vrrp::test::ipv4Config(150));
  const vrrp::TimePoint t0 = vrrp::test::kStart;
  router.startup(t0);
  router.tick(*router.nextDeadline());
  vrrp::Status status = router.status(*router.nextDeadline() - milliseconds(250));
  status.tracked = {{.config = {.name = "eth1", .weight = -20}, .up = false}};
  return status;
}

TEST(VrrpdState, StatusJsonHasEveryField) {
  const Json json = statusJson("r0", 42, sampleStatus());
  EXPECT_EQ(json.at("device"), "r0");
  EXPECT_EQ(json.at("pid"), 42);
  EXPECT_EQ(json.at("name"), "vr7");
  EXPECT_EQ(json.at("vrid"), 7);
  EXPECT_EQ(json.at("family"), "inet");
  EXPECT_EQ(json.at("version"), 3);
  EXPECT_EQ(json.at("state"), "master");
  EXPECT_EQ(json.at("priority"), 150);
  EXPECT_EQ(json.at("primary_address"), "192.0.2.2");
  EXPECT_EQ(json.at("virtual_mac"), "00:00:5e:00:01:07");
  EXPECT_EQ(json.at("addresses"), Json::parse(R"(["192.0.2.100", "192.0.2.101"])"));
  EXPECT_EQ(json.at("master_address"), "192.0.2.2");
  EXPECT_EQ(json.at("advert_interval_ms"), 1000);
  EXPECT_EQ(json.at("timers").at("advert_ms"), 250);
  EXPECT_TRUE(json.at("timers").at("master_down_ms").is_null());
  EXPECT_EQ(json.at("tracked").at(0).at("up"), false);
  EXPECT_EQ(json.at("counters").at("became_master"), 1);
  EXPECT_EQ(json.at("counters").at("adverts_out"), 1);
  EXPECT_EQ(json.at("counters").at("drops").size(), vrrp::kDropReasonCount);
  EXPECT_EQ(json.at("counters").at("drops").at("bad_ttl"), 0);
}

TEST(VrrpdState, FilePathNamesDeviceVridAndFamily) {
  VrrpOptions o;
  o.device = "r0";
  o.vrid = 5;
  o.addresses = {ip("2001:db8::1")};
  o.stateDir = "/run/redund/net-1";
  EXPECT_EQ(stateFilePath(o), "/run/redund/net-1/r0.vrrp.5.inet6.json");
  o.stateDir = "";
  EXPECT_EQ(stateFilePath(o), "");
}

class VrrpViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("redund-vrrp-view-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& file, const std::string& device, int pid) {
    util::writeJsonFile((dir_ / file).string(), statusJson(device, pid, sampleStatus()));
  }
  std::string show(bool json) {
    test::FakeApi api(system_);
    std::ostringstream out;
    cli::runShow(api, {.dev = "r0", .daemonStatus = nullptr, .stateDir = dir_.string()},
                 {.json = json}, out);
    return out.str();
  }

  std::filesystem::path dir_;
  test::FakeSystem system_ = test::FakeSystem::standard();
};

TEST_F(VrrpViewTest, LiveRoutersAppearInShow) {
  write("r0.vrrp.7.inet.json", "r0", getpid());
  // A dead daemon's file and another device's are left out.
  write("r0.vrrp.9.inet.json", "r0", 999999999);
  write("r1.vrrp.7.inet.json", "r1", getpid());
  const Json view = Json::parse(show(true));
  const Json& routers = view.at(0).at("vrrp");
  ASSERT_EQ(routers.size(), 1U);
  EXPECT_EQ(routers.at(0).at("vrid"), 7);
  EXPECT_FALSE(routers.at(0).contains("pid"));
  EXPECT_FALSE(routers.at(0).contains("device"));
  const std::string text = show(false);
  EXPECT_NE(text.find("    vrrp 7 inet v3: master priority 150/150 master 192.0.2.2 addresses "
                      "192.0.2.100 192.0.2.101\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("        adverts in 0 out 1 dropped 0 interval 1000 ms\n"), std::string::npos)
      << text;
}

TEST_F(VrrpViewTest, ChecksAreListedUnderTheirRouter) {
  Json state = statusJson("r0", getpid(), sampleStatus());
  state["checks"] = Json::parse(R"([
    {"name": "web", "target": "http://192.0.2.10/", "state": "down", "successes": 0,
     "failures": 3, "transitions": 2,
     "last": {"ok": false, "latency_ms": 1.5, "detail": "HTTP 503, expected 200"}},
    {"name": "icmp:192.0.2.1", "target": "192.0.2.1", "state": "unknown", "successes": 0,
     "failures": 0, "transitions": 0, "last": null}])");
  util::writeJsonFile((dir_ / "r0.vrrp.7.inet.json").string(), state);
  EXPECT_EQ(Json::parse(show(true)).at(0).at("vrrp").at(0).at("checks"), state.at("checks"));
  const std::string text = show(false);
  EXPECT_NE(text.find("        check web (http://192.0.2.10/): down, 3 failed in a row, last "
                      "failed 1.5 ms \"HTTP 503, expected 200\", 2 transitions\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("        check icmp:192.0.2.1 (192.0.2.1): unknown, 0 ok in a row, 0 "
                      "transitions\n"),
            std::string::npos)
      << text;
}

TEST_F(VrrpViewTest, NoRoutersNoKey) {
  const Json view = Json::parse(show(true));
  EXPECT_FALSE(view.at(0).contains("vrrp"));
  std::ofstream(dir_ / "r0.vrrp.3.inet.json") << "{not json";
  EXPECT_FALSE(Json::parse(show(true)).at(0).contains("vrrp"));
}

// Runs the io_context until `done` or 10 s pass.
template <typename Done>
void runUntil(boost::asio::io_context& io, HookRunner& hooks, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.run_for(milliseconds(20));
    io.restart();
    hooks.reap();
  }
}

TEST(VrrpdHooks, HookGetsTheArgumentsUnparsed) {
  const std::string out = "/tmp/redund-hook-test-" + std::to_string(getpid());
  boost::asio::io_context io;
  std::ostringstream log;
  HookRunner hooks(io, "printf '%s|' extra >" + out + ";", milliseconds(5000), log, "r0 vrid 5");
  // The `;` ends the redirection's command: the arguments go to a second
  // printf through "$@" below.
  HookRunner argsHook(io, "printf '%s|' >>" + out, milliseconds(5000), log, "r0 vrid 5");
  hooks.run({});
  runUntil(io, hooks, [&] { return hooks.running() == 0; });
  argsHook.run({"master", "5", "r0", "inet", "$(touch /tmp/x) 100"});
  runUntil(io, argsHook, [&] { return argsHook.running() == 0; });
  std::ifstream in(out);
  std::string text;
  std::getline(in, text);
  std::filesystem::remove(out);
  EXPECT_EQ(text, "extra|master|5|r0|inet|$(touch /tmp/x) 100|");
  EXPECT_EQ(log.str(), "");
}

TEST(VrrpdHooks, FailureIsLoggedAndAHangingHookKilled) {
  boost::asio::io_context io;
  std::ostringstream log;
  HookRunner failing(io, "exit 3", milliseconds(5000), log, "r0 vrid 5");
  failing.run({"backup"});
  runUntil(io, failing, [&] { return failing.running() == 0; });
  EXPECT_NE(log.str().find("r0 vrid 5: notify hook exited with status 3"), std::string::npos);
  HookRunner hanging(io, "sleep 30;", milliseconds(100), log, "r0 vrid 5");
  const auto start = std::chrono::steady_clock::now();
  hanging.run({"master"});
  runUntil(io, hanging, [&] { return hanging.running() == 0; });
  EXPECT_EQ(hanging.running(), 0U);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_NE(log.str().find("still running after 100 ms: killed"), std::string::npos);
}

TEST(VrrpdHooks, RunThenReportsTheOutcome) {
  boost::asio::io_context io;
  std::ostringstream log;
  std::vector<bool> outcomes;
  const auto record = [&](vrrp::TimePoint, bool ok) { outcomes.push_back(ok); };
  HookRunner ok(io, "test master =", milliseconds(5000), log, "r0", "claim hook");
  ok.runThen({"master"}, record);
  ok.runThen({"backup"}, record);
  runUntil(io, ok, [&] { return outcomes.size() == 2; });
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(outcomes, (std::vector<bool>{false, true}));
  EXPECT_NE(log.str().find("r0: claim hook exited with status 1"), std::string::npos);

  outcomes.clear();
  HookRunner hanging(io, "sleep 30;", milliseconds(100), log, "r0", "claim hook");
  hanging.runThen({"master"}, record);
  runUntil(io, hanging, [&] { return !outcomes.empty(); });
  EXPECT_EQ(outcomes, std::vector<bool>{false}) << "killed at the timeout: failed";

  outcomes.clear();
  HookRunner cancelled(io, "sleep 30;", milliseconds(5000), log, "r0", "claim hook");
  cancelled.runThen({"master"}, record);
  cancelled.cancel();
  runUntil(io, cancelled, [&] { return cancelled.running() == 0; });
  EXPECT_EQ(cancelled.running(), 0U) << "killed at once";
  EXPECT_TRUE(outcomes.empty()) << "a cancelled hook never reports";

  HookRunner none(io, "", milliseconds(100), log, "r0", "claim hook");
  none.runThen({"master"}, record);
  runUntil(io, none, [&] { return !outcomes.empty(); });
  EXPECT_EQ(outcomes, std::vector<bool>{true}) << "no command: nothing to wait for";
}

TEST(VrrpdHooks, NoCommandRunsNothing) {
  boost::asio::io_context io;
  std::ostringstream log;
  HookRunner none(io, "", milliseconds(100), log, "r0");
  none.run({"master"});
  EXPECT_EQ(none.running(), 0U);
}

}  // namespace
}  // namespace redund::vrrpd
