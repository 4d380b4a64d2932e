// `redundctl show` takes what redundd runs from its control socket (the
// services of a status reply) and only the rest from state files.
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/show.h"
#include "fake_api.h"
#include "util/json_file.h"

namespace redund::test {
namespace {

using Json = nlohmann::ordered_json;

Json lacpStatus(const std::string& mux) {
  return {{"device", "r0"},
          {"pid", 4242},
          {"mode", "active"},
          {"rate", "fast"},
          {"aggregate_up", true},
          {"ports",
           Json::array({{{"ifindex", 3}, {"name", "eth1"}, {"mux", mux}, {"rx", "current"}}})}};
}

Json router(int vrid, const std::string& family, const std::string& state) {
  return {{"device", "r0"}, {"pid", 4242},      {"name", "r0 " + std::to_string(vrid)},
          {"vrid", vrid},   {"family", family}, {"state", state}};
}

class ShowDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("redund-show-daemon-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    system_.devices[0].mode = Mode::kLacp;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A state file as the one-instance daemons write it, by a live process.
  void writeFile(const std::string& name, Json state) {
    state["pid"] = static_cast<int>(getpid());
    util::writeJsonFile((dir_ / name).string(), state);
  }

  Json show(const std::optional<Json>& services) {
    FakeApi api(system_);
    std::ostringstream out;
    cli::runShow(api,
                 {.dev = "r0", .daemonStatus = [&] { return services; }, .stateDir = dir_.string()},
                 {.json = true}, out);
    return Json::parse(out.str()).at(0);
  }

  std::filesystem::path dir_;
  FakeSystem system_ = FakeSystem::standard();
};

TEST_F(ShowDaemonTest, LacpAndRoutersComeFromTheDaemon) {
  const Json services = {
      {"lacp", Json::array({lacpStatus("collecting_distributing")})},
      {"vrrp",
       Json::array(
           {{{"device", "r0"},
             {"family", "inet6"},
             {"routers", Json::array({router(5, "inet6", "backup")})}},
            {{"device", "r0"},
             {"family", "inet"},
             {"routers", Json::array({router(9, "inet", "master"), router(5, "inet", "master")})}},
            {{"device", "r9"},
             {"family", "inet"},
             {"routers", Json::array({router(7, "inet", "master")})}}})},
      {"checks", Json::array()}};
  const Json device = show(services);
  EXPECT_EQ(device.at("lacp").at("aggregate_up"), true);
  EXPECT_FALSE(device.at("lacp").contains("ports"));
  EXPECT_EQ(device.at("ports").at(0).at("lacp").at("mux"), "collecting_distributing");
  EXPECT_FALSE(device.at("ports").at(1).contains("lacp")) << "eth2 is not in the status";
  const Json& routers = device.at("vrrp");
  ASSERT_EQ(routers.size(), 3U) << routers.dump() << ": r9's router is not r0's";
  EXPECT_EQ(routers.at(0).at("vrid"), 5);
  EXPECT_EQ(routers.at(0).at("family"), "inet");
  EXPECT_EQ(routers.at(1).at("family"), "inet6");
  EXPECT_EQ(routers.at(2).at("vrid"), 9);
  EXPECT_FALSE(routers.at(0).contains("pid"));
  EXPECT_FALSE(routers.at(0).contains("device"));
}

TEST_F(ShowDaemonTest, TheDaemonsLiveStateWinsOverItsOwnStateFiles) {
  // redundd writes state files too, refreshed every few seconds: stale.
  writeFile("r0.lacp.json", lacpStatus("waiting"));
  writeFile("r0.vrrp.5.inet.json", router(5, "inet", "backup"));
  const Json services = {
      {"lacp", Json::array({lacpStatus("collecting_distributing")})},
      {"vrrp", Json::array({{{"device", "r0"},
                             {"family", "inet"},
                             {"routers", Json::array({router(5, "inet", "master")})}}})}};
  const Json device = show(services);
  EXPECT_EQ(device.at("ports").at(0).at("lacp").at("mux"), "collecting_distributing");
  ASSERT_EQ(device.at("vrrp").size(), 1U);
  EXPECT_EQ(device.at("vrrp").at(0).at("state"), "master");
}

TEST_F(ShowDaemonTest, WhatTheDaemonDoesNotRunComesFromStateFiles) {
  // `redundctl run r0` and `redundctl vrrp r0 --vrid 7` beside a redundd
  // that runs only VRID 5 on r0.
  writeFile("r0.lacp.json", lacpStatus("waiting"));
  writeFile("r0.vrrp.7.inet.json", router(7, "inet", "backup"));
  const Json services = {
      {"lacp", Json::array()},
      {"vrrp", Json::array({{{"device", "r0"},
                             {"family", "inet"},
                             {"routers", Json::array({router(5, "inet", "master")})}}})}};
  const Json device = show(services);
  EXPECT_EQ(device.at("ports").at(0).at("lacp").at("mux"), "waiting");
  ASSERT_EQ(device.at("vrrp").size(), 2U);
  EXPECT_EQ(device.at("vrrp").at(0).at("vrid"), 5);
  EXPECT_EQ(device.at("vrrp").at(1).at("vrid"), 7);
}

TEST_F(ShowDaemonTest, NoDaemonMeansStateFilesOnly) {
  writeFile("r0.lacp.json", lacpStatus("attached"));
  const Json device = show(std::nullopt);
  EXPECT_EQ(device.at("ports").at(0).at("lacp").at("mux"), "attached");
  EXPECT_FALSE(device.contains("vrrp"));
}

TEST_F(ShowDaemonTest, AMalformedStatusAddsNothing) {
  const Json device = show(Json{{"lacp", 5}, {"vrrp", Json::array({1, "x", Json::object()})}});
  EXPECT_FALSE(device.contains("lacp"));
  EXPECT_FALSE(device.contains("vrrp"));
}

TEST_F(ShowDaemonTest, TheLacpStatusOfANonLacpDeviceIsIgnored) {
  system_.devices[0].mode = Mode::kActiveBackup;
  const Json device = show(Json{{"lacp", Json::array({lacpStatus("collecting_distributing")})}});
  EXPECT_FALSE(device.contains("lacp"));
}

}  // namespace
}  // namespace redund::test
