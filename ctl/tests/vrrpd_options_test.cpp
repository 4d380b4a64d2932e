// `redundctl vrrp` options: one table for the command line and the config
// file, every value validated before anything touches the kernel.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/errors.h"
#include "cli_fixture.h"
#include "temp_file.h"
#include "usage_cases.h"
#include "util/state_dir.h"
#include "vrrp_fixture.h"
#include "vrrpd/command.h"
#include "vrrpd/options.h"

namespace redund::vrrpd {
namespace {

using std::chrono::milliseconds;
using vrrp::test::ip;

TEST(VrrpdOptions, Defaults) {
  const VrrpOptions o = parseVrrpOptions({"r0", "--vrid", "5", "--address", "192.0.2.1"});
  EXPECT_EQ(o.device, "r0");
  EXPECT_EQ(o.vrid, 5);
  EXPECT_EQ(o.version, vrrp::Version::kV3);
  EXPECT_EQ(o.priority, 100);
  EXPECT_EQ(o.addresses, std::vector{ip("192.0.2.1")});
  EXPECT_EQ(o.interval, milliseconds(1000));
  EXPECT_TRUE(o.preempt);
  EXPECT_EQ(o.preemptDelay, milliseconds(0));
  EXPECT_TRUE(o.accept);
  EXPECT_FALSE(o.primaryAddress);
  EXPECT_TRUE(o.pseudoHeader);
  EXPECT_TRUE(o.unicastPeers.empty());
  EXPECT_TRUE(o.trackedInterfaces.empty());
  EXPECT_FALSE(o.notify);
  EXPECT_EQ(o.notifyTimeout, milliseconds(10000));
  EXPECT_FALSE(o.announceCount);
  EXPECT_FALSE(o.announceInterval);
  EXPECT_EQ(o.stateDir, util::defaultStateDir());
  EXPECT_EQ(o.name(), "r0 vrid 5 inet");
  const vrrp::RouterConfig config = o.routerConfig(ip("192.0.2.9"));
  EXPECT_EQ(config.advertInterval, vrrp::Centiseconds(100));
  EXPECT_EQ(config.primaryAddress, ip("192.0.2.9"));
  EXPECT_EQ(config.name, "r0 vrid 5 inet");
}

TEST(VrrpdOptions, EveryOptionOnTheCommandLine) {
  const VrrpOptions o = parseVrrpOptions({"--device",
                                          "r1",
                                          "--vrid",
                                          "9",
                                          "--address",
                                          "2001:db8::1",
                                          "--address",
                                          "fe80::9",
                                          "--priority",
                                          "255",
                                          "--interval",
                                          "10ms",
                                          "--preempt",
                                          "off",
                                          "--preempt-delay",
                                          "2s",
                                          "--accept",
                                          "off",
                                          "--primary-address",
                                          "fe80::2",
                                          "--unicast-peer",
                                          "fe80::3",
                                          "--track-interface",
                                          "eth1",
                                          "--track-interface",
                                          "eth2=0",
                                          "--track-interface",
                                          "eth3=15",
                                          "--notify",
                                          "logger -t vrrp",
                                          "--notify-timeout",
                                          "500ms",
                                          "--announce-count",
                                          "5",
                                          "--announce-interval",
                                          "100",
                                          "--state-dir",
                                          ""});
  EXPECT_EQ(o.device, "r1");
  EXPECT_EQ(o.family(), vrrp::Family::kIpv6);
  EXPECT_EQ(o.addresses, (std::vector{ip("2001:db8::1"), ip("fe80::9")}));
  EXPECT_EQ(o.priority, 255);
  EXPECT_EQ(o.interval, milliseconds(10));
  EXPECT_FALSE(o.preempt);
  EXPECT_EQ(o.preemptDelay, milliseconds(2000));
  EXPECT_FALSE(o.accept);
  EXPECT_EQ(o.primaryAddress, ip("fe80::2"));
  EXPECT_EQ(o.unicastPeers, std::vector{ip("fe80::3")});
  ASSERT_EQ(o.trackedInterfaces.size(), 3U);
  EXPECT_EQ(o.trackedInterfaces[0], (vrrp::TrackConfig{.name = "eth1", .weight = -20}));
  EXPECT_EQ(o.trackedInterfaces[1], (vrrp::TrackConfig{.name = "eth2", .weight = 0}));
  EXPECT_EQ(o.trackedInterfaces[2], (vrrp::TrackConfig{.name = "eth3", .weight = 15}));
  EXPECT_EQ(o.notify, "logger -t vrrp");
  EXPECT_EQ(o.notifyTimeout, milliseconds(500));
  EXPECT_EQ(o.announceCount, 5U);
  EXPECT_EQ(o.announceInterval, milliseconds(100));
  EXPECT_EQ(o.stateDir, "");
  EXPECT_EQ(o.name(), "r1 vrid 9 inet6");
}

TEST(VrrpdOptions, VersionTwoDefaultsToOneSecondAndTakesWholeSeconds) {
  const VrrpOptions o =
      parseVrrpOptions({"r0", "--vrid", "5", "--address", "192.0.2.1", "--version", "2"});
  EXPECT_EQ(o.version, vrrp::Version::kV2);
  EXPECT_EQ(o.interval, milliseconds(1000));
  EXPECT_EQ(parseVrrpOptions({"r0", "--vrid", "5", "--address", "192.0.2.1", "--version", "2",
                              "--interval", "3s"})
                .interval,
            milliseconds(3000));
}

TEST(VrrpdOptions, ChecksAreTrackedAfterTheInterfacesStartingDown) {
  const VrrpOptions o = parseVrrpOptions(
      {"r0", "--vrid", "5", "--address", "192.0.2.1", "--track-interface", "eth1", "--check",
       "http://192.0.2.10/health,name=web,weight=-60", "--check", "icmp:192.0.2.254,weight=fault"});
  ASSERT_EQ(o.checks.size(), 2U);
  EXPECT_EQ(o.checks[0].name, "web");
  EXPECT_EQ(o.checks[1].name, "icmp:192.0.2.254");
  EXPECT_EQ(o.tracked(), (std::vector<vrrp::TrackConfig>{
                             {.name = "eth1", .weight = -20},
                             {.name = "web", .weight = -60, .initiallyUp = false},
                             {.name = "icmp:192.0.2.254", .weight = 0, .initiallyUp = false}}));
  EXPECT_EQ(o.routerConfig(ip("192.0.2.2")).tracked, o.tracked());
}

TEST(VrrpdOptions, AClaimHookIsTrackedWithWeightZero) {
  const VrrpOptions o =
      parseVrrpOptions({"r0", "--vrid", "5", "--address", "192.0.2.1", "--claim-hook",
                        "/usr/local/bin/start-web", "--claim-timeout", "45s"});
  EXPECT_EQ(o.claimHook, "/usr/local/bin/start-web");
  EXPECT_EQ(o.claimTimeout, milliseconds(45000));
  EXPECT_EQ(o.tracked(), (std::vector<vrrp::TrackConfig>{{.name = "claim-hook", .weight = 0}}));
}

TEST(VrrpdOptions, ConfigFileAndCommandLineMerge) {
  const test::TempFile file(
      "vrid = 4\naddress = 192.0.2.1\npriority = 120\ntrack-interface = eth1=-30\n"
      "interval = 200ms\n",
      "vrrp.conf");
  const VrrpOptions o = parseVrrpOptions(
      {"r0", "--config", file.path(), "--priority", "130", "--address", "192.0.2.2"});
  EXPECT_EQ(o.vrid, 4);
  EXPECT_EQ(o.priority, 130);  // the command line wins
  // Repeatable keys add up: the file's first.
  EXPECT_EQ(o.addresses, (std::vector{ip("192.0.2.1"), ip("192.0.2.2")}));
  EXPECT_EQ(o.trackedInterfaces.at(0).weight, -30);
  EXPECT_EQ(o.interval, milliseconds(200));
  EXPECT_EQ(o.configFile, file.path());
}

TEST(VrrpdOptions, TheDeviceMayComeFromTheConfigFile) {
  const test::TempFile file("device = r0\nvrid = 5\naddress = 192.0.2.1\n", "vrrp-dev.conf");
  const VrrpOptions o = parseVrrpOptions({"--config", file.path()});
  EXPECT_EQ(o.device, "r0");
  EXPECT_EQ(o.vrid, 5);
}

using test::BadCase;

TEST(VrrpdOptions, InvalidValuesAreUsageErrors) {
  const std::vector<std::string> base = {"r0", "--vrid", "5", "--address", "192.0.2.1"};
  const auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const std::vector<BadCase> cases = {
      {{}, "missing DEV"},
      {{"r0", "--address", "192.0.2.1"}, "missing --vrid"},
      {{"r0", "--vrid", "5"}, "missing --address"},
      {{"r0", "--vrid", "0", "--address", "192.0.2.1"}, "invalid vrid \"0\" (expected 1 to 255)"},
      {{"r0", "--vrid", "256", "--address", "192.0.2.1"}, "invalid vrid \"256\""},
      {{"r0", "--vrid", "5", "--address", "192.0.2"}, "invalid address \"192.0.2\""},
      {{"r0", "--vrid", "5", "--address", "224.0.0.5"},
       "invalid address \"224.0.0.5\" (expected a unicast address"},
      {{"r0", "--vrid", "5", "--address", "255.255.255.255"},
       "invalid address \"255.255.255.255\""},
      {{"r0", "--vrid", "5", "--address", "127.0.0.1"}, "invalid address \"127.0.0.1\""},
      {{"r0", "--vrid", "5", "--address", "ff02::1"}, "invalid address \"ff02::1\""},
      {{"r0", "--vrid", "5", "--address", "::"}, "invalid address \"::\""},
      {{"r0", "--vrid", "5", "--address", "192.0.2.1", "--address", "2001:db8::1"},
       "all virtual IPs must be of one family"},
      {{"r0", "--vrid", "5", "--address", "2001:db8::1", "--version", "2"},
       "--version 2 is IPv4 only"},
      {with({"--version", "4"}), "invalid version \"4\" (expected 2 to 3)"},
      {with({"--priority", "0"}), "invalid priority \"0\" (expected 1 to 255)"},
      {with({"--priority", "256"}), "invalid priority \"256\""},
      {with({"--interval", "5ms"}), "invalid interval \"5ms\" (expected 10ms to 40950ms"},
      {with({"--interval", "15ms"}), "invalid interval \"15ms\" (expected a multiple of 10ms)"},
      {with({"--interval", "41s"}), "invalid interval \"41s\""},
      {with({"--interval", "1.5s"}), "invalid interval \"1.5s\""},
      {with({"--interval", "fast"}), "invalid interval \"fast\""},
      {with({"--version", "2", "--interval", "1500ms"}),
       "invalid interval \"1500ms\" (expected whole seconds for version 2)"},
      {with({"--preempt", "yes"}), "invalid preempt \"yes\" (expected on or off)"},
      {with({"--preempt-delay", "-1"}), "invalid preempt-delay \"-1\""},
      {with({"--accept", "1"}), "invalid accept \"1\" (expected on or off)"},
      {with({"--primary-address", "2001:db8::1"}), "not of the virtual IPs' family"},
      {with({"--unicast-peer", "2001:db8::1"}), "not of the virtual IPs' family"},
      {{"r0", "--vrid", "5", "--address", "2001:db8::1", "--primary-address", "2001:db8::2"},
       "IPv6 adverts come from a link-local address"},
      {{"r0",         "--vrid",    "5",          "--address", "192.0.2.1",  "--address",
        "192.0.2.2",  "--address", "192.0.2.3",  "--address", "192.0.2.4",  "--address",
        "192.0.2.5",  "--address", "192.0.2.6",  "--address", "192.0.2.7",  "--address",
        "192.0.2.8",  "--address", "192.0.2.9",  "--address", "192.0.2.10", "--address",
        "192.0.2.11", "--address", "192.0.2.12", "--address", "192.0.2.13", "--address",
        "192.0.2.14", "--address", "192.0.2.15", "--address", "192.0.2.16", "--address",
        "192.0.2.17"},
       "too many --address (the module holds 16 per gateway)"},
      {with({"--unicast-peer", "peer"}), "invalid unicast-peer \"peer\""},
      {with({"--track-interface", "=5"}), "invalid track-interface \"=5\""},
      {with({"--track-interface", "eth1=300"}), "invalid track-interface weight \"300\""},
      {with({"--track-interface", "eth1=x"}), "invalid track-interface weight \"x\""},
      {with({"--track-interface", "eth1", "--track-interface", "eth1=5"}),
       "tracked objects need distinct, non-empty names"},
      {with({"--check", "tcp:192.0.2.9"}), "--check tcp:192.0.2.9: expected tcp:IPV4:PORT"},
      {with({"--check", "icmp:192.0.2.9,name=eth1", "--track-interface", "eth1"}),
       "tracked objects need distinct, non-empty names"},
      {with({"--check", "icmp:192.0.2.9", "--check", "icmp:192.0.2.9,weight=-5"}),
       "tracked objects need distinct, non-empty names"},
      {with({"--check", "icmp:192.0.2.9,via=eth1"}),
       "--check icmp:192.0.2.9,via=eth1: via is for LAG port checks (redundctl run)"},
      {with({"--notify", ""}), "--notify: empty command"},
      {with({"--claim-hook", ""}), "--claim-hook: empty command"},
      {with({"--claim-timeout", "soon"}), "invalid claim-timeout \"soon\""},
      {with({"--claim-hook", "x", "--check", "icmp:192.0.2.9,name=claim-hook"}),
       "tracked objects need distinct, non-empty names"},
      {with({"--notify-timeout", "0"}), "invalid notify-timeout \"0\""},
      {with({"--announce-count", "101"}), "invalid announce-count \"101\" (expected 0 to 100)"},
      {with({"--announce-interval", "5ms"}), "invalid announce-interval \"5ms\""},
      {with({"--priority", "1", "--priority", "2"}), "cannot be specified more than once"},
      {with({"--frob"}), "unrecognised option '--frob'"},
  };
  test::expectUsageErrors([](const auto& args) { parseVrrpOptions(args); }, cases);
}

TEST(VrrpdOptions, ConfigFileErrors) {
  const test::TempFile bad("vrid = 5\naddress = 192.0.2.1\npriority = high\n", "vrrp-bad.conf");
  EXPECT_THROW(parseVrrpOptions({"r0", "--config", bad.path()}), cli::UsageError);
  EXPECT_THROW(parseVrrpOptions({"r0", "--config", "/nonexistent/vrrp.conf"}), Error);
}

using VrrpCommandTest = test::CliTest;

TEST_F(VrrpCommandTest, InvalidOptionExitsTwoWithoutTheKernel) {
  const test::CliResult result = runDaemon(vrrpCommand, {"r0", "--vrid", "5"});
  EXPECT_EQ(result.status, cli::kExitUsage);
  EXPECT_EQ(result.err,
            "redundctl: vrrp: missing --address (at least one virtual IP)\n"
            "Try \"redundctl vrrp --help\".\n");
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(VrrpCommandTest, HelpPrintsTheOptions) {
  const test::CliResult result = runDaemon(vrrpCommand, {"--help"});
  EXPECT_EQ(result.status, cli::kExitOk);
  EXPECT_NE(result.out.find("--track-interface IF[=W]"), std::string::npos);
  EXPECT_NE(result.out.find("A check SPEC is one of"), std::string::npos);
  EXPECT_EQ(system_.apisCreated, 0);
}

}  // namespace
}  // namespace redund::vrrpd
