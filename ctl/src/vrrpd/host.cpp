#include "vrrpd/host.h"

#include <algorithm>

namespace redund::vrrpd {

std::optional<vrrp::IpAddress> choosePrimary(const std::vector<vrrp::IpAddress>& onInterface,
                                             vrrp::Family family,
                                             const std::vector<vrrp::IpAddress>& virtuals) {
  for (const vrrp::IpAddress& address : onInterface) {
    if (address.family() != family ||
        std::find(virtuals.begin(), virtuals.end(), address) != virtuals.end()) {
      continue;
    }
    const auto b = address.bytes();
    const bool linkLocal = family == vrrp::Family::kIpv6 && b[0] == 0xfe && (b[1] & 0xc0U) == 0x80;
    if (family == vrrp::Family::kIpv4 || linkLocal) {
      return address;
    }
  }
  return std::nullopt;
}

}  // namespace redund::vrrpd
