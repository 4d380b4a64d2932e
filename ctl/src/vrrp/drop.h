// Why a received advertisement was dropped (RFC 5798 7.1, RFC 3768 7.1),
// and a counter per reason.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace redund::vrrp {

enum class DropReason : uint8_t {
  kTruncated,         // shorter than the header and the addresses it counts
  kBadVersion,        // not the configured version (or v2 over IPv6)
  kBadType,           // not an ADVERTISEMENT (type 1)
  kBadTtl,            // IPv4 TTL or IPv6 hop limit not 255: sent from off-link
  kBadChecksum,       // checksum mismatch, in the configured checksum mode
  kWrongVrid,         // another virtual router's advertisement
  kWrongFamily,       // an IPv6 advertisement for an IPv4 router, or the other way
  kAuthMismatch,      // v2 only: Auth Type other than 0 (no authentication)
  kIntervalMismatch,  // v2 only: Adver Int differs from the configured one
  kAddressMismatch,   // v2 only, not from the owner: addresses differ from ours
  kUnknownPeer,       // unicast mode: the source is not a configured peer
  kInactive,          // received in Initialize or Fault: nobody is listening
};

inline constexpr std::size_t kDropReasonCount = 12;

// "truncated", "bad_version", "bad_type", "bad_ttl", "bad_checksum",
// "wrong_vrid", "wrong_family", "auth_mismatch", "interval_mismatch",
// "address_mismatch", "unknown_peer", "inactive".
std::string_view dropReasonName(DropReason reason);

class DropCounters {
 public:
  void count(DropReason reason) { ++counts_.at(static_cast<std::size_t>(reason)); }
  uint64_t operator[](DropReason reason) const {
    return counts_.at(static_cast<std::size_t>(reason));
  }
  uint64_t total() const;

  bool operator==(const DropCounters&) const = default;

 private:
  std::array<uint64_t, kDropReasonCount> counts_{};
};

}  // namespace redund::vrrp
