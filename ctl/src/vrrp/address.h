// An IPv4 or IPv6 address as the VRRP core sees it: a family and the bytes
// in network order. Ordering compares the bytes as one unsigned number, the
// comparison RFC 5798 6.4.3 uses to break a priority tie (higher wins).
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vrrp/types.h"

namespace redund::vrrp {

class IpAddress {
 public:
  static constexpr std::size_t kIpv4Len = 4;
  static constexpr std::size_t kIpv6Len = 16;

  IpAddress() = default;
  static IpAddress ipv4(const std::array<uint8_t, kIpv4Len>& bytes);
  static IpAddress ipv6(const std::array<uint8_t, kIpv6Len>& bytes);
  // Reads lengthOf(family) bytes; the caller checked the span is long enough.
  static IpAddress fromBytes(Family family, std::span<const std::byte> bytes);
  // "192.0.2.1", "fe80::1"; nullopt when it is neither.
  static std::optional<IpAddress> parse(std::string_view text);

  static std::size_t lengthOf(Family family) {
    return family == Family::kIpv4 ? kIpv4Len : kIpv6Len;
  }

  Family family() const { return family_; }
  std::size_t length() const { return lengthOf(family_); }
  // The address bytes, length() of them.
  std::span<const uint8_t> bytes() const { return {bytes_.data(), length()}; }
  std::string toString() const;

  // Addresses of different families never tie: IPv4 sorts first.
  auto operator<=>(const IpAddress&) const = default;

 private:
  Family family_ = Family::kIpv4;
  std::array<uint8_t, kIpv6Len> bytes_{};  // IPv4 uses the first four
};

// The VRRP multicast groups: 224.0.0.18 and ff02::12 (RFC 5798 5.1.1.2,
// 5.1.2.2).
IpAddress multicastGroup(Family family);

// The virtual router MAC: 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID
// for IPv6 (RFC 5798 7.3).
Mac virtualMac(Family family, uint8_t vrid);

}  // namespace redund::vrrp
