#include "vrrp/advert.h"

#include <algorithm>

namespace redund::vrrp {
namespace {

constexpr std::size_t kChecksumOffset = 6;
constexpr uint16_t kV3IntervalMask = 0x0fff;
constexpr int64_t kCentisecondsPerSecond = 100;

uint8_t byteAt(std::span<const std::byte> bytes, std::size_t at) {
  return std::to_integer<uint8_t>(bytes[at]);
}

}  // namespace

ChecksumScope checksumScope(Version version, Family family, bool ipv4PseudoHeader) {
  if (version == Version::kV2 || (family == Family::kIpv4 && !ipv4PseudoHeader)) {
    return ChecksumScope::kMessage;
  }
  return ChecksumScope::kMessageAndPseudoHeader;
}

Bytes encode(const Advert& advert, const IpAddress& source, const IpAddress& destination,
             bool ipv4PseudoHeader) {
  const bool v2 = advert.version == Version::kV2;
  const std::size_t addressLen = source.length();
  Bytes message(kHeaderLen + advert.addresses.size() * addressLen + (v2 ? kV2AuthDataLen : 0));
  const auto put = [&](std::size_t at, uint8_t value) { message[at] = std::byte{value}; };
  put(0, static_cast<uint8_t>((static_cast<uint8_t>(advert.version) << 4) | kTypeAdvertisement));
  put(1, advert.vrid);
  put(2, advert.priority);
  put(3, static_cast<uint8_t>(advert.addresses.size()));
  if (v2) {
    const auto seconds = std::clamp<int64_t>(advert.interval.count() / kCentisecondsPerSecond, 0,
                                             kMaxV2Interval.count() / kCentisecondsPerSecond);
    put(4, 0);  // Auth Type 0: RFC 3768 removed authentication
    put(5, static_cast<uint8_t>(seconds));
  } else {
    const auto centiseconds =
        static_cast<uint16_t>(std::clamp<int64_t>(advert.interval.count(), 0, kV3IntervalMask));
    put(4, static_cast<uint8_t>(centiseconds >> 8));
    put(5, static_cast<uint8_t>(centiseconds));
  }
  std::size_t at = kHeaderLen;
  for (const IpAddress& address : advert.addresses) {
    for (const uint8_t b : address.bytes()) {
      put(at++, b);
    }
  }
  const uint16_t checksum =
      vrrpChecksum(message, checksumScope(advert.version, source.family(), ipv4PseudoHeader),
                   source, destination);
  put(kChecksumOffset, static_cast<uint8_t>(checksum >> 8));
  put(kChecksumOffset + 1, static_cast<uint8_t>(checksum));
  return message;
}

std::optional<uint8_t> peekVrid(std::span<const std::byte> message) {
  if (message.size() < kHeaderLen) {
    return std::nullopt;
  }
  return byteAt(message, 1);
}

std::variant<Advert, DropReason> decode(std::span<const std::byte> message, const IpAddress& source,
                                        const IpAddress& destination, bool ipv4PseudoHeader) {
  if (message.size() < kHeaderLen) {
    return DropReason::kTruncated;
  }
  const uint8_t versionNibble = byteAt(message, 0) >> 4;
  const Family family = source.family();
  if (versionNibble != 3 && (versionNibble != 2 || family != Family::kIpv4)) {
    return DropReason::kBadVersion;
  }
  const auto version = static_cast<Version>(versionNibble);
  if ((byteAt(message, 0) & 0x0fU) != kTypeAdvertisement) {
    return DropReason::kBadType;
  }
  const std::size_t count = byteAt(message, 3);
  const std::size_t addressLen = IpAddress::lengthOf(family);
  if (message.size() < kHeaderLen + count * addressLen) {
    return DropReason::kTruncated;
  }
  const auto received = static_cast<uint16_t>((byteAt(message, kChecksumOffset) << 8) |
                                              byteAt(message, kChecksumOffset + 1));
  if (vrrpChecksum(message, checksumScope(version, family, ipv4PseudoHeader), source,
                   destination) != received) {
    return DropReason::kBadChecksum;
  }
  Advert advert{.version = version, .vrid = byteAt(message, 1), .priority = byteAt(message, 2)};
  if (version == Version::kV2) {
    if (byteAt(message, 4) != 0) {
      return DropReason::kAuthMismatch;
    }
    advert.interval = Centiseconds(byteAt(message, 5) * kCentisecondsPerSecond);
  } else {
    const auto field = static_cast<uint16_t>((byteAt(message, 4) << 8) | byteAt(message, 5));
    advert.interval = Centiseconds(field & kV3IntervalMask);
  }
  advert.addresses.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    advert.addresses.push_back(
        IpAddress::fromBytes(family, message.subspan(kHeaderLen + i * addressLen)));
  }
  return advert;
}

}  // namespace redund::vrrp
