// `redundctl run` options: one table for the command line and the config
// file, every value validated.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cli/errors.h"
#include "cli_fixture.h"
#include "lacpd/options.h"
#include "lacpd/run.h"
#include "temp_file.h"
#include "usage_cases.h"
#include "util/state_dir.h"

namespace redund::lacpd {
namespace {

using std::chrono::seconds;

using ConfigFile = test::TempFile;

TEST(DaemonOptions, Defaults) {
  const RunOptions opts = parseRunOptions({"r0"});
  EXPECT_EQ(opts.device, "r0");
  EXPECT_EQ(opts.mode, lacp::Mode::kActive);
  EXPECT_EQ(opts.rate, lacp::Rate::kSlow);
  EXPECT_EQ(opts.systemPriority, 65535);
  EXPECT_FALSE(opts.systemMac);
  EXPECT_EQ(opts.priorityOf("eth1"), 255);
  EXPECT_FALSE(opts.key);
  EXPECT_FALSE(opts.keyOf("eth1"));
  EXPECT_EQ(opts.policy, lacp::SelectionPolicy::kStable);
  EXPECT_EQ(opts.minLinks, 1U);
  EXPECT_EQ(opts.maxActivePorts, 16U);
  EXPECT_FALSE(opts.fallback);
  EXPECT_EQ(opts.fallbackTimeout, seconds(90));
  EXPECT_EQ(opts.stateDir, util::defaultStateDir());

  const lacp::Mac mac = {2, 0, 0, 0, 0, 7};
  const lacp::DeviceConfig config = opts.deviceConfig(mac);
  EXPECT_EQ(config.system.mac, mac);
  EXPECT_EQ(config.system.priority, 65535);
}

// Every option, as KEY and VALUE.
const std::vector<std::pair<std::string, std::string>> kEveryOption = {
    {"mode", "passive"},
    {"rate", "fast"},
    {"system-priority", "100"},
    {"system-mac", "02:00:00:aa:bb:cc"},
    {"port-priority", "10"},
    {"port-priority", "eth2=5"},
    {"key", "42"},
    {"key", "eth2=7"},
    {"selection", "bandwidth"},
    {"min-links", "2"},
    {"max-active-ports", "4"},
    {"fallback", "on"},
    {"fallback-timeout", "30"},
    {"state-dir", ""},
};

void expectEveryOption(const RunOptions& opts) {
  EXPECT_EQ(opts.device, "r0");
  EXPECT_EQ(opts.mode, lacp::Mode::kPassive);
  EXPECT_EQ(opts.rate, lacp::Rate::kFast);
  EXPECT_EQ(opts.systemPriority, 100);
  EXPECT_EQ(opts.systemMac, (lacp::Mac{2, 0, 0, 0xaa, 0xbb, 0xcc}));
  EXPECT_EQ(opts.priorityOf("eth1"), 10);
  EXPECT_EQ(opts.priorityOf("eth2"), 5);
  EXPECT_EQ(opts.key, 42);
  EXPECT_EQ(opts.keyOf("eth1"), 42);
  EXPECT_EQ(opts.keyOf("eth2"), 7);
  EXPECT_EQ(opts.policy, lacp::SelectionPolicy::kBandwidth);
  EXPECT_EQ(opts.minLinks, 2U);
  EXPECT_EQ(opts.maxActivePorts, 4U);
  EXPECT_TRUE(opts.fallback);
  EXPECT_EQ(opts.fallbackTimeout, seconds(30));
  EXPECT_EQ(opts.stateDir, "");
  const lacp::DeviceConfig config = opts.deviceConfig({2, 0, 0, 0, 0, 7});
  EXPECT_EQ(config.system.mac, (lacp::Mac{2, 0, 0, 0xaa, 0xbb, 0xcc}));
  EXPECT_EQ(config.fallback.timeout, seconds(30));
}

TEST(DaemonOptions, EveryOptionOnTheCommandLine) {
  std::vector<std::string> args = {"r0"};
  for (const auto& [key, value] : kEveryOption) {
    args.push_back("--" + key);
    args.push_back(value);
  }
  expectEveryOption(parseRunOptions(args));
}

TEST(DaemonOptions, EveryOptionInTheConfigFile) {
  std::string text = "device = r0\n";
  for (const auto& [key, value] : kEveryOption) {
    text.append(key).append(" = ").append(value).append("\n");
  }
  const ConfigFile file(text);
  const RunOptions opts = parseRunOptions({"--config", file.path()});
  expectEveryOption(opts);
  EXPECT_EQ(opts.configFile, file.path());
}

// One port's key alone: the others keep the speed-derived default.
TEST(DaemonOptions, PerPortKeyOnly) {
  const RunOptions opts = parseRunOptions({"r0", "--key", "eth2=9"});
  EXPECT_FALSE(opts.key);
  EXPECT_FALSE(opts.keyOf("eth1"));
  EXPECT_EQ(opts.keyOf("eth2"), 9);
}

TEST(DaemonOptions, CommandLineWinsOverTheConfigFile) {
  const ConfigFile file(
      "device = r9\nrate = fast\nmode = passive\nport-priority = 7\nport-priority = eth1=8\n"
      "key = eth1=3\n");
  const RunOptions opts = parseRunOptions(
      {"r0", "-c", file.path(), "--rate", "slow", "--port-priority", "eth1=9", "--key", "eth1=4"});
  EXPECT_EQ(opts.device, "r0");
  EXPECT_EQ(opts.rate, lacp::Rate::kSlow);
  EXPECT_EQ(opts.mode, lacp::Mode::kPassive);
  EXPECT_EQ(opts.priorityOf("eth1"), 9);
  EXPECT_EQ(opts.priorityOf("eth2"), 7);
  EXPECT_EQ(opts.keyOf("eth1"), 4);
}

using test::BadCase;

TEST(DaemonOptions, InvalidValuesAreUsageErrors) {
  const std::vector<BadCase> cases = {
      {{}, "missing DEV"},
      {{"r0", "--mode", "eager"}, "invalid mode \"eager\" (expected active or passive)"},
      {{"r0", "--rate", "medium"}, "invalid rate \"medium\" (expected fast or slow)"},
      {{"r0", "--system-priority", "65536"},
       "invalid system-priority \"65536\" (expected 0 to 65535)"},
      {{"r0", "--system-priority", "-1"}, "invalid system-priority \"-1\" (expected 0 to 65535)"},
      {{"r0", "--system-mac", "01:00:5e:00:00:01"}, "invalid system-mac \"01:00:5e:00:00:01\""},
      {{"r0", "--system-mac", "00:00:00:00:00:00"}, "invalid system-mac"},
      {{"r0", "--system-mac", "02:00:00:00:00"}, "invalid system-mac"},
      {{"r0", "--port-priority", "x"}, "invalid port-priority \"x\""},
      {{"r0", "--port-priority", "=3"}, "invalid port-priority \"=3\" (expected N or PORT=N)"},
      {{"r0", "--port-priority", "eth1=70000"}, "invalid port-priority \"70000\""},
      {{"r0", "--key", "0"}, "invalid key \"0\" (expected 1 to 65535)"},
      {{"r0", "--key", "eth1=0"}, "invalid key \"0\" (expected 1 to 65535)"},
      {{"r0", "--key", "=3"}, "invalid key \"=3\" (expected N or PORT=N)"},
      {{"r0", "--selection", "random"},
       "invalid selection \"random\" (expected stable, bandwidth, count or priority)"},
      {{"r0", "--min-links", "17"}, "invalid min-links \"17\" (expected 0 to 16)"},
      {{"r0", "--max-active-ports", "99"}, "invalid max-active-ports \"99\" (expected 0 to 16)"},
      {{"r0", "--min-links", "3", "--max-active-ports", "2"},
       "min-links 3 exceeds max-active-ports 2"},
      {{"r0", "--fallback", "yes"}, "invalid fallback \"yes\" (expected on or off)"},
      {{"r0", "--fallback-timeout", "0"}, "invalid fallback-timeout \"0\" (expected 1 to 3600)"},
      {{"r0", "--fallback-timeout", "1.5"}, "invalid fallback-timeout \"1.5\""},
      {{"r0", "--rate", "fast", "--rate", "slow"}, "cannot be specified more than once"},
      {{"r0", "--check", "icmp:192.0.2.1"},
       "--check icmp:192.0.2.1: needs via=PORT, the port whose path it probes"},
      {{"r0", "--check", "tcp:192.0.2.1:80,via=eth1"},
       "via works with icmp checks of an IPv4 address only"},
      {{"r0", "--check", "icmp:192.0.2.1,via=eth1", "--check", "icmp:192.0.2.2,via=eth1,name=x",
        "--check", "icmp:192.0.2.1,via=eth1"},
       "another check is named \"icmp:192.0.2.1@eth1\"; give one a name="},
      {{"r0", "--frob"}, "unrecognised option '--frob'"},
      {{"r0", "r1"}, "too many positional options"},
  };
  test::expectUsageErrors([](const auto& args) { parseRunOptions(args); }, cases);
}

TEST(DaemonOptions, InvalidValuesInTheConfigFileToo) {
  const ConfigFile bad("rate = medium\n");
  EXPECT_THROW(parseRunOptions({"r0", "--config", bad.path()}), cli::UsageError);
  const ConfigFile unknown("colour = blue\n");
  EXPECT_THROW(parseRunOptions({"r0", "--config", unknown.path()}), cli::UsageError);
  EXPECT_THROW(parseRunOptions({"r0", "--config", "/nonexistent/redund.conf"}), Error);
}

TEST(DaemonOptions, PortChecksOnTheCommandLineAndInTheConfigFile) {
  const RunOptions cli = parseRunOptions(
      {"r0", "--check", "icmp:192.0.2.1,via=eth1,name=up1", "--check", "icmp:192.0.2.1,via=eth2"});
  ASSERT_EQ(cli.checks.size(), 2U);
  EXPECT_EQ(cli.checks[0].name, "up1");
  EXPECT_EQ(cli.checks[1].via, "eth2");
  EXPECT_EQ(cli.checks[1].name, "icmp:192.0.2.1@eth2");
  const ConfigFile file("check = icmp:192.0.2.1,via=eth1,rise=1\n");
  const RunOptions fromFile = parseRunOptions({"r0", "--config", file.path()});
  ASSERT_EQ(fromFile.checks.size(), 1U);
  EXPECT_EQ(fromFile.checks[0].timing.rise, 1U);
  EXPECT_TRUE(parseRunOptions({"r0"}).checks.empty());
}

TEST(DaemonOptions, ParseMac) {
  EXPECT_EQ(parseMac("02:00:00:AA:bb:0c"), (lacp::Mac{2, 0, 0, 0xaa, 0xbb, 0x0c}));
  EXPECT_FALSE(parseMac("02-00-00-aa-bb-0c"));
  EXPECT_FALSE(parseMac("02:00:00:aa:bb:0g"));
  EXPECT_FALSE(parseMac("02:00:00:aa:bb:0c:"));
  EXPECT_FALSE(parseMac(""));
}

using RunCommandTest = test::CliTest;

TEST_F(RunCommandTest, InvalidOptionExitsTwoWithoutTheKernel) {
  const test::CliResult result = runDaemon(runCommand, {"r0", "--rate", "medium"});
  EXPECT_EQ(result.status, cli::kExitUsage);
  EXPECT_EQ(result.err,
            "redundctl: run: invalid rate \"medium\" (expected fast or slow)\n"
            "Try \"redundctl run --help\".\n");
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(RunCommandTest, HelpPrintsEveryOption) {
  const test::CliResult result = runDaemon(runCommand, {"--help"});
  EXPECT_EQ(result.status, cli::kExitOk);
  for (const char* option :
       {"--mode", "--rate", "--system-priority", "--system-mac", "--port-priority", "--key",
        "--selection", "--min-links", "--max-active-ports", "--fallback ", "--fallback-timeout",
        "--state-dir", "--config", "--check", "via=PORT"}) {
    EXPECT_NE(result.out.find(option), std::string::npos) << option;
  }
}

TEST_F(RunCommandTest, RefusesADeviceInAnotherModeWithPorts) {
  const test::CliResult result = runDaemon(runCommand, {"r0", "--state-dir", ""});
  EXPECT_EQ(result.status, cli::kExitError);
  EXPECT_NE(result.err.find("r0 is in active-backup mode with 2 ports"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace redund::lacpd
