#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/file.h"
#include "temp_file.h"

namespace redund::config {
namespace {

// The errors parseConfig throws, as "LINE:COLUMN: MESSAGE".
std::vector<std::string> errorsOf(const std::string& text) {
  try {
    parseConfig(text, "redund.conf");
  } catch (const ConfigErrors& e) {
    std::vector<std::string> out;
    for (const ConfigError& error : e.errors()) {
      EXPECT_EQ(error.where.file, "redund.conf");
      out.push_back(std::to_string(error.where.line) + ":" + std::to_string(error.where.column) +
                    ": " + error.message);
    }
    return out;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

constexpr const char* kRouter = R"(
[check.web]
target = "http://10.0.0.5/health"
interval = "500ms"
fall = 3
weight = -30

[check.gw]
target = "icmp:10.0.0.1"

[device.r0]
mode = "lacp"
hash = "l3+4"
ports = ["eth1", "eth2"]

[device.r0.lacp]
rate = "fast"
system-priority = 100
track-check = ["gw"]

[[device.r0.vrrp]]
vrid = 5
address = ["10.0.0.100", "10.0.0.101"]
priority = 150
interval = "100ms"
preempt = false
track-interface = ["eth3=-20"]
track-check = ["web", "gw=-50"]

[[device.r0.vrrp]]
vrid = 5
address = ["2001:db8::100"]

[device.r1]
min-links = 1

[[device.r1.vrrp]]
vrid = 7
address = ["10.1.0.1"]

[[device.r1.gateway]]
vrid = 20
address = ["10.1.0.254"]
state = "active"
refresh = 10000

[sync-group.inside-outside]
routers = ["r0:5", "r1:7:inet"]
)";

TEST(ConfigFileTest, ReadsEveryKindOfObject) {
  const Config config = parseConfig(kRouter, "redund.conf");
  ASSERT_EQ(config.devices.size(), 2U);
  const DeviceConfig& r0 = config.devices.at("r0");
  EXPECT_EQ(r0.mode, Mode::kLacp);
  EXPECT_EQ(r0.hash, Hash::kL34);
  EXPECT_EQ(r0.ports, (std::vector<std::string>{"eth1", "eth2"}));
  ASSERT_TRUE(r0.lacp);
  EXPECT_EQ(r0.lacp->rate, lacp::Rate::kFast);
  EXPECT_EQ(r0.lacp->systemPriority, 100);
  EXPECT_EQ(r0.lacp->stateDir, "");
  // gw through each port.
  ASSERT_EQ(r0.lacp->checks.size(), 2U);
  EXPECT_EQ(r0.lacp->checks[0].name, "gw@eth1");
  EXPECT_EQ(r0.lacp->checks[0].via, "eth1");
  EXPECT_EQ(r0.lacp->checks[1].via, "eth2");
  EXPECT_EQ(r0.where.line, 11U);

  EXPECT_EQ(config.devices.at("r1").mode, std::nullopt);
  EXPECT_EQ(config.devices.at("r1").minLinks, 1U);
  EXPECT_FALSE(config.devices.at("r1").lacp);

  ASSERT_EQ(config.checks.size(), 2U);
  EXPECT_EQ(config.checks.at("web").timing.interval, std::chrono::milliseconds(500));
  EXPECT_EQ(config.checks.at("web").timing.fall, 3U);
  EXPECT_EQ(config.checks.at("web").weight, -30);

  ASSERT_EQ(config.routers.size(), 3U);
  const RouterKey v4{.device = "r0", .family = vrrp::Family::kIpv4, .vrid = 5};
  const vrrpd::VrrpOptions& router = config.routers.at(v4).options;
  EXPECT_EQ(router.priority, 150);
  EXPECT_EQ(router.interval, std::chrono::milliseconds(100));
  EXPECT_FALSE(router.preempt);
  EXPECT_EQ(router.addresses.size(), 2U);
  ASSERT_EQ(router.checks.size(), 2U);
  EXPECT_EQ(router.checks[0].name, "web");
  EXPECT_EQ(router.checks[0].weight, -30);  // the check's own
  EXPECT_EQ(router.checks[1].name, "gw");
  EXPECT_EQ(router.checks[1].weight, -50);  // overridden
  ASSERT_EQ(router.trackedInterfaces.size(), 1U);
  EXPECT_EQ(router.trackedInterfaces[0].weight, -20);
  EXPECT_TRUE(config.routers.contains({.device = "r0", .family = vrrp::Family::kIpv6, .vrid = 5}));

  ASSERT_EQ(config.gateways.size(), 1U);
  EXPECT_EQ(config.gateways[0].device, "r1");
  EXPECT_EQ(config.gateways[0].key.vrid, 20);
  EXPECT_EQ(config.gateways[0].settings.state, GatewayState::kActive);
  EXPECT_EQ(config.gateways[0].settings.refreshIntervalMs, 10000U);

  ASSERT_EQ(config.syncGroups.size(), 1U);
  EXPECT_EQ(config.syncGroups[0].name, "inside-outside");
  EXPECT_EQ(config.syncGroups[0].routers.size(), 2U);
}

TEST(ConfigFileTest, SameTextSameConfig) {
  EXPECT_EQ(parseConfig(kRouter, "a"), parseConfig(kRouter, "b"));
  EXPECT_EQ(parseConfig("", "empty"), Config{});
}

TEST(ConfigFileTest, EveryBadValueIsReportedAtItsKey) {
  const auto errors = errorsOf(R"([device.r0]
mode = "lacp"

[device.r0.lacp]
rate = "medium"
system-priority = 70000
bogus = 1

[[device.r0.vrrp]]
vrid = 300
address = ["10.0.0.1"]
priority = "high"
)");
  // The bad vrid hides the priority: a router without a vrid reads no
  // further.
  ASSERT_EQ(errors.size(), 4U) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "7:9: unrecognised option '--bogus'");
  EXPECT_EQ(errors[1], "5:8: invalid rate \"medium\" (expected fast or slow)");
  EXPECT_TRUE(contains(errors[2], "6:19: invalid system-priority \"70000\"")) << errors[2];
  EXPECT_EQ(errors[3], "10:8: invalid vrid \"300\" (expected 1 to 255)");
}

TEST(ConfigFileTest, SyntaxErrorHasItsPosition) {
  const auto errors = errorsOf("[device.r0]\nmode = \n");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].rfind("2:", 0), 0U) << errors[0];
}

