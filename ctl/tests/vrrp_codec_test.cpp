// The VRRP packet codec and checksums, against packets written out by hand
// from the RFC layouts (RFC 5798 5.1, RFC 3768 5.1), not from the encoder.
#include <cstdint>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "vrrp/advert.h"
#include "vrrp/checksum.h"
#include "vrrp_fixture.h"

namespace redund::vrrp::test {
namespace {

const IpAddress kSource = ip("192.168.1.1");
const IpAddress kGroup4 = ip("224.0.0.18");

Advert sample(Version version) {
  return {.version = version,
          .vrid = 1,
          .priority = 100,
          .interval = Centiseconds(100),
          .addresses = {ip("192.168.1.254")}};
}

// VRRPv3 from 192.168.1.1 to 224.0.0.18: VRID 1, priority 100, one address
// 192.168.1.254, Max Adver Int 100 cs. The checksum, by hand: message words
// 3101 + 6401 + 0064 + c0a8 + 01fe = 580d; pseudo-header words c0a8 + 0101
// + e000 + 0012 + 0070 (protocol 112) + 000c (length 12) = a238; 580d +
// a238 = fa45, complemented 05ba.
const std::vector<uint8_t> kV3Ipv4 = {
    0x31, 0x01, 0x64, 0x01,  // v3 advertisement, VRID 1, priority 100, 1 address
    0x00, 0x64, 0x05, 0xba,  // Max Adver Int 100, checksum
    0xc0, 0xa8, 0x01, 0xfe,  // 192.168.1.254
};

// The same without the pseudo-header (FRR `no checksum-with-ipv4-
// pseudoheader`, keepalived `v3_checksum_as_v2`): ~580d = a7f2.
const std::vector<uint8_t> kV3Ipv4MessageOnly = {
    0x31, 0x01, 0x64, 0x01, 0x00, 0x64, 0xa7, 0xf2, 0xc0, 0xa8, 0x01, 0xfe,
};

// VRRPv2, the same router, Adver Int 1 s, and 8 zero bytes of
// authentication data: 2101 + 6401 + 0001 + c0a8 + 01fe = 47aa, so b855.
const std::vector<uint8_t> kV2 = {
    0x21, 0x01, 0x64, 0x01,  // v2 advertisement, VRID 1, priority 100, 1 address
    0x00, 0x01, 0xb8, 0x55,  // Auth Type 0, Adver Int 1, checksum
    0xc0, 0xa8, 0x01, 0xfe,  // 192.168.1.254
    0x00, 0x00, 0x00, 0x00,  // Authentication Data (1)
    0x00, 0x00, 0x00, 0x00,  // Authentication Data (2)
};

// VRRPv3 over IPv6 from fe80::1 to ff02::12: VRID 2, priority 200, Max
// Adver Int 50 cs, addresses fe80::2 and 2001:db8::2. Checksum: message
// 3102 + c802 + 0032 + fe80 + 0002 + 2001 + 0db8 + 0002 = 2575 (carries
// folded); pseudo-header fe80 + 0001 + ff02 + 0012 + 0028 (length 40) +
// 0070 (next header 112) = fe2e; 2575 + fe2e = 23a4, complemented dc5b.
const std::vector<uint8_t> kV3Ipv6 = {
    0x31, 0x02, 0xc8, 0x02, 0x00, 0x32, 0xdc, 0x5b,  // header
    0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // fe80::2
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,  //
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,  // 2001:db8::2
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,  //
};

Advert sample6() {
  return {.version = Version::kV3,
          .vrid = 2,
          .priority = 200,
          .interval = Centiseconds(50),
          .addresses = {ip("fe80::2"), ip("2001:db8::2")}};
}

DropReason dropOf(const std::variant<Advert, DropReason>& decoded) {
  EXPECT_TRUE(std::holds_alternative<DropReason>(decoded));
  return std::holds_alternative<DropReason>(decoded) ? std::get<DropReason>(decoded)
                                                     : DropReason::kInactive;
}

TEST(VrrpChecksum, Rfc1071Example) {
  // RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to ddf2.
  EXPECT_EQ(onesComplementSum(bytesOf({0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7})), 0xddf2);
  EXPECT_EQ(onesComplementSum(bytesOf({0xab})), 0xab00) << "an odd byte is padded on the right";
  EXPECT_EQ(onesComplementAdd(0xffff, 0x0001), 0x0001);
}

TEST(VrrpChecksum, SkipsItsOwnField) {
  Bytes message = bytesOf(kV3Ipv4);
  const uint16_t expected = 0x05ba;
  EXPECT_EQ(vrrpChecksum(message, ChecksumScope::kMessageAndPseudoHeader, kSource, kGroup4),
            expected);
  message[6] = std::byte{0x12};
  EXPECT_EQ(vrrpChecksum(message, ChecksumScope::kMessageAndPseudoHeader, kSource, kGroup4),
            expected);
}

TEST(VrrpChecksum, ScopeByVersionFamilyAndSwitch) {
  EXPECT_EQ(checksumScope(Version::kV2, Family::kIpv4, true), ChecksumScope::kMessage);
  EXPECT_EQ(checksumScope(Version::kV3, Family::kIpv4, true),
            ChecksumScope::kMessageAndPseudoHeader);
  EXPECT_EQ(checksumScope(Version::kV3, Family::kIpv4, false), ChecksumScope::kMessage);
  EXPECT_EQ(checksumScope(Version::kV3, Family::kIpv6, false),
            ChecksumScope::kMessageAndPseudoHeader)
      << "IPv6 always has the pseudo-header";
}

TEST(VrrpAdvert, EncodesTheGoldenV3Ipv4Advert) {
  EXPECT_EQ(encode(sample(Version::kV3), kSource, kGroup4), bytesOf(kV3Ipv4));
  EXPECT_EQ(encode(sample(Version::kV3), kSource, kGroup4, false), bytesOf(kV3Ipv4MessageOnly));
}

TEST(VrrpAdvert, EncodesTheGoldenV2Advert) {
  EXPECT_EQ(encode(sample(Version::kV2), kSource, kGroup4), bytesOf(kV2));
  EXPECT_EQ(encode(sample(Version::kV2), kSource, kGroup4, false), bytesOf(kV2))
      << "the switch is about v3 only";
}

TEST(VrrpAdvert, EncodesTheGoldenV3Ipv6Advert) {
  EXPECT_EQ(encode(sample6(), ip("fe80::1"), ip("ff02::12")), bytesOf(kV3Ipv6));
}

TEST(VrrpAdvert, DecodesTheGoldenAdverts) {
  EXPECT_EQ(std::get<Advert>(decode(bytesOf(kV3Ipv4), kSource, kGroup4)), sample(Version::kV3));
  EXPECT_EQ(std::get<Advert>(decode(bytesOf(kV3Ipv4MessageOnly), kSource, kGroup4, false)),
            sample(Version::kV3));
  EXPECT_EQ(std::get<Advert>(decode(bytesOf(kV2), kSource, kGroup4)), sample(Version::kV2));
  EXPECT_EQ(std::get<Advert>(decode(bytesOf(kV3Ipv6), ip("fe80::1"), ip("ff02::12"))), sample6());
}

TEST(VrrpAdvert, UnicastDestinationIsInTheV3Checksum) {
  const Bytes toGroup = encode(sample(Version::kV3), kSource, kGroup4);
  const Bytes toPeer = encode(sample(Version::kV3), kSource, ip("192.168.1.2"));
  EXPECT_NE(toGroup, toPeer);
  EXPECT_EQ(dropOf(decode(toPeer, kSource, kGroup4)), DropReason::kBadChecksum);
  EXPECT_TRUE(std::holds_alternative<Advert>(decode(toPeer, kSource, ip("192.168.1.2"))));
}

TEST(VrrpAdvert, ChecksumModesDoNotInteroperate) {
  EXPECT_EQ(dropOf(decode(bytesOf(kV3Ipv4), kSource, kGroup4, false)), DropReason::kBadChecksum);
  EXPECT_EQ(dropOf(decode(bytesOf(kV3Ipv4MessageOnly), kSource, kGroup4, true)),
            DropReason::kBadChecksum);
}

TEST(VrrpAdvert, CapsIntervalsToTheField) {
  Advert v3 = sample(Version::kV3);
  v3.interval = Centiseconds(5000);
  const Bytes message = encode(v3, kSource, kGroup4);
  EXPECT_EQ(std::to_integer<int>(message[4]), 0x0f);
  EXPECT_EQ(std::to_integer<int>(message[5]), 0xff);
  Advert v2 = sample(Version::kV2);
  v2.interval = Centiseconds(350);
  EXPECT_EQ(std::to_integer<int>(encode(v2, kSource, kGroup4)[5]), 3) << "whole seconds";
}

TEST(VrrpAdvert, IgnoresTheV3ReservedBits) {
  Bytes message = bytesOf(kV3Ipv4);
  message[4] = std::byte{0xf0};
  const uint16_t checksum =
      vrrpChecksum(message, ChecksumScope::kMessageAndPseudoHeader, kSource, kGroup4);
  message[6] = std::byte{static_cast<uint8_t>(checksum >> 8)};
  message[7] = std::byte{static_cast<uint8_t>(checksum)};
  EXPECT_EQ(std::get<Advert>(decode(message, kSource, kGroup4)).interval, Centiseconds(100));
}

TEST(VrrpAdvert, DropsTruncated) {
  const Bytes whole = bytesOf(kV3Ipv4);
  EXPECT_EQ(dropOf(decode(std::span(whole).first(7), kSource, kGroup4)), DropReason::kTruncated);
  EXPECT_EQ(dropOf(decode(std::span(whole).first(11), kSource, kGroup4)), DropReason::kTruncated)
      << "the count says one address";
  EXPECT_EQ(dropOf(decode(bytesOf(kV3Ipv4), ip("fe80::1"), ip("ff02::12"))), DropReason::kTruncated)
      << "read as IPv6, one address needs 16 bytes";
}

TEST(VrrpAdvert, DropsBadVersions) {
  for (const uint8_t first : {0x11, 0x41, 0x01, 0xf1}) {
    Bytes message = bytesOf(kV3Ipv4);
    message[0] = std::byte{first};
    EXPECT_EQ(dropOf(decode(message, kSource, kGroup4)), DropReason::kBadVersion) << int{first};
  }
  Bytes v2 = bytesOf(kV2);
  v2.resize(8 + 16);
  EXPECT_EQ(dropOf(decode(v2, ip("fe80::1"), ip("ff02::12"))), DropReason::kBadVersion)
      << "v2 is IPv4 only";
}

TEST(VrrpAdvert, DropsBadTypes) {
  for (const uint8_t first : {0x30, 0x32, 0x3f, 0x22}) {
    Bytes message = bytesOf(kV3Ipv4);
    message[0] = std::byte{first};
    EXPECT_EQ(dropOf(decode(message, kSource, kGroup4)), DropReason::kBadType) << int{first};
  }
}

TEST(VrrpAdvert, DropsBadChecksums) {
  for (const std::size_t at : {1U, 2U, 5U, 7U, 11U}) {
    Bytes message = bytesOf(kV3Ipv4);
    message[at] ^= std::byte{0x01};
    EXPECT_EQ(dropOf(decode(message, kSource, kGroup4)), DropReason::kBadChecksum) << at;
  }
  EXPECT_EQ(dropOf(decode(bytesOf(kV3Ipv4), ip("192.168.1.9"), kGroup4)), DropReason::kBadChecksum)
      << "another source changes the pseudo-header";
  Bytes v2 = bytesOf(kV2);
  v2[19] = std::byte{1};
  EXPECT_EQ(dropOf(decode(v2, kSource, kGroup4)), DropReason::kBadChecksum)
      << "the v2 checksum covers the authentication data";
}

TEST(VrrpAdvert, DropsV2Authentication) {
  Bytes v2 = bytesOf(kV2);
  v2[4] = std::byte{1};  // simple text password, gone since RFC 3768
  const uint16_t checksum = vrrpChecksum(v2, ChecksumScope::kMessage, kSource, kGroup4);
  v2[6] = std::byte{static_cast<uint8_t>(checksum >> 8)};
  v2[7] = std::byte{static_cast<uint8_t>(checksum)};
  EXPECT_EQ(dropOf(decode(v2, kSource, kGroup4)), DropReason::kAuthMismatch);
}

TEST(VrrpAdvert, V2WithoutAuthenticationDataStillDecodes) {
  Bytes v2 = bytesOf(kV2);
  v2.resize(12);
  const uint16_t checksum = vrrpChecksum(v2, ChecksumScope::kMessage, kSource, kGroup4);
  v2[6] = std::byte{static_cast<uint8_t>(checksum >> 8)};
  v2[7] = std::byte{static_cast<uint8_t>(checksum)};
  EXPECT_EQ(std::get<Advert>(decode(v2, kSource, kGroup4)), sample(Version::kV2));
}

TEST(VrrpAdvert, RoundTripsManyAddresses) {
  Advert advert = sample(Version::kV3);
  advert.addresses.clear();
  for (uint8_t i = 1; i <= 20; ++i) {
    advert.addresses.push_back(IpAddress::ipv4({10, 0, 0, i}));
  }
  advert.priority = 255;
  advert.vrid = 255;
  advert.interval = Centiseconds(4095);
  const Bytes message = encode(advert, kSource, kGroup4);
  ASSERT_EQ(message.size(), 8U + 20 * 4);
  EXPECT_EQ(std::get<Advert>(decode(message, kSource, kGroup4)), advert);
}

TEST(VrrpAdvert, PeeksTheVrid) {
  EXPECT_EQ(peekVrid(bytesOf(kV3Ipv6)), 2);
  EXPECT_EQ(peekVrid(bytesOf({0x31, 0x02})), std::nullopt);
}

}  // namespace
}  // namespace redund::vrrp::test
