// The echo messages both ICMP probes send and match: a checksum the peer
// accepts, and replies told apart by identifier, sequence and type.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "health/icmp_echo.h"
#include "vrrp/checksum.h"

namespace redund::health {
namespace {

// What a raw IPv4 socket hands over: a 20 byte header, then `message`.
std::vector<uint8_t> withIpv4Header(const std::vector<uint8_t>& message) {
  std::vector<uint8_t> packet(20 + message.size());
  packet[0] = 0x45;
  std::copy(message.begin(), message.end(), packet.begin() + 20);
  return packet;
}

// The reply a peer makes of `request`: type 0 (ICMPv6 129), the rest kept.
std::vector<uint8_t> replyTo(std::vector<uint8_t> request, bool v4) {
  request[0] = v4 ? 0 : 129;
  return request;
}

TEST(HealthIcmpEcho, Ipv4RequestChecksumsToZero) {
  const std::vector<uint8_t> request = echoRequest(true, 0x1234, 7);
  EXPECT_EQ(request[0], 8);
  EXPECT_EQ(request[4], 0x12);
  EXPECT_EQ(request[5], 0x34);
  EXPECT_EQ(request[7], 7);
  EXPECT_EQ(vrrp::onesComplementSum(std::as_bytes(std::span(request))), 0xffff)
      << "a valid one's complement checksum sums to all ones";
}

TEST(HealthIcmpEcho, Ipv6RequestLeavesTheChecksumToTheKernel) {
  const std::vector<uint8_t> request = echoRequest(false, 1, 2);
  EXPECT_EQ(request[0], 128);
  EXPECT_EQ(request[2], 0);
  EXPECT_EQ(request[3], 0);
}

TEST(HealthIcmpEcho, MatchesOnlyItsOwnReply) {
  const std::vector<uint8_t> reply4 = withIpv4Header(replyTo(echoRequest(true, 9, 3), true));
  EXPECT_TRUE(isEchoReply(reply4, true, 9, 3));
  EXPECT_FALSE(isEchoReply(reply4, true, 10, 3)) << "another probe's identifier";
  EXPECT_FALSE(isEchoReply(reply4, true, 9, 4)) << "an earlier sequence";
  EXPECT_FALSE(isEchoReply(withIpv4Header(echoRequest(true, 9, 3)), true, 9, 3))
      << "a request, not a reply";
  EXPECT_FALSE(isEchoReply(std::span(reply4).first(25), true, 9, 3)) << "truncated";
  EXPECT_FALSE(isEchoReply(std::span(reply4).first(10), true, 9, 3)) << "no whole IP header";

  const std::vector<uint8_t> reply6 = replyTo(echoRequest(false, 9, 3), false);
  EXPECT_TRUE(isEchoReply(reply6, false, 9, 3));
  EXPECT_FALSE(isEchoReply(reply6, true, 9, 3));
}

}  // namespace
}  // namespace redund::health
