// Every reason a virtual router drops a received packet, counted by
// reason, with nothing else changed (RFC 5798 7.1, RFC 3768 7.1).
#include <chrono>

#include <gtest/gtest.h>

#include "vrrp/router.h"
#include "vrrp_fixture.h"

namespace redund::vrrp::test {
namespace {

using std::chrono::seconds;

// A started backup for `config`; expects `packet` to be dropped for
// `reason` and to leave its timer alone.
void expectDrop(const RouterConfig& config, const Packet& packet, DropReason reason) {
  Router router(config);
  router.startup(kStart);
  const auto deadline = router.nextDeadline();
  EXPECT_TRUE(router.receive(kStart + seconds(1), packet.received()).empty())
      << dropReasonName(reason);
  const Status status = router.status(kStart + seconds(1));
  EXPECT_EQ(status.counters.drops[reason], 1U) << dropReasonName(reason);
  EXPECT_EQ(status.counters.drops.total(), 1U) << dropReasonName(reason);
  EXPECT_EQ(status.counters.advertsIn, 0U);
  EXPECT_EQ(status.masterAddress, std::nullopt);
  EXPECT_EQ(router.nextDeadline(), deadline);
}

// Recomputes the checksum after a test changed the message.
Packet resealed(Packet packet, ChecksumScope scope) {
  const uint16_t checksum = vrrpChecksum(packet.bytes, scope, packet.source, packet.destination);
  packet.bytes[6] = std::byte{static_cast<uint8_t>(checksum >> 8)};
  packet.bytes[7] = std::byte{static_cast<uint8_t>(checksum)};
  return packet;
}

TEST(VrrpDrop, Truncated) {
  Packet packet = advertFrom(ipv4Config(), "192.0.2.1", 150);
  packet.bytes.resize(12);
  expectDrop(ipv4Config(), packet, DropReason::kTruncated);
  packet.bytes.resize(3);
  expectDrop(ipv4Config(), packet, DropReason::kTruncated);
}

TEST(VrrpDrop, BadVersion) {
  const RouterConfig v2 = ipv4Config(100, Version::kV2);
  expectDrop(v2, advertFrom(ipv4Config(), "192.0.2.1", 150), DropReason::kBadVersion);
  expectDrop(ipv4Config(), advertFrom(v2, "192.0.2.1", 150), DropReason::kBadVersion);
  Packet v4 = advertFrom(ipv4Config(), "192.0.2.1", 150);
  v4.bytes[0] = std::byte{0x41};
  expectDrop(ipv4Config(), v4, DropReason::kBadVersion);
}

TEST(VrrpDrop, BadType) {
  Packet packet = advertFrom(ipv4Config(), "192.0.2.1", 150);
  packet.bytes[0] = std::byte{0x32};
  expectDrop(ipv4Config(), packet, DropReason::kBadType);
}

TEST(VrrpDrop, BadTtlOrHopLimit) {
  Packet packet = advertFrom(ipv4Config(), "192.0.2.1", 150);
  packet.ttl = 254;
  expectDrop(ipv4Config(), packet, DropReason::kBadTtl);
  Packet packet6 = advertFrom(ipv6Config(), "fe80::1", 150);
  packet6.ttl = 1;
  expectDrop(ipv6Config(), packet6, DropReason::kBadTtl);
}

TEST(VrrpDrop, BadChecksum) {
  Packet packet = advertFrom(ipv4Config(), "192.0.2.1", 150);
  packet.bytes[7] ^= std::byte{0xff};
  expectDrop(ipv4Config(), packet, DropReason::kBadChecksum);
  Packet packet6 = advertFrom(ipv6Config(), "fe80::1", 150);
  packet6.bytes[9] ^= std::byte{0x01};
  expectDrop(ipv6Config(), packet6, DropReason::kBadChecksum);
  Packet v2 = advertFrom(ipv4Config(100, Version::kV2), "192.0.2.1", 150);
  v2.bytes[2] = std::byte{151};
  expectDrop(ipv4Config(100, Version::kV2), v2, DropReason::kBadChecksum);
}

TEST(VrrpDrop, ChecksumModeMismatch) {
  RouterConfig legacy = ipv4Config();
  legacy.ipv4PseudoHeader = false;
  expectDrop(legacy, advertFrom(ipv4Config(), "192.0.2.1", 150), DropReason::kBadChecksum);
  expectDrop(ipv4Config(), advertFrom(legacy, "192.0.2.1", 150), DropReason::kBadChecksum);

  Router router(legacy);
  router.startup(kStart);
  router.receive(kStart, advertFrom(legacy, "192.0.2.1", 150).received());
  EXPECT_EQ(router.status(kStart).counters.advertsIn, 1U) << "same mode: accepted";
}

TEST(VrrpDrop, WrongVrid) {
  RouterConfig other = ipv4Config();
  other.vrid = 8;
  expectDrop(ipv4Config(), advertFrom(other, "192.0.2.1", 150), DropReason::kWrongVrid);
}

TEST(VrrpDrop, WrongFamily) {
  expectDrop(ipv4Config(), advertFrom(ipv6Config(), "fe80::1", 150), DropReason::kWrongFamily);
  expectDrop(ipv6Config(), advertFrom(ipv4Config(), "192.0.2.1", 150), DropReason::kWrongFamily);
}

TEST(VrrpDrop, V2AuthMismatch) {
  const RouterConfig v2 = ipv4Config(100, Version::kV2);
  Packet packet = advertFrom(v2, "192.0.2.1", 150);
  packet.bytes[4] = std::byte{2};  // IP Authentication Header, RFC 2338
  expectDrop(v2, resealed(packet, ChecksumScope::kMessage), DropReason::kAuthMismatch);
}

TEST(VrrpDrop, V2IntervalMismatch) {
  const RouterConfig v2 = ipv4Config(100, Version::kV2);
  expectDrop(v2, advertFrom(v2, "192.0.2.1", 150, Centiseconds(300)),
             DropReason::kIntervalMismatch);
}

TEST(VrrpDrop, V2AddressMismatchUnlessFromTheOwner) {
  const RouterConfig v2 = ipv4Config(100, Version::kV2);
  RouterConfig other = v2;
  other.virtualAddresses = {ip("192.0.2.100")};
  expectDrop(v2, advertFrom(other, "192.0.2.1", 150), DropReason::kAddressMismatch);

  Router router(v2);
  router.startup(kStart);
  router.receive(kStart, advertFrom(other, "192.0.2.1", kOwnerPriority).received());
  const Status status = router.status(kStart);
  EXPECT_EQ(status.counters.advertsIn, 1U) << "the owner's word stands";
  EXPECT_EQ(status.counters.addressMismatch, 1U);
  EXPECT_EQ(status.counters.drops.total(), 0U);
}

TEST(VrrpDrop, V3AddressMismatchIsCountedNotDropped) {
  RouterConfig other = ipv4Config();
  other.virtualAddresses = {ip("192.0.2.101"), ip("192.0.2.100"), ip("192.0.2.102")};
  Router router(ipv4Config());
  router.startup(kStart);
  router.receive(kStart, advertFrom(other, "192.0.2.1", 150).received());
  Status status = router.status(kStart);
  EXPECT_EQ(status.counters.advertsIn, 1U);
  EXPECT_EQ(status.counters.addressMismatch, 1U);
  EXPECT_EQ(status.masterAddress, ip("192.0.2.1"));

  other.virtualAddresses = {ip("192.0.2.101"), ip("192.0.2.100")};
  router.receive(kStart, advertFrom(other, "192.0.2.1", 150).received());
  status = router.status(kStart);
  EXPECT_EQ(status.counters.addressMismatch, 1U) << "order does not matter";
}

TEST(VrrpDrop, UnknownUnicastPeer) {
  RouterConfig config = ipv4Config();
  config.unicastPeers = {ip("198.51.100.1")};
  expectDrop(config, advertFrom(config, "192.0.2.1", 150), DropReason::kUnknownPeer);
}

TEST(VrrpDrop, InactiveBeforeStartup) {
  Router router(ipv4Config());
  EXPECT_TRUE(
      router.receive(kStart, advertFrom(ipv4Config(), "192.0.2.1", 150).received()).empty());
  EXPECT_EQ(router.status(kStart).counters.drops[DropReason::kInactive], 1U);
  EXPECT_EQ(router.state(), State::kInitialize);
}

TEST(VrrpDrop, Ipv6AdvertAccepted) {
  Router router(ipv6Config());
  router.startup(kStart);
  const Actions out =
      router.receive(kStart + seconds(1), advertFrom(ipv6Config(), "fe80::1", 150).received());
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(std::get<ArmTimer>(out[0]).deadline,
            kStart + seconds(1) + std::chrono::milliseconds(3600));
  EXPECT_EQ(router.status(kStart).counters.drops.total(), 0U);
}

}  // namespace
}  // namespace redund::vrrp::test
