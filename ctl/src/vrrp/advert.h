// The VRRP ADVERTISEMENT, encoded and decoded as the IP payload (the raw
// socket strips or adds the IP header; the daemon passes the TTL and the
// addresses alongside).
//
// VRRPv3 (RFC 5798 5.1), IPv4 or IPv6; multi-byte fields big-endian:
//    0 version 3 | type 1    1 VRID        2 priority    3 address count
//    4 reserved (4 bits) | Max Adver Int (12 bits, centiseconds)
//    6 checksum              8 addresses, 4 or 16 bytes each
// VRRPv2 (RFC 3768 5.1), IPv4 only:
//    0 version 2 | type 1    1 VRID        2 priority    3 address count
//    4 auth type             5 Adver Int (seconds)       6 checksum
//    8 addresses, 4 bytes each, then 8 bytes of authentication data
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "vrrp/address.h"
#include "vrrp/checksum.h"
#include "vrrp/drop.h"
#include "vrrp/types.h"

namespace redund::vrrp {

inline constexpr std::size_t kHeaderLen = 8;
inline constexpr std::size_t kV2AuthDataLen = 8;
inline constexpr uint8_t kTypeAdvertisement = 1;
// The largest interval each version can carry.
inline constexpr Centiseconds kMaxV3Interval{4095};
inline constexpr Centiseconds kMaxV2Interval{255 * 100};

struct Advert {
  Version version = Version::kV3;
  uint8_t vrid = 0;
  uint8_t priority = 0;
  // v3: Max Adver Int; v2: Adver Int, whole seconds on the wire.
  Centiseconds interval{};
  std::vector<IpAddress> addresses{};  // all of the family the packet came in

  bool operator==(const Advert&) const = default;
};

// The checksum scope `version` uses in `family`: v2 and IPv4 without the
// pseudo-header checksum the message only. `ipv4PseudoHeader` false is the
// compatibility mode that FRR calls `no checksum-with-ipv4-pseudoheader`
// and keepalived `v3_checksum_as_v2`.
ChecksumScope checksumScope(Version version, Family family, bool ipv4PseudoHeader);

// The message `source` sends to `destination` (whose checksum covers them
// for v3). The interval is truncated to whole seconds for v2, and both
// intervals are capped at what the field holds.
Bytes encode(const Advert& advert, const IpAddress& source, const IpAddress& destination,
             bool ipv4PseudoHeader = true);

// The VRID of a message, for a daemon that routes several virtual routers'
// adverts from one socket; nullopt when it is too short to have one.
std::optional<uint8_t> peekVrid(std::span<const std::byte> message);

// Checks what the message alone can tell (length, version, type, v2 auth
// type, checksum) and decodes it. The family of `source` says how long
// the addresses are. Bytes past the addresses (v2 authentication data,
// padding) are covered by the checksum and otherwise ignored.
std::variant<Advert, DropReason> decode(std::span<const std::byte> message, const IpAddress& source,
                                        const IpAddress& destination, bool ipv4PseudoHeader = true);

}  // namespace redund::vrrp
