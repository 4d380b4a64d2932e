// The VRRP checksum: the Internet checksum (RFC 1071) over the VRRP
// message, and for VRRPv3 also over the IPv4 or IPv6 pseudo-header
// (RFC 5798 5.2.8).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "vrrp/address.h"
#include "vrrp/types.h"

namespace redund::vrrp {

inline constexpr uint8_t kIpProtoVrrp = 112;

// Which bytes the checksum covers.
enum class ChecksumScope : uint8_t {
  kMessage,                 // the VRRP message only: VRRPv2, or v3 in compatibility mode
  kMessageAndPseudoHeader,  // RFC 5798 5.2.8: the pseudo-header, then the message
};

// The checksum field value for `message`, whose own checksum field (bytes
// 6 and 7) is skipped, so the caller need not clear it. `source` and
// `destination` are the IP header's addresses; only kMessageAndPseudoHeader
// reads them.
uint16_t vrrpChecksum(std::span<const std::byte> message, ChecksumScope scope,
                      const IpAddress& source, const IpAddress& destination);

// The RFC 1071 one's complement sum of `bytes` (an odd last byte is padded
// with zero), folded to 16 bits but not complemented; add sums with
// onesComplementAdd().
uint16_t onesComplementSum(std::span<const std::byte> bytes);
uint16_t onesComplementAdd(uint16_t a, uint16_t b);

}  // namespace redund::vrrp
