#include <cerrno>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "cli/gateway.h"
#include "cli_fixture.h"
#include "vrrp/advert.h"

namespace redund::test {
namespace {

using Call = FakeSystem::GatewayCall;
using Calls = std::vector<Call>;
using Cases = std::vector<std::pair<std::vector<std::string>, std::string>>;

constexpr GatewayKey kV4{.vrid = 5, .family = vrrp::Family::kIpv4};
constexpr GatewayKey kV6{.vrid = 6, .family = vrrp::Family::kIpv6};

vrrp::IpAddress ip(const char* text) { return *vrrp::IpAddress::parse(text); }

std::vector<vrrp::IpAddress> ips(std::initializer_list<const char*> texts) {
  std::vector<vrrp::IpAddress> list;
  for (const char* text : texts) {
    list.push_back(ip(text));
  }
  return list;
}

// r0 holds a persistent IPv4 master whose creator is gone and an IPv6
// backup a controller (port id 4242) owns.
GatewayInfo masterV4() {
  return {.ifindex = 7,
          .ifname = "r0",
          .key = kV4,
          .mac = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x05},
          .state = GatewayState::kMaster,
          .addresses = ips({"10.0.0.100", "10.0.0.101"}),
          .announceCount = 3,
          .announceIntervalMs = 1000,
          .refreshIntervalMs = 30000,
          .persist = true,
          .owner = 0,
          .stats = GatewayStats{.arpReplies = 1,
                                .announces = 3,
                                .rxVmac = 5,
                                .rxDrops = 2,
                                .arpBadSenderMac = 4,
                                .arpBadSenderIp = 6}};
}

GatewayInfo backupV6() {
  return {.ifindex = 7,
          .ifname = "r0",
          .key = kV6,
          .mac = {0x00, 0x00, 0x5e, 0x00, 0x02, 0x06},
          .addresses = ips({"2001:db8::100"}),
          .announceCount = 3,
          .announceIntervalMs = 1000,
          .owner = 4242,
          .stats = GatewayStats{
              .nsBadSource = 7, .nsBadOption = 8, .nsDadBadDest = 9, .nsDadSllao = 10}};
}

class GatewayTest : public CliTest {
 protected:
  void expectUsageErrors(const Cases& cases) {
    for (const auto& [args, message] : cases) {
      const CliResult result = run(args);
      EXPECT_EQ(result.status, 2) << message;
      EXPECT_EQ(result.out, "");
      EXPECT_EQ(result.err.rfind("redundctl: " + message + "\n\nUsage: redundctl", 0), 0U)
          << result.err;
    }
    EXPECT_EQ(system_.apisCreated, 0);
    EXPECT_TRUE(system_.gatewayCalls.empty());
  }
};

// ------------------------------------------------------------------ parsing

TEST(GatewayParse, AddWithEveryKeyword) {
  const std::vector<std::string> words = {"add",
                                          "r0",
                                          "vrid",
                                          "5",
                                          "family",
                                          "inet",
                                          "mac",
                                          "02:00:00:00:00:0A",
                                          "address",
                                          "10.0.0.100",
                                          "address",
                                          "10.0.0.101",
                                          "state",
                                          "active",
                                          "announce-count",
                                          "0",
                                          "announce-interval",
                                          "60000",
                                          "refresh",
                                          "3600000",
                                          "persist",
                                          "on"};
  EXPECT_EQ(cli::parseGateway(words),
            (cli::GatewayCommand{.action = cli::GatewayAction::kAdd,
                                 .dev = "r0",
                                 .vrid = 5,
                                 .family = vrrp::Family::kIpv4,
                                 .settings = {.mac = MacAddress{2, 0, 0, 0, 0, 0x0a},
                                              .addresses = ips({"10.0.0.100", "10.0.0.101"}),
                                              .state = GatewayState::kActive,
                                              .announceCount = 0,
                                              .announceIntervalMs = 60000,
                                              .refreshIntervalMs = 3600000,
                                              .persist = true}}));
}

TEST(GatewayParse, RefreshTakesMillisecondsOffOrZero) {
  const auto refresh = [](const std::string& value) {
    const std::vector<std::string> words = {"set", "r0", "vrid", "5", "refresh", value};
    return cli::parseGateway(words).settings.refreshIntervalMs;
  };
  EXPECT_EQ(refresh("1000"), 1000U);
  EXPECT_EQ(refresh("30000"), 30000U);
  EXPECT_EQ(refresh("3600000"), 3600000U);
  EXPECT_EQ(refresh("off"), 0U);
  EXPECT_EQ(refresh("0"), 0U);
}

TEST(GatewayParse, AddPersistsByDefault) {
  const std::vector<std::string> words = {"add", "r0", "vrid", "255"};
  EXPECT_EQ(cli::parseGateway(words), (cli::GatewayCommand{.action = cli::GatewayAction::kAdd,
                                                           .dev = "r0",
                                                           .vrid = 255,
                                                           .family = vrrp::Family::kIpv4,
                                                           .settings = {.persist = true}}));
}

TEST(GatewayParse, SetLeavesPersistAsItIs) {
  const std::vector<std::string> words = {"set", "r0", "vrid", "5", "state", "master"};
  const cli::GatewayCommand cmd = cli::parseGateway(words);
  EXPECT_EQ(cmd.settings, (GatewaySettings{.state = GatewayState::kMaster}));
  EXPECT_FALSE(cmd.settings.adopt);
}

TEST(GatewayParse, FamilyFromTheFirstAddressElseInet) {
  const std::vector<std::string> v6 = {"add", "r0", "vrid", "6", "address", "2001:db8::100"};
  EXPECT_EQ(cli::parseGateway(v6).family, vrrp::Family::kIpv6);
  const std::vector<std::string> del = {"del", "r0", "vrid", "6"};
  EXPECT_EQ(cli::parseGateway(del).family, vrrp::Family::kIpv4);
  const std::vector<std::string> del6 = {"del", "r0", "vrid", "6", "family", "inet6"};
  EXPECT_EQ(cli::parseGateway(del6).family, vrrp::Family::kIpv6);
}

TEST(GatewayParse, ShowFilters) {
  const std::vector<std::string> none = {};
  EXPECT_EQ(cli::parseGateway(none), cli::GatewayCommand{});
  const std::vector<std::string> all = {"show", "dev", "r0", "vrid", "5", "family", "inet6"};
  EXPECT_EQ(cli::parseGateway(all),
            (cli::GatewayCommand{.dev = "r0", .vrid = 5, .family = vrrp::Family::kIpv6}));
  const std::vector<std::string> vrid = {"sh", "vrid", "7"};
  EXPECT_EQ(cli::parseGateway(vrid), (cli::GatewayCommand{.vrid = 7}));
}

// ------------------------------------------------------------ add, set, ...

TEST_F(GatewayTest, AddSendsTheSettingsAndPrintsNothing) {
  const CliResult result = run({"gateway", "add", "r0", "vrid", "5", "address", "10.0.0.100",
                                "state", "master", "announce-interval", "300"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(system_.gatewayCalls, (Calls{{"add",
                                          7,
                                          kV4,
                                          {.addresses = ips({"10.0.0.100"}),
                                           .state = GatewayState::kMaster,
                                           .announceIntervalMs = 300,
                                           .persist = true}}}));
}

TEST_F(GatewayTest, RefreshIsSentAndTurnedOff) {
  system_.gateways = {masterV4()};
  EXPECT_EQ(run({"gateway", "add", "r0", "vrid", "6", "address", "2001:db8::1", "refresh", "60000"})
                .status,
            0);
  EXPECT_EQ(run({"gateway", "set", "r0", "vrid", "5", "refresh", "off"}).status, 0);
  EXPECT_EQ(
      system_.gatewayCalls,
      (Calls{{"add",
              7,
              kV6,
              {.addresses = ips({"2001:db8::1"}), .refreshIntervalMs = 60000, .persist = true}},
             {"set", 7, kV4, {.refreshIntervalMs = 0}}}));
  EXPECT_EQ(system_.gateways.front().refreshIntervalMs, 0U);
  EXPECT_EQ(system_.gateways.back().refreshIntervalMs, 60000U);
}

TEST_F(GatewayTest, StateActiveWarnsOnceAndStillSucceeds) {
  const std::string warning =
      "redundctl: warning: state active: every node answers with the same virtual MAC; fine for "
      "anycast (each node serves its own segment) or MC-LAG, but on one shared L2 segment the "
      "switches flap that MAC between ports\n";
  CliResult result =
      run({"gateway", "add", "r0", "vrid", "5", "address", "10.0.0.1", "state", "active"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, warning);
  result = run({"-j", "gateway", "set", "r0", "vrid", "5", "state", "active", "refresh", "30000"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, warning);
  // Master, backup and settings that leave the state alone say nothing.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"gateway", "set", "r0", "vrid", "5", "refresh", "off"},
        std::vector<std::string>{"gateway", "set", "r0", "vrid", "5", "state", "master"},
        std::vector<std::string>{"gateway", "set", "r0", "vrid", "5", "state", "backup"}}) {
    result = run(args);
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.err, "");
  }
  // A refused request shows the kernel's error, not the warning.
  system_.gatewayError = KernelError(EINVAL, "Owner socket of the gateway is gone");
  result = run({"gateway", "set", "r0", "vrid", "5", "state", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            "redundctl: gateway set r0 vrid 5 inet: Owner socket of the gateway is gone (Invalid "
            "argument)\n");
}

TEST_F(GatewayTest, AddBackupThatDoesNotPersistForAController) {
  EXPECT_EQ(run({"gateway", "add", "r0", "vrid", "6", "address", "2001:db8::100", "persist", "off"})
                .status,
            0);
  EXPECT_EQ(system_.gatewayCalls,
            (Calls{{"add", 7, kV6, {.addresses = ips({"2001:db8::100"}), .persist = false}}}));
}

TEST_F(GatewayTest, SetReplacesTheAddressList) {
  system_.gateways = {masterV4()};
  EXPECT_EQ(run({"g", "set", "r0", "vrid", "5", "address", "10.0.0.102"}).status, 0);
  EXPECT_EQ(system_.gatewayCalls, (Calls{{"set", 7, kV4, {.addresses = ips({"10.0.0.102"})}}}));
  EXPECT_EQ(system_.gateways.front().addresses, ips({"10.0.0.102"}));
}

TEST_F(GatewayTest, DelAndAnnounce) {
  EXPECT_EQ(run({"gateway", "del", "r0", "vrid", "6", "family", "inet6"}).status, 1);
  EXPECT_EQ(run({"gateway", "announce", "r0", "vrid", "5"}).status, 0);
  EXPECT_EQ(run({"gateway", "delete", "r0", "vrid", "5"}).status, 1);
  EXPECT_EQ(system_.gatewayCalls,
            (Calls{{"del", 7, kV6, {}}, {"announce", 7, kV4, {}}, {"del", 7, kV4, {}}}));
}

TEST_F(GatewayTest, KernelErrorsShowExtackAndErrnoWithTheGateway) {
  system_.gatewayError =
      KernelError(EEXIST, "A gateway with this VRID and family exists on this device");
  CliResult result = run({"gateway", "add", "r0", "vrid", "5"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            "redundctl: gateway add r0 vrid 5 inet: A gateway with this VRID and family exists "
            "on this device (File exists)\n");

  system_.gatewayError = std::nullopt;
  result = run({"gateway", "set", "r0", "vrid", "9", "family", "inet6", "state", "backup"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            "redundctl: gateway set r0 vrid 9 inet6: No gateway with this VRID and family on "
            "this device (No such file or directory)\n");

  system_.gatewayError =
      KernelError(EINVAL, "A backup gateway does not announce; make it master or active first");
  result = run({"gateway", "announce", "r0", "vrid", "6", "family", "inet6"});
  EXPECT_EQ(result.err,
            "redundctl: gateway announce r0 vrid 6 inet6: A backup gateway does not announce; "
            "make it master or active first (Invalid argument)\n");
}

TEST_F(GatewayTest, UnknownAndNonRedundDevices) {
  CliResult result = run({"gateway", "add", "r5", "vrid", "5"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: device r5 does not exist\n");
  result = run({"gateway", "del", "eth9", "vrid", "5"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err.rfind("redundctl: eth9 is not a redund device: ", 0), 0U) << result.err;
  result = run({"gateway", "show", "r5"});
  EXPECT_EQ(result.err, "redundctl: device r5 does not exist\n");
  EXPECT_TRUE(system_.gatewayCalls.empty());
}

TEST_F(GatewayTest, MasterOrActiveWithoutPersistIsRefused) {
  const std::string why =
      " needs persist on: a gateway that does not persist belongs to the process that made "
      "it, and drops to backup as soon as that process (this redundctl) exits; only a running "
      "controller can hold a master that does not persist";
  expectUsageErrors({
      {{"gateway", "add", "r0", "vrid", "5", "state", "master", "persist", "off"},
       "gateway add: state master" + why},
      {{"gateway", "add", "r0", "vrid", "5", "persist", "off", "state", "active"},
       "gateway add: state active" + why},
      {{"gateway", "set", "r0", "vrid", "5", "state", "master", "persist", "off"},
       "gateway set: state master" + why},
  });
}

TEST_F(GatewayTest, BadInputNeedsNoKernel) {
  expectUsageErrors({
      {{"gateway", "frob"},
       "gateway: unknown command \"frob\" (expected add, set, del, announce or show)"},
      {{"gateway", "add"}, "gateway add: missing DEV"},
      {{"gateway", "add", "r0"}, "gateway add: missing vrid (expected vrid 1 to 255)"},
      {{"gateway", "add", "r0", "vrid", "0"},
       "gateway add: invalid vrid \"0\" (expected 1 to 255)"},
      {{"gateway", "del", "r0", "vrid", "256"},
       "gateway del: invalid vrid \"256\" (expected 1 to 255)"},
      {{"gateway", "add", "r0", "vrid", "x"},
       "gateway add: invalid vrid \"x\" (expected 1 to 255)"},
      {{"gateway", "add", "r0", "vrid"}, "gateway add: \"vrid\" needs a value (expected 1 to 255)"},
      {{"gateway", "add", "r0", "vrid", "5", "vrid", "6"}, "gateway add: \"vrid\" given twice"},
      {{"gateway", "add", "r0", "vrid", "5", "address", "10.0.0.300"},
       "gateway add: invalid address \"10.0.0.300\" (expected an IPv4 or IPv6 address)"},
      {{"gateway", "add", "r0", "vrid", "5", "address", "10.0.0.0/24"},
       "gateway add: invalid address \"10.0.0.0/24\" (expected an IPv4 or IPv6 address)"},
      {{"gateway", "add", "r0", "vrid", "5", "address"},
       "gateway add: \"address\" needs a value (expected an IPv4 or IPv6 address)"},
      {{"gateway", "add", "r0", "vrid", "5", "family", "inet6", "address", "10.0.0.1"},
       "gateway add: address 10.0.0.1 is IPv4, but the gateway's family is inet6: one gateway "
       "holds IPv6 addresses only"},
      {{"gateway", "set", "r0", "vrid", "5", "address", "10.0.0.1", "address", "2001:db8::1"},
       "gateway set: address 2001:db8::1 is IPv6, but the gateway's family is inet (from its "
       "first address): one gateway holds IPv4 addresses only"},
      {{"gateway", "add", "r0", "vrid", "5", "family", "ipv4"},
       "gateway add: invalid family \"ipv4\" (expected inet or inet6)"},
      {{"gateway", "add", "r0", "vrid", "5", "mac", "00:00:5e:00:01"},
       "gateway add: invalid mac \"00:00:5e:00:01\" (expected a unicast MAC such as "
       "02:00:00:00:00:01)"},
      {{"gateway", "add", "r0", "vrid", "5", "mac", "00:00:5e:00:01:zz"},
       "gateway add: invalid mac \"00:00:5e:00:01:zz\" (expected a unicast MAC such as "
       "02:00:00:00:00:01)"},
      {{"gateway", "add", "r0", "vrid", "5", "state", "primary"},
       "gateway add: invalid state \"primary\" (expected backup, master or active)"},
      {{"gateway", "add", "r0", "vrid", "5", "announce-count", "101"},
       "gateway add: invalid announce-count \"101\" (expected 0 to 100)"},
      {{"gateway", "add", "r0", "vrid", "5", "announce-interval", "5"},
       "gateway add: invalid announce-interval \"5\" (expected 10 to 60000)"},
      {{"gateway", "add", "r0", "vrid", "5", "persist", "yes"},
       "gateway add: invalid persist \"yes\" (expected on or off)"},
      {{"gateway", "set", "r0", "vrid", "5"},
       "gateway set: nothing to change (expected address, state, announce-count, "
       "announce-interval, refresh or persist)"},
      {{"gateway", "add", "r0", "vrid", "5", "refresh", "999"},
       "gateway add: invalid refresh \"999\" (expected off or 1000 to 3600000 (ms))"},
      {{"gateway", "set", "r0", "vrid", "5", "refresh", "3600001"},
       "gateway set: invalid refresh \"3600001\" (expected off or 1000 to 3600000 (ms))"},
      {{"gateway", "set", "r0", "vrid", "5", "refresh", "on"},
       "gateway set: invalid refresh \"on\" (expected off or 1000 to 3600000 (ms))"},
      {{"gateway", "set", "r0", "vrid", "5", "refresh", "1000ms"},
       "gateway set: invalid refresh \"1000ms\" (expected off or 1000 to 3600000 (ms))"},
      {{"gateway", "set", "r0", "vrid", "5", "refresh"},
       "gateway set: \"refresh\" needs a value (expected off or 1000 to 3600000 (ms))"},
      {{"gateway", "set", "r0", "vrid", "5", "refresh", "off", "refresh", "2000"},
       "gateway set: \"refresh\" given twice"},
      {{"gateway", "del", "r0", "vrid", "5", "refresh", "off"},
       "gateway del: unknown argument \"refresh\""},
      {{"gateway", "set", "r0", "vrid", "5", "mac", "02:00:00:00:00:01"},
       "gateway set: the virtual MAC cannot change (delete the gateway and add it again)"},
      {{"gateway", "del", "r0", "vrid", "5", "state", "backup"},
       "gateway del: unknown argument \"state\""},
      {{"gateway", "announce", "r0", "vrid", "5", "address", "10.0.0.1"},
       "gateway announce: unknown argument \"address\""},
      {{"gateway", "show", "r0", "state", "master"}, "gateway show: unknown argument \"state\""},
      {{"gateway", "show", "dev"}, "gateway show: \"dev\" needs a device name"},
  });
}

// -------------------------------------------------------------------- show

TEST_F(GatewayTest, ShowText) {
  system_.gateways = {masterV4(), backupV6()};
  const CliResult result = run({"gateway", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "r0 vrid 5 inet: state master mac 00:00:5e:00:01:05 persist on owner none\n"
            "    address 10.0.0.100 10.0.0.101\n"
            "    announce-count 3 announce-interval 1000ms refresh 30000ms\n"
            "    arp_replies 1 na_sent 0 announces 3 rx_vmac 5 rx_drops 2 tx_drops 0 releases 0\n"
            "    invalid: arp_bad_sender_mac 4 arp_bad_sender_ip 6\n"
            "r0 vrid 6 inet6: state backup mac 00:00:5e:00:02:06 persist off owner 4242\n"
            "    address 2001:db8::100\n"
            "    announce-count 3 announce-interval 1000ms refresh off\n"
            "    arp_replies 0 na_sent 0 announces 0 rx_vmac 0 rx_drops 0 tx_drops 0 releases 0\n"
            "    invalid: ns_bad_source 7 ns_bad_option 8 ns_dad_bad_dest 9 ns_dad_sllao 10\n");
  EXPECT_EQ(system_.listGatewayCalls, (std::vector<std::optional<uint32_t>>{std::nullopt}));
  EXPECT_EQ(run({"gateway"}).out, result.out);
}

// The release a daemon armed shows decoded, in both outputs.
TEST_F(GatewayTest, ShowRelease) {
  GatewayInfo gw = masterV4();
  const vrrp::IpAddress source = ip("10.0.0.2");
  gw.release = GatewayRelease{
      .source = source,
      .advert =
          vrrp::encode({.vrid = 5, .interval = vrrp::Centiseconds(100), .addresses = gw.addresses},
                       source, vrrp::multicastGroup(vrrp::Family::kIpv4))};
  system_.gateways = {gw};
  EXPECT_NE(run({"gateway", "show", "r0"})
                .out.find("    release if the owner dies as master: v3 1000ms from 10.0.0.2\n"),
            std::string::npos);
  EXPECT_NE(run({"-j", "gateway", "show", "r0"})
                .out.find(R"("release":{"source":"10.0.0.2","version":3,"interval_ms":1000})"),
            std::string::npos);
  // Checksummed as v2 (keepalived's v3_checksum_as_v2): still decoded.
  gw.release->advert =
      vrrp::encode({.vrid = 5, .interval = vrrp::Centiseconds(100), .addresses = gw.addresses},
                   source, vrrp::multicastGroup(vrrp::Family::kIpv4), false);
  system_.gateways = {gw};
  EXPECT_NE(run({"-j", "gateway", "show", "r0"}).out.find(R"("version":3,"interval_ms":1000})"),
            std::string::npos);
}

TEST_F(GatewayTest, ShowJson) {
  system_.gateways = {masterV4(), backupV6()};
  const CliResult result = run({"-j", "gateway", "show", "r0"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            R"([{"ifname":"r0","ifindex":7,"vrid":5,"family":"inet","mac":"00:00:5e:00:01:05",)"
            R"("state":"master","addresses":["10.0.0.100","10.0.0.101"],"announce_count":3,)"
            R"("announce_interval_ms":1000,"refresh_interval_ms":30000,"persist":true,)"
            R"("owner":0,"release":null,"stats":{"arp_replies":1,)"
            R"("na_sent":0,"announces":3,"rx_vmac":5,"rx_drops":2,"tx_drops":0,)"
            R"("arp_bad_sender_mac":4,"arp_bad_sender_ip":6,"ns_bad_source":0,"ns_bad_option":0,)"
            R"("ns_dad_bad_dest":0,"ns_dad_sllao":0,"releases":0}},)"
            R"({"ifname":"r0","ifindex":7,"vrid":6,"family":"inet6","mac":"00:00:5e:00:02:06",)"
            R"("state":"backup","addresses":["2001:db8::100"],"announce_count":3,)"
            R"("announce_interval_ms":1000,"refresh_interval_ms":0,"persist":false,)"
            R"("owner":4242,"release":null,"stats":{"arp_replies":0,)"
            R"("na_sent":0,"announces":0,"rx_vmac":0,"rx_drops":0,"tx_drops":0,)"
            R"("arp_bad_sender_mac":0,"arp_bad_sender_ip":0,"ns_bad_source":7,"ns_bad_option":8,)"
            R"("ns_dad_bad_dest":9,"ns_dad_sllao":10,"releases":0}}])"
            "\n");
  EXPECT_EQ(system_.listGatewayCalls, (std::vector<std::optional<uint32_t>>{7U}));
}

TEST_F(GatewayTest, ShowEmptyJsonIsAnEmptyArray) {
  const CliResult result = run({"-j", "gateway", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "[]\n");
}

TEST_F(GatewayTest, ShowOneGatewayOrOneVrid) {
  system_.gateways = {masterV4(), backupV6()};
  CliResult result = run({"-j", "gateway", "show", "r0", "vrid", "6", "family", "inet6"});
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.out.find(R"("vrid":6,"family":"inet6")"), std::string::npos);
  EXPECT_EQ(result.out.find(R"("vrid":5)"), std::string::npos);
  EXPECT_TRUE(system_.listGatewayCalls.empty()) << "a GW_GET doit, not a dump";

  result = run({"gateway", "show", "r0", "vrid", "5"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out.rfind("r0 vrid 5 inet:", 0), 0U);
  EXPECT_EQ(result.out.find("vrid 6"), std::string::npos);

  result = run({"gateway", "show", "r0", "vrid", "5", "family", "inet6"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            "redundctl: gateway show r0 vrid 5 inet6: No gateway with this VRID and family on "
            "this device (No such file or directory)\n");

  result = run({"gateway", "show", "r0", "vrid", "9"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: gateway show r0: no gateway with vrid 9\n");
}

TEST_F(GatewayTest, RoundTripThroughTheFake) {
  ASSERT_EQ(
      run({"gateway", "add", "r0", "vrid", "5", "address", "10.0.0.100", "state", "master"}).status,
      0);
  ASSERT_EQ(
      run({"gateway", "set", "r0", "vrid", "5", "state", "active", "announce-count", "1"}).status,
      0);
  ASSERT_EQ(run({"gateway", "set", "r0", "vrid", "5", "refresh", "5000"}).status, 0);
  const CliResult result = run({"gateway", "show", "r0"});
  EXPECT_EQ(result.out,
            "r0 vrid 5 inet: state active mac 00:00:5e:00:01:05 persist on owner none\n"
            "    address 10.0.0.100\n"
            "    announce-count 1 announce-interval 1000ms refresh 5000ms\n"
            "    arp_replies 0 na_sent 0 announces 0 rx_vmac 0 rx_drops 0 tx_drops 0 releases 0\n"
            "    invalid: arp_bad_sender_mac 0 arp_bad_sender_ip 0\n");
}

// ------------------------------------------------------- show (devices)

TEST_F(GatewayTest, DeviceShowMentionsItsGateways) {
  system_.gateways = {masterV4(), backupV6()};
  CliResult result = run({"show", "r0"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            "r0: mode active-backup carrier up ports 2 active eth1\n"
            "    eth1: carrier up active link_failures 0\n"
            "    eth2: carrier up backup link_failures 0\n"
            "    gateway vrid 5 inet: state master address 10.0.0.100 10.0.0.101\n"
            "    gateway vrid 6 inet6: state backup address 2001:db8::100\n");
  system_.gateways = {backupV6()};
  result = run({"-j", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.out.find(R"("ports":[{"ifname":"eth1",)"), std::string::npos);
  EXPECT_NE(result.out.find(R"(}],"gateways":[{"vrid":6,"family":"inet6",)"
                            R"("mac":"00:00:5e:00:02:06","state":"backup",)"
                            R"("addresses":["2001:db8::100"],)"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(system_.listGatewayCalls, (std::vector<std::optional<uint32_t>>{7U, std::nullopt}));
}

TEST_F(GatewayTest, DeviceShowWithoutGatewaysHasNoGatewaysKey) {
  const CliResult result = run({"-j", "show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out.find("gateways"), std::string::npos);
}

TEST_F(GatewayTest, DeviceShowOfAModuleWithoutGateways) {
  system_.listGatewaysError = KernelError(EOPNOTSUPP, "");
  CliResult result = run({"show"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out.find("gateway"), std::string::npos);
  system_.listGatewaysError = KernelError(EPERM, "");
  result = run({"show", "r0"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: show r0: Operation not permitted\n");
}

// ----------------------------------------------------------------- monitor

// 2024-05-01T12:00:01.123Z
const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1714564801)) +
                   std::chrono::milliseconds(123);

Event gwEvent(EventKind kind, GatewayInfo gw, Reason reason = Reason::kUnspec) {
  return {.kind = kind,
          .ifindex = 7,
          .ifname = "r0",
          .reason = reason,
          .gateway = std::move(gw),
          .time = kWhen};
}

class GatewayMonitorTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    system_.eventBatches = {{
        gwEvent(EventKind::kGwNew, masterV4()),
        gwEvent(EventKind::kGwChange, backupV6(), Reason::kOwnerGone),
        gwEvent(EventKind::kGwDel, GatewayInfo{.ifindex = 7,
                                               .ifname = "r0",
                                               .key = kV4,
                                               .mac = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x05}}),
    }};
  }
};

TEST_F(GatewayMonitorTest, Text) {
  const CliResult result = run({"monitor"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            "[12:00:01.123] r0: gateway vrid 5 inet added: state master mac 00:00:5e:00:01:05 "
            "address 10.0.0.100 10.0.0.101 persist on owner none\n"
            "[12:00:01.123] r0: gateway vrid 6 inet6 changed (owner_gone): state backup mac "
            "00:00:5e:00:02:06 address 2001:db8::100 persist off owner 4242\n"
            "[12:00:01.123] r0: gateway vrid 5 inet removed: mac 00:00:5e:00:01:05\n");
}

TEST_F(GatewayMonitorTest, Json) {
  const CliResult result = run({"monitor", "-j"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out,
            R"({"event":"gw_new","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7,)"
            R"("gateway":{"vrid":5,"family":"inet","mac":"00:00:5e:00:01:05","state":"master",)"
            R"("addresses":["10.0.0.100","10.0.0.101"],"announce_count":3,)"
            R"("announce_interval_ms":1000,"refresh_interval_ms":30000,"persist":true,)"
            R"("owner":0,"release":null,"stats":{"arp_replies":1,)"
            R"("na_sent":0,"announces":3,"rx_vmac":5,"rx_drops":2,"tx_drops":0,)"
            R"("arp_bad_sender_mac":4,"arp_bad_sender_ip":6,"ns_bad_source":0,"ns_bad_option":0,)"
            R"("ns_dad_bad_dest":0,"ns_dad_sllao":0,"releases":0}}})"
            "\n"
            R"({"event":"gw_change","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0",)"
            R"("ifindex":7,"gateway":{"vrid":6,"family":"inet6","mac":"00:00:5e:00:02:06",)"
            R"("state":"backup","addresses":["2001:db8::100"],"announce_count":3,)"
            R"("announce_interval_ms":1000,"refresh_interval_ms":0,"persist":false,)"
            R"("owner":4242,"release":null,"stats":{"arp_replies":0,)"
            R"("na_sent":0,"announces":0,"rx_vmac":0,"rx_drops":0,"tx_drops":0,)"
            R"("arp_bad_sender_mac":0,"arp_bad_sender_ip":0,"ns_bad_source":7,"ns_bad_option":8,)"
            R"("ns_dad_bad_dest":9,"ns_dad_sllao":10,"releases":0}},)"
            R"("reason":"owner_gone"})"
            "\n"
            R"({"event":"gw_del","time":"2024-05-01T12:00:01.123+00:00","ifname":"r0","ifindex":7,)"
            R"("gateway":{"vrid":5,"family":"inet","mac":"00:00:5e:00:01:05"}})"
            "\n");
}

TEST_F(GatewayTest, HelpListsTheGatewayCommands) {
  const CliResult result = run({"help"});
  EXPECT_NE(result.out.find("gateway add DEV vrid VRID"), std::string::npos);
  EXPECT_NE(result.out.find("persist { on | off }"), std::string::npos);
}

}  // namespace
}  // namespace redund::test