TEST(ConfigFileTest, UnknownTablesAndKeysAreErrors) {
  const auto errors = errorsOf(R"(frobnicate = 1
[daemon]
state-dir = "/run/x"
log = "debug"
[device.r0]
colour = "blue"
[check.c]
target = "icmp:10.0.0.1"
via = "eth1"
[sync-group.g]
members = ["r0:1"]
)");
  ASSERT_EQ(errors.size(), 5U) << ::testing::PrintToString(errors);
  EXPECT_TRUE(contains(errors[0], "1:1: unknown table or key \"frobnicate\"")) << errors[0];
  EXPECT_TRUE(contains(errors[1], "4:1: [daemon]: unknown key \"log\"")) << errors[1];
  EXPECT_TRUE(contains(errors[2], "9:1: check \"c\": \"via\" is not set here")) << errors[2];
  EXPECT_TRUE(contains(errors[3], "6:1: [device.r0]: unknown key \"colour\"")) << errors[3];
  EXPECT_TRUE(contains(errors[4], "11:1: sync-group g: unknown key \"members\"")) << errors[4];
}

TEST(ConfigFileTest, ReferencesMustResolve) {
  const auto errors = errorsOf(R"([check.web]
target = "http://10.0.0.5/"
[device.r0]
mode = "lacp"
ports = ["eth1"]
[device.r0.lacp]
track-check = ["web", "nosuch"]
[[device.r0.vrrp]]
vrid = 5
address = ["10.0.0.100"]
track-check = ["nosuch", "web=-300"]
check = ["icmp:10.0.0.1"]
[sync-group.g]
routers = ["r0:5", "r0:6", "bad"]
)");
  ASSERT_EQ(errors.size(), 7U) << ::testing::PrintToString(errors);
  EXPECT_TRUE(contains(errors[0], "track-check \"web\": a LAG port check must be an ICMP check"))
      << errors[0];
  EXPECT_TRUE(contains(errors[1], "track-check \"nosuch\": no [check.nosuch]")) << errors[1];
  EXPECT_TRUE(contains(errors[2], "12:1: ")) << errors[2];
  EXPECT_TRUE(contains(errors[2], "define the check in [check.NAME]")) << errors[2];
  EXPECT_TRUE(contains(errors[3], "r0 vrid 5 inet: track-check \"nosuch\": no [check.nosuch]"))
      << errors[3];
  EXPECT_TRUE(contains(errors[4], "track-check \"web=-300\"")) << errors[4];
  EXPECT_TRUE(contains(errors[5], "no router r0 vrid 6 inet")) << errors[5];
  EXPECT_TRUE(contains(errors[6], "\"bad\" is not DEV:VRID")) << errors[6];
}

