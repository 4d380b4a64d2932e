#include "vrrp/address.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <string>

namespace redund::vrrp {

IpAddress IpAddress::ipv4(const std::array<uint8_t, kIpv4Len>& bytes) {
  IpAddress address;
  address.family_ = Family::kIpv4;
  std::copy(bytes.begin(), bytes.end(), address.bytes_.begin());
  return address;
}

IpAddress IpAddress::ipv6(const std::array<uint8_t, kIpv6Len>& bytes) {
  IpAddress address;
  address.family_ = Family::kIpv6;
  address.bytes_ = bytes;
  return address;
}

IpAddress IpAddress::fromBytes(Family family, std::span<const std::byte> bytes) {
  IpAddress address;
  address.family_ = family;
  for (std::size_t i = 0; i < lengthOf(family); ++i) {
    address.bytes_[i] = std::to_integer<uint8_t>(bytes[i]);
  }
  return address;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  const std::string str(text);
  IpAddress address;
  if (inet_pton(AF_INET, str.c_str(), address.bytes_.data()) == 1) {
    address.family_ = Family::kIpv4;
    return address;
  }
  if (inet_pton(AF_INET6, str.c_str(), address.bytes_.data()) == 1) {
    address.family_ = Family::kIpv6;
    return address;
  }
  return std::nullopt;
}

std::string IpAddress::toString() const {
  std::array<char, INET6_ADDRSTRLEN> buf{};
  const int af = family_ == Family::kIpv4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes_.data(), buf.data(), buf.size()) == nullptr) {
    return "?";
  }
  return buf.data();
}

IpAddress multicastGroup(Family family) {
  if (family == Family::kIpv4) {
    return IpAddress::ipv4({224, 0, 0, 18});
  }
  return IpAddress::ipv6({0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});
}

Mac virtualMac(Family family, uint8_t vrid) {
  const uint8_t kind = family == Family::kIpv4 ? 0x01 : 0x02;
  return {0x00, 0x00, 0x5e, 0x00, kind, vrid};
}

}  // namespace redund::vrrp
