#include <cerrno>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace redund::test {
namespace {

constexpr const char* kR0Json =
    R"({"ifname":"r0","ifindex":7,"mode":"active-backup","carrier":true,"num_ports":2,)"
    R"("active_port":"eth1","ports":[)"
    R"({"ifname":"eth1","ifindex":3,"carrier":true,"active":true,"link_failures":0},)"
    R"({"ifname":"eth2","ifindex":4,"carrier":true,"active":false,"link_failures":0}]})";

constexpr const char* kR0Text =
    "r0: mode active-backup carrier up ports 2 active eth1\n"
    "    eth1: carrier up active link_failures 0\n"
    "    eth2: carrier up backup link_failures 0\n";

using ShowTest = CliTest;

TEST_F(ShowTest, JsonListsEveryDevice) {
  const CliResult result = run({"-j", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, std::string("[") + kR0Json + "]\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(ShowTest, JsonOfEmptySystemIsEmptyArray) {
  system_.devices.clear();
  const CliResult result = run({"--json", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "[]\n");
}

TEST_F(ShowTest, TextOfEmptySystemIsEmpty) {
  system_.devices.clear();
  const CliResult result = run({"show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
}

TEST_F(ShowTest, Text) {
  const CliResult result = run({"show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, kR0Text);
}

TEST_F(ShowTest, TextDetailsAddIfindexes) {
  const CliResult result = run({"-d", "show", "r0"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            "r0: ifindex 7 mode active-backup carrier up ports 2 active eth1\n"
            "    eth1: ifindex 3 carrier up active link_failures 0\n"
            "    eth2: ifindex 4 carrier up backup link_failures 0\n");
}

TEST_F(ShowTest, NoActivePortIsNullInJsonAndNoneInText) {
  system_.devices[0].activePort.reset();
  system_.devices[0].carrier = false;
  system_.ports[7][0].active = false;
  system_.ports[7][0].carrier = false;
  system_.ports[7][0].linkFailures = 4;
  system_.ports[7][1].carrier = false;

  const auto json = nlohmann::json::parse(run({"-j", "show"}).out);
  ASSERT_EQ(json.size(), 1U);
  EXPECT_TRUE(json[0].at("active_port").is_null());
  EXPECT_EQ(json[0].at("carrier"), false);
  EXPECT_EQ(json[0].at("ports")[0].at("link_failures"), 4);

  EXPECT_EQ(run({"show"}).out,
            "r0: mode active-backup carrier down ports 2 active none\n"
            "    eth1: carrier down backup link_failures 4\n"
            "    eth2: carrier down backup link_failures 0\n");
}

TEST_F(ShowTest, OneDeviceIsStillAnArray) {
  system_.interfaces["r1"] = 8;
  system_.devices.push_back({.ifindex = 8, .ifname = "r1", .numPorts = 0});
  EXPECT_EQ(run({"-j", "show"}).out.find("\"r1\"") != std::string::npos, true);

  const CliResult result = run({"-j", "show", "r0"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, std::string("[") + kR0Json + "]\n");
  EXPECT_EQ(run({"-j", "show", "dev", "r1"}).out,
            R"([{"ifname":"r1","ifindex":8,"mode":"active-backup","carrier":false,)"
            R"("num_ports":0,"active_port":null,"ports":[]}])"
            "\n");
}

TEST_F(ShowTest, TextAndJsonAgree) {
  system_.ports[7][1].linkFailures = 12;
  const auto json = nlohmann::json::parse(run({"-j", "show"}).out);
  const std::string text = run({"show"}).out;
  for (const auto& port : json[0].at("ports")) {
    const std::string line = "    " + port.at("ifname").get<std::string>() + ": carrier up " +
                             (port.at("active").get<bool>() ? "active" : "backup") +
                             " link_failures " +
                             std::to_string(port.at("link_failures").get<int>()) + "\n";
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
}

TEST_F(ShowTest, PrettyJsonIsIndentedAndEqual) {
  const CliResult pretty = run({"-j", "-p", "show"});
  EXPECT_EQ(pretty.status, 0);
  EXPECT_NE(pretty.out.find("\n    {\n        \"ifname\": \"r0\""), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(pretty.out), nlohmann::json::parse(run({"-j", "show"}).out));
}

TEST_F(ShowTest, OptionsMayFollowTheCommandAndCombine) {
  EXPECT_EQ(run({"show", "-j"}).out, run({"-j", "show"}).out);
  EXPECT_EQ(run({"-jp", "show"}).out, run({"--json", "--pretty", "show"}).out);
  EXPECT_EQ(run({"sh"}).out, kR0Text);
}

TEST_F(ShowTest, KernelNameMissingFallsBackToInterfaceName) {
  system_.devices[0].ifname.clear();
  system_.ports[7][1].ifname.clear();
  system_.ports[7][1].ifindex = 20;  // no such interface any more
  system_.devices[0].activePort = 20;
  const auto json = nlohmann::json::parse(run({"-j", "show"}).out);
  EXPECT_EQ(json[0].at("ifname"), "r0");
  EXPECT_EQ(json[0].at("ports")[1].at("ifname"), "if20");
  EXPECT_EQ(json[0].at("active_port"), "if20");
}

TEST_F(ShowTest, UnknownDevice) {
  const CliResult result = run({"show", "r5"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "redundctl: device r5 does not exist\n");
}

TEST_F(ShowTest, NotARedundDevice) {
  const CliResult result = run({"-j", "show", "eth9"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "redundctl: eth9 is not a redund device: Device is not a redund device (Operation "
            "not supported)\n");
}

TEST_F(ShowTest, DeviceGoneDuringDumpIsSkipped) {
  system_.devices.push_back({.ifindex = 30, .ifname = "r9"});
  system_.removedAfterDump.push_back(30);
  const CliResult result = run({"show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, kR0Text);
}

TEST_F(ShowTest, ExtraArgumentIsUsageError) {
  const CliResult result = run({"show", "r0", "r1"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err.rfind("redundctl: show: unexpected argument \"r1\"\n", 0), 0U);
  EXPECT_NE(result.err.find("Usage: redundctl"), std::string::npos);
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(ShowTest, DevKeywordNeedsAName) { EXPECT_EQ(run({"show", "dev"}).status, 2); }

}  // namespace
}  // namespace redund::test
