// CachingHost: each question reaches the host once until invalidate(), and
// its own address changes are never answered from before them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "vrrp_fixture.h"
#include "vrrpd/caching_host.h"

namespace redund::vrrpd {
namespace {

using vrrp::test::ip;

// Counts the questions; the answers follow its fields.
class CountingHost final : public Host {
 public:
  std::optional<uint32_t> ifindexOf(const std::string& ifname) override {
    ++asked["ifindexOf"];
    return ifname == "r0" ? std::optional<uint32_t>(7) : std::nullopt;
  }
  std::optional<std::string> ifnameOf(uint32_t ifindex) override {
    ++asked["ifnameOf"];
    return ifindex == 7 ? std::optional<std::string>(name) : std::nullopt;
  }
  bool linkUp(const std::string& /*ifname*/) override {
    ++asked["linkUp"];
    return up;
  }
  std::vector<vrrp::IpAddress> addressesOf(uint32_t /*ifindex*/, vrrp::Family family) override {
    ++asked["addressesOf"];
    std::vector<vrrp::IpAddress> result;
    for (const vrrp::IpAddress& a : addresses) {
      if (a.family() == family) {
        result.push_back(a);
      }
    }
    return result;
  }
  void addAddress(uint32_t /*ifindex*/, const vrrp::IpAddress& address) override {
    addresses.push_back(address);
  }
  void removeAddress(uint32_t /*ifindex*/, const vrrp::IpAddress& address) override {
    std::erase(addresses, address);
  }

  std::map<std::string, int> asked;
  std::string name = "r0";
  bool up = true;
  std::vector<vrrp::IpAddress> addresses{ip("192.0.2.2"), ip("fe80::2")};
};

TEST(CachingHost, TwoHundredFiftyRoutersAskTheHostOnce) {
  CountingHost host;
  CachingHost cache(host);
  for (int router = 0; router < 250; ++router) {
    EXPECT_EQ(cache.ifnameOf(7), "r0");
    EXPECT_TRUE(cache.linkUp("r0"));
    EXPECT_EQ(cache.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.2")});
    EXPECT_EQ(cache.ifindexOf("r0"), 7U);
  }
  EXPECT_EQ(host.asked, (std::map<std::string, int>{
                            {"addressesOf", 1}, {"ifindexOf", 1}, {"ifnameOf", 1}, {"linkUp", 1}}));
  // Each family and each interface is its own question.
  EXPECT_EQ(cache.addressesOf(7, vrrp::Family::kIpv6), std::vector{ip("fe80::2")});
  EXPECT_EQ(cache.ifindexOf("eth9"), std::nullopt);
  EXPECT_EQ(cache.ifindexOf("eth9"), std::nullopt);
  EXPECT_EQ(host.asked["addressesOf"], 2);
  EXPECT_EQ(host.asked["ifindexOf"], 2) << "a missing interface is remembered too";
}

TEST(CachingHost, InvalidateMakesItAskAgain) {
  CountingHost host;
  CachingHost cache(host);
  EXPECT_TRUE(cache.linkUp("r0"));
  EXPECT_EQ(cache.ifnameOf(7), "r0");
  host.up = false;
  host.name = "wan0";
  EXPECT_TRUE(cache.linkUp("r0")) << "until told, the last answer stands";
  cache.invalidate();
  EXPECT_FALSE(cache.linkUp("r0"));
  EXPECT_EQ(cache.ifnameOf(7), "wan0");
  EXPECT_EQ(host.asked["linkUp"], 2);
}

TEST(CachingHost, ItsOwnAddressChangesAreSeenAtOnce) {
  CountingHost host;
  CachingHost cache(host);
  ASSERT_EQ(cache.addressesOf(7, vrrp::Family::kIpv4).size(), 1U);
  ASSERT_EQ(cache.addressesOf(7, vrrp::Family::kIpv6).size(), 1U);
  cache.addAddress(7, ip("192.0.2.100"));
  EXPECT_EQ(cache.addressesOf(7, vrrp::Family::kIpv4),
            (std::vector{ip("192.0.2.2"), ip("192.0.2.100")}));
  EXPECT_EQ(host.asked["addressesOf"], 3) << "the other family is still cached";
  cache.removeAddress(7, ip("192.0.2.2"));
  EXPECT_EQ(cache.addressesOf(7, vrrp::Family::kIpv4), std::vector{ip("192.0.2.100")});
  EXPECT_EQ(cache.addressesOf(7, vrrp::Family::kIpv6), std::vector{ip("fe80::2")});
  EXPECT_EQ(host.asked["addressesOf"], 4);
}

}  // namespace
}  // namespace redund::vrrpd
