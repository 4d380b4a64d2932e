// `--check SPEC`: every form and key, and a clear refusal for each bad
// spec, naming the check.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/errors.h"
#include "health/check_spec.h"
#include "usage_cases.h"
#include "vrrp_fixture.h"

namespace redund::health {
namespace {

using std::chrono::milliseconds;
using vrrp::test::ip;

TEST(HealthCheckSpec, IcmpWithDefaults) {
  const CheckConfig c = parseCheckSpec("icmp:192.0.2.1");
  EXPECT_EQ(c.kind, Kind::kIcmp);
  EXPECT_EQ(c.name, "icmp:192.0.2.1");
  EXPECT_EQ(c.address, ip("192.0.2.1"));
  EXPECT_EQ(c.target(), "192.0.2.1");
  EXPECT_EQ(c.timing, Timing{});
  EXPECT_EQ(c.weight, -20);
  EXPECT_FALSE(c.source.has_value());
}

TEST(HealthCheckSpec, TcpIpv4AndIpv6) {
  const CheckConfig v4 = parseCheckSpec("tcp:192.0.2.1:80,name=web,weight=-50");
  EXPECT_EQ(v4.kind, Kind::kTcp);
  EXPECT_EQ(v4.address, ip("192.0.2.1"));
  EXPECT_EQ(v4.port, 80);
  EXPECT_EQ(v4.name, "web");
  EXPECT_EQ(v4.weight, -50);
  EXPECT_EQ(v4.target(), "192.0.2.1:80");
  const CheckConfig v6 = parseCheckSpec("tcp:[2001:db8::1]:443,source=2001:db8::2");
  EXPECT_EQ(v6.address, ip("2001:db8::1"));
  EXPECT_EQ(v6.port, 443);
  EXPECT_EQ(v6.source, ip("2001:db8::2"));
  EXPECT_EQ(v6.target(), "[2001:db8::1]:443");
}

TEST(HealthCheckSpec, HttpWithEveryKey) {
  const CheckConfig c = parseCheckSpec(
      "https://10.0.0.1:8443/health?full=1,name=api,interval=500ms,timeout=200ms,rise=1,"
      "fall=2,weight=fault,status=204,expect=ok,host=api.example,interface=eth0,verify=off");
  EXPECT_EQ(c.kind, Kind::kHttp);
  EXPECT_EQ(c.name, "api");
  EXPECT_EQ(c.target(), "https://10.0.0.1:8443/health?full=1");
  EXPECT_EQ(c.http, (HttpExpectations{.url = "https://10.0.0.1:8443/health?full=1",
                                      .expectedStatus = 204,
                                      .bodyContains = "ok",
                                      .host = "api.example",
                                      .verifyTls = false}));
  EXPECT_EQ(
      c.timing,
      (Timing{.interval = milliseconds(500), .timeout = milliseconds(200), .rise = 1, .fall = 2}));
  EXPECT_EQ(c.weight, 0);
  EXPECT_EQ(c.interface, "eth0");
  EXPECT_EQ(parseCheckSpec("http://10.0.0.1/,source=10.0.0.2").source, ip("10.0.0.2"));
  EXPECT_EQ(parseCheckSpec("http://web/").http.expectedStatus, 200);
  EXPECT_TRUE(parseCheckSpec("https://web/").http.verifyTls);
}

TEST(HealthCheckSpec, IcmpThroughAPort) {
  const CheckConfig c = parseCheckSpec("icmp:192.0.2.1,via=eth1,interval=200ms");
  EXPECT_EQ(c.via, "eth1");
  EXPECT_EQ(c.name, "icmp:192.0.2.1@eth1") << "one target through several ports";
  EXPECT_EQ(parseCheckSpec("icmp:192.0.2.1,via=eth1,name=up").name, "up");
  EXPECT_EQ(c.timing.timeout, milliseconds(200)) << "the default timeout follows a short interval";
  EXPECT_EQ(c.target(), "192.0.2.1");
  EXPECT_FALSE(parseCheckSpec("icmp:192.0.2.1").via.has_value());
}

TEST(HealthCheckSpec, PositiveWeights) {
  EXPECT_EQ(parseCheckSpec("icmp:192.0.2.1,weight=30").weight, 30);
  EXPECT_EQ(parseCheckSpec("icmp:192.0.2.1,weight=+30").weight, 30);
  EXPECT_EQ(parseCheckSpec("icmp:192.0.2.1,weight=0").weight, 0);
}

TEST(HealthCheckSpec, BadSpecsAreUsageErrorsNamingTheCheck) {
  using test::BadCase;
  const std::vector<BadCase> cases = {
      {{"ping:192.0.2.1"}, "--check ping:192.0.2.1: expected icmp:ADDR, tcp:ADDR:PORT"},
      {{"icmp:host"}, "the address \"host\" is not an IPv4 or IPv6 address"},
      {{"tcp:192.0.2.1"}, "expected tcp:IPV4:PORT or tcp:[IPV6]:PORT"},
      {{"tcp:2001:db8::1:80"}, "expected tcp:IPV4:PORT or tcp:[IPV6]:PORT"},
      {{"tcp:[2001:db8::1]80"}, "expected tcp:[IPV6]:PORT"},
      {{"tcp:192.0.2.1:0"}, "invalid check port \"0\" (expected 1 to 65535)"},
      {{"tcp:192.0.2.1:http"}, "invalid check port \"http\""},
      {{"http:///health"}, "the URL has no host"},
      {{"icmp:192.0.2.1,rise"}, "expected KEY=VALUE, got \"rise\""},
      {{"icmp:192.0.2.1,rise=0"}, "invalid check rise \"0\" (expected 1 to 100)"},
      {{"icmp:192.0.2.1,fall=x"}, "invalid check fall \"x\""},
      {{"icmp:192.0.2.1,interval=5ms"}, "invalid check interval \"5ms\""},
      {{"icmp:192.0.2.1,interval=1s,timeout=2s"}, "the timeout must be positive and at most"},
      {{"icmp:192.0.2.1,weight=300"}, "invalid check weight \"300\""},
      {{"icmp:192.0.2.1,weight=down"}, "invalid check weight \"down\""},
      {{"icmp:192.0.2.1,source=2001:db8::1"}, "source 2001:db8::1 is not of the target's family"},
      {{"icmp:192.0.2.1,name="}, "empty name"},
      {{"icmp:192.0.2.1,status=200"},
       "unknown key \"status\" (status, expect, host, interface and verify are HTTP keys)"},
      {{"http://web/,status=99"}, "invalid check status \"99\" (expected 100 to 599)"},
      {{"http://web/,verify=no"}, "invalid check verify \"no\" (expected on or off)"},
      {{"http://web/,expect="}, "empty expect"},
      {{"http://web/,interface=averyveryverylongname"}, "is not an interface name"},
      {{"http://web/,source=192.0.2.1,interface=eth0"}, "source and interface exclude each other"},
      {{"http://web/,frob=1"}, "--check http://web/,frob=1: unknown key \"frob\""},
      {{"icmp:2001:db8::1,via=eth0"}, "via works with icmp checks of an IPv4 address only"},
      {{"tcp:192.0.2.1:80,via=eth0"}, "via works with icmp checks of an IPv4 address only"},
      {{"icmp:192.0.2.1,via="}, "via \"\" is not an interface name"},
      {{"icmp:192.0.2.1,via=averyveryverylongname"}, "is not an interface name"},
      {{"icmp:192.0.2.1,via=../eth0"}, "via \"../eth0\" is not an interface name"},
      {{"icmp:192.0.2.1,via=.."}, "is not an interface name"},
  };
  test::expectUsageErrors([](const auto& args) { parseCheckSpec(args.at(0)); }, cases);
}

TEST(HealthCheckSpec, HelpNamesEveryKey) {
  const std::string help(checkSpecHelp());
  for (const char* key : {"name=", "interval=", "timeout=", "rise=", "fall=", "weight=", "source=",
                          "status=", "expect=", "host=", "interface=", "verify=", "via="}) {
    EXPECT_NE(help.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace redund::health
