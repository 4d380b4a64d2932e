#include "vrrpd/host.h"

#include <algorithm>

namespace redund::vrrpd {

std::optional<vrrp::IpAddress> choosePrimary(const std::vector<vrrp::IpAddress>& onInterface,
                                             vrrp::Family family,
                                             const std::vector<vrrp::IpAddress>& virtuals,
                                             bool owner) {
  for (const vrrp::IpAddress& address : onInterface) {
    const bool isVirtual = std::find(virtuals.begin(), virtuals.end(), address) != virtuals.end();
    if (address.family() != family || (isVirtual && !owner)) {
      continue;
    }
    if (family == vrrp::Family::kIpv4 || isLinkLocal(address)) {
      return address;
    }
  }
  return std::nullopt;
}

bool isLinkLocal(const vrrp::IpAddress& address) {
  const auto b = address.bytes();
  return address.family() == vrrp::Family::kIpv6 && b[0] == 0xfe && (b[1] & 0xc0U) == 0x80;
}

}  // namespace redund::vrrpd
