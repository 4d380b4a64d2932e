#include <cerrno>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "nl/dev_get.h"
#include "nl/port_get.h"
#include "raw_message.h"

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

TEST_F(ShowTest, OlderModuleRepliesPrintAsBefore) {
  // DEV_GET and PORT_GET replies without any attribute added for balance
  // and lacp modes, through the parsers into the same output as ever.
  test::RawMessage dev(REDUND_CMD_DEV_GET);
  mnl_attr_put_u32(dev.nlh(), REDUND_A_DEV_IFINDEX, 7);
  mnl_attr_put_strz(dev.nlh(), REDUND_A_DEV_IFNAME, "r0");
  mnl_attr_put_u8(dev.nlh(), REDUND_A_DEV_MODE, REDUND_MODE_ACTIVE_BACKUP);
  mnl_attr_put_u8(dev.nlh(), REDUND_A_DEV_CARRIER, 1);
  mnl_attr_put_u32(dev.nlh(), REDUND_A_DEV_NUM_PORTS, 2);
  mnl_attr_put_u32(dev.nlh(), REDUND_A_DEV_ACTIVE_PORT, 3);
  test::RawMessage eth1(REDUND_CMD_PORT_GET);
  test::putPort(eth1.nlh(), 3, "eth1", true, true, 0);
  test::RawMessage eth2(REDUND_CMD_PORT_GET);
  test::putPort(eth2.nlh(), 4, "eth2", true, false, 0);
  system_.devices = {nl::parseDevice(dev.message())};
  system_.ports[7] = {nl::parsePortReply(eth1.message()), nl::parsePortReply(eth2.message())};

  EXPECT_EQ(run({"-j", "show"}).out, std::string("[") + kR0Json + "]\n");
  EXPECT_EQ(run({"show"}).out, kR0Text);
  EXPECT_EQ(run({"-s", "show"}).out, kR0Text) << "no counters to show";
}

constexpr const char* kBalanceJson =
    R"({"ifname":"r0","ifindex":7,"mode":"balance","carrier":true,"num_ports":2,)"
    R"("active_port":null,"hash":"l3+4","min_links":0,"tx_ports":2,"ports":[)"
    R"({"ifname":"eth1","ifindex":3,"carrier":true,"active":false,"link_failures":1,)"
    R"("collecting":true,"distributing":true,"tx_buckets":128,"speed":10000,"duplex":"full",)"
    R"("stats":{"rx_packets":10,"rx_bytes":1500,"rx_drops":1,"tx_packets":20,"tx_bytes":3000,)"
    R"("tx_drops":2}},)"
    R"({"ifname":"eth2","ifindex":4,"carrier":true,"active":false,"link_failures":0,)"
    R"("collecting":true,"distributing":true,"tx_buckets":128,"speed":null,"duplex":null,)"
    R"("stats":{"rx_packets":5,"rx_bytes":700,"rx_drops":0,"tx_packets":6,"tx_bytes":800,)"
    R"("tx_drops":0}}]})";

constexpr const char* kBalanceText =
    "r0: mode balance carrier up ports 2 hash l3+4 min-links 0 tx-ports 2\n"
    "    eth1: carrier up link_failures 1 collecting distributing buckets 128 speed 10000Mb/s "
    "full\n"
    "    eth2: carrier up link_failures 0 collecting distributing buckets 128 speed unknown\n";

class BalanceShowTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    system_ = FakeSystem::balance();
  }
};

