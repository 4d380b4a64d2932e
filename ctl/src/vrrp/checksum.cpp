#include "vrrp/checksum.h"

#include <algorithm>
#include <array>

namespace redund::vrrp {
namespace {

constexpr std::size_t kChecksumOffset = 6;

// The pseudo-header the IP layer's upper protocols checksum with: RFC 768
// style for IPv4 (source, destination, zero, protocol, 16-bit length), RFC
// 8200 8.1 for IPv6 (source, destination, 32-bit length, zeros, next
// header).
uint16_t pseudoHeaderSum(const IpAddress& source, const IpAddress& destination,
                         std::size_t length) {
  std::array<std::byte, 2 * IpAddress::kIpv6Len + 8> header{};
  std::size_t at = 0;
  const auto put = [&](uint8_t byte) { header[at++] = std::byte{byte}; };
  for (const uint8_t b : source.bytes()) {
    put(b);
  }
  for (const uint8_t b : destination.bytes()) {
    put(b);
  }
  if (source.family() == Family::kIpv4) {
    put(0);
    put(kIpProtoVrrp);
    put(static_cast<uint8_t>(length >> 8));
    put(static_cast<uint8_t>(length));
  } else {
    put(static_cast<uint8_t>(length >> 24));
    put(static_cast<uint8_t>(length >> 16));
    put(static_cast<uint8_t>(length >> 8));
    put(static_cast<uint8_t>(length));
    put(0);
    put(0);
    put(0);
    put(kIpProtoVrrp);
  }
  return onesComplementSum(std::span(header).first(at));
}

}  // namespace

uint16_t onesComplementAdd(uint16_t a, uint16_t b) {
  uint32_t sum = uint32_t{a} + b;
  sum = (sum & 0xffffU) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

uint16_t onesComplementSum(std::span<const std::byte> bytes) {
  uint32_t sum = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    const auto high = std::to_integer<uint32_t>(bytes[i]);
    const uint32_t low = i + 1 < bytes.size() ? std::to_integer<uint32_t>(bytes[i + 1]) : 0;
    sum += (high << 8) | low;
    sum = (sum & 0xffffU) + (sum >> 16);
  }
  return static_cast<uint16_t>(sum);
}

uint16_t vrrpChecksum(std::span<const std::byte> message, ChecksumScope scope,
                      const IpAddress& source, const IpAddress& destination) {
  // Sum around the checksum field: both halves start at an even offset.
  uint16_t sum = onesComplementSum(message.first(std::min(message.size(), kChecksumOffset)));
  if (message.size() > kChecksumOffset + 2) {
    sum = onesComplementAdd(sum, onesComplementSum(message.subspan(kChecksumOffset + 2)));
  }
  if (scope == ChecksumScope::kMessageAndPseudoHeader) {
    sum = onesComplementAdd(sum, pseudoHeaderSum(source, destination, message.size()));
  }
  return static_cast<uint16_t>(~sum);
}

}  // namespace redund::vrrp
