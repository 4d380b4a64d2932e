// Interface facts from the running kernel: loopback is always there.
#include <net/if.h>
#include <sys/socket.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "util/interfaces.h"
#include "util/unique_fd.h"

namespace redund::util {
namespace {

TEST(UtilInterfaces, LoopbackAddresses) {
  const uint32_t lo = if_nametoindex("lo");
  ASSERT_NE(lo, 0U);
  const auto v4 = interfaceAddresses(lo, vrrp::Family::kIpv4);
  EXPECT_TRUE(std::any_of(v4.begin(), v4.end(), [](const vrrp::IpAddress& a) {
    return a.toString() == "127.0.0.1";
  })) << "lo has 127.0.0.1";
  for (const vrrp::IpAddress& a : interfaceAddresses(lo, vrrp::Family::kIpv6)) {
    EXPECT_EQ(a.family(), vrrp::Family::kIpv6);
  }
  EXPECT_TRUE(interfaceAddresses(0, vrrp::Family::kIpv4).empty()) << "no interface 0";
}

TEST(UtilInterfaces, HardwareAddress) {
  const UniqueFd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ASSERT_TRUE(fd);
  EXPECT_EQ(hardwareAddress(fd.get(), "lo"), (std::array<uint8_t, 6>{}));
  EXPECT_FALSE(hardwareAddress(fd.get(), "no-such-if0"));
  EXPECT_FALSE(hardwareAddress(fd.get(), ""));
  EXPECT_FALSE(hardwareAddress(fd.get(), "averyveryverylongname"));
}

}  // namespace
}  // namespace redund::util