TEST_F(BalanceShowTest, Json) {
  const CliResult result = run({"-j", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, std::string("[") + kBalanceJson + "]\n");
}

TEST_F(BalanceShowTest, Text) {
  const CliResult result = run({"show", "r0"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, kBalanceText);
}

TEST_F(BalanceShowTest, StatsAddALineUnderEachPort) {
  const CliResult result = run({"-s", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            "r0: mode balance carrier up ports 2 hash l3+4 min-links 0 tx-ports 2\n"
            "    eth1: carrier up link_failures 1 collecting distributing buckets 128 speed "
            "10000Mb/s full\n"
            "        rx packets 10 bytes 1500 drops 1 tx packets 20 bytes 3000 drops 2\n"
            "    eth2: carrier up link_failures 0 collecting distributing buckets 128 speed "
            "unknown\n"
            "        rx packets 5 bytes 700 drops 0 tx packets 6 bytes 800 drops 0\n");
  EXPECT_EQ(run({"--stats", "-d", "show"}).out, run({"-ds", "show"}).out);
  EXPECT_NE(run({"-ds", "show"}).out.find("    eth2: ifindex 4 carrier up"), std::string::npos);
}

TEST_F(BalanceShowTest, StatsDoNotChangeJson) {
  EXPECT_EQ(run({"-j", "-s", "show"}).out, run({"-j", "show"}).out);
}

TEST_F(BalanceShowTest, LacpPortsShowOnlyWhatTheyDo) {
  system_.devices[0].mode = Mode::kLacp;
  system_.devices[0].hash = Hash::kL23;
  system_.devices[0].minLinks = 1;
  system_.devices[0].txPorts = 1;
  system_.devices[0].carrier = true;
  PortInfo& eth2 = system_.ports[7][1];
  eth2.collecting = true;
  eth2.distributing = false;
  eth2.txBuckets = 0;
  eth2.speed = 1000;
  eth2.duplex = Duplex::kHalf;
  system_.ports[7][0].txBuckets = 256;
  system_.ports[7][0].duplex = Duplex::kUnknown;

  EXPECT_EQ(run({"show"}).out,
            "r0: mode lacp carrier up ports 2 hash l2+3 min-links 1 tx-ports 1\n"
            "    eth1: carrier up link_failures 1 collecting distributing buckets 256 speed "
            "10000Mb/s\n"
            "    eth2: carrier up link_failures 0 collecting buckets 0 speed 1000Mb/s half\n");
  const auto json = nlohmann::json::parse(run({"-j", "show"}).out);
  EXPECT_EQ(json[0].at("mode"), "lacp");
  EXPECT_EQ(json[0].at("ports")[1].at("distributing"), false);
  EXPECT_EQ(json[0].at("ports")[1].at("duplex"), "half");
  EXPECT_TRUE(json[0].at("ports")[0].at("duplex").is_null());
}

TEST_F(BalanceShowTest, ActiveBackupKeepsActiveAndBackupWords) {
  system_.devices[0].mode = Mode::kActiveBackup;
  system_.devices[0].hash = Hash::kL2;
  system_.devices[0].txPorts = 1;
  system_.devices[0].activePort = 3;
  system_.ports[7][0].active = true;
  system_.ports[7][0].txBuckets = 256;
  system_.ports[7][1].collecting = false;
  system_.ports[7][1].distributing = false;
  system_.ports[7][1].txBuckets = 0;

  EXPECT_EQ(run({"show"}).out,
            "r0: mode active-backup carrier up ports 2 active eth1 hash l2 min-links 0 tx-ports "
            "1\n"
            "    eth1: carrier up active link_failures 1 collecting distributing buckets 256 speed "
            "10000Mb/s full\n"
            "    eth2: carrier up backup link_failures 0 buckets 0 speed unknown\n");
  EXPECT_EQ(nlohmann::json::parse(run({"-j", "show"}).out)[0].at("active_port"), "eth1");
}

TEST_F(BalanceShowTest, ModeAndHashFromNewerKernelAreUnknown) {
  system_.devices[0].mode = static_cast<Mode>(REDUND_MODE_MAX + 1);
  system_.devices[0].hash = static_cast<Hash>(REDUND_HASH_MAX + 1);
  const auto json = nlohmann::json::parse(run({"-j", "show"}).out);
  EXPECT_EQ(json[0].at("mode"), "unknown");
  EXPECT_EQ(json[0].at("hash"), "unknown");
  EXPECT_EQ(run({"show"}).out.rfind("r0: mode unknown carrier up ports 2 hash unknown ", 0), 0U);
}

}  // namespace
}  // namespace redund::test