TEST(ConfigFileTest, WholeFileConflicts) {
  const auto errors = errorsOf(R"([device.r0]
ports = ["eth1"]
[device.r1]
ports = ["eth1", "r0"]
[[device.r1.vrrp]]
vrid = 5
address = ["10.0.0.100"]
[[device.r1.vrrp]]
vrid = 5
address = ["10.0.0.101"]
[[device.r1.gateway]]
vrid = 5
address = ["10.0.0.1"]
state = "active"
[device.r2.lacp]
rate = "fast"
)");
  ASSERT_EQ(errors.size(), 5U) << ::testing::PrintToString(errors);
  EXPECT_TRUE(contains(errors[0], "r1 vrid 5 inet is declared twice (first at redund.conf:5:1)"))
      << errors[0];
  EXPECT_TRUE(contains(errors[1], "[device.r2.lacp] needs mode = \"lacp\"")) << errors[1];
  EXPECT_TRUE(contains(errors[2], "port eth1 is a port of device r0 too")) << errors[2];
  EXPECT_TRUE(contains(errors[3], "port r0 is a redund device itself")) << errors[3];
  EXPECT_TRUE(contains(errors[4], "is the kernel gateway of router r1 vrid 5 inet")) << errors[4];
}

TEST(ConfigFileTest, ValuesOfTheWrongTypeAreErrors) {
  const auto errors = errorsOf(R"([device.r0]
ports = "eth1"
mode = 1.5
[device.r1]
ports = [["eth1"]]
)");
  EXPECT_GE(errors.size(), 2U) << ::testing::PrintToString(errors);
  EXPECT_TRUE(contains(errors[0], "3:8: \"mode\": expected a string, an integer or a boolean"))
      << ::testing::PrintToString(errors);
}

// Found by the config_file fuzzer: a device named "-r0" in lacp mode went
// on to the LACP options as a word that reads as an option, and the
// usage error escaped parseConfig.
TEST(ConfigFileTest, NamesTheKernelOrACommandLineWouldRefuseAreErrors) {
  for (const std::string name : {"-r0", "r:0", "..", "a/b", "sixteen-chars-xx"}) {
    const auto errors = errorsOf("[device.\"" + name + "\"]\nmode = \"lacp\"\n");
    ASSERT_EQ(errors.size(), 1U) << name << ": " << ::testing::PrintToString(errors);
    EXPECT_TRUE(contains(errors[0], "device \"" + name + "\": not a valid interface name"))
        << errors[0];
  }
  const auto errors = errorsOf("[device.r0]\nports = [\"-eth1\", \"eth 2\"]\n");
  ASSERT_EQ(errors.size(), 2U) << ::testing::PrintToString(errors);
  EXPECT_TRUE(contains(errors[0], "\"-eth1\" is not an interface name")) << errors[0];
}

TEST(ConfigFileTest, ReadConfigReadsAFileAndNamesAMissingOne) {
  const test::TempFile file(kRouter);
  EXPECT_EQ(readConfig(file.path()).devices.size(), 2U);
  try {
    readConfig("/nonexistent/redund.conf");
    FAIL();
  } catch (const ConfigErrors& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/redund.conf: cannot read: No such file or directory");
  }
}

}  // namespace
}  // namespace redund::config
