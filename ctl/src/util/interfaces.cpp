#include "util/interfaces.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>

namespace redund::util {

std::optional<std::array<uint8_t, 6>> hardwareAddress(int ioctlFd, const std::string& ifname) {
  ifreq req{};
  if (ifname.empty() || ifname.size() >= sizeof(req.ifr_name)) {
    return std::nullopt;
  }
  std::copy(ifname.begin(), ifname.end(), std::begin(req.ifr_name));
  if (ioctl(ioctlFd, SIOCGIFHWADDR, &req) < 0) {
    return std::nullopt;
  }
  std::array<uint8_t, 6> mac{};
  std::memcpy(mac.data(), req.ifr_hwaddr.sa_data, mac.size());
  return mac;
}

std::vector<vrrp::IpAddress> interfaceAddresses(uint32_t ifindex, vrrp::Family family) {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) < 0) {
    throw std::system_error(errno, std::generic_category(), "getifaddrs");
  }
  const std::unique_ptr<ifaddrs, decltype(&freeifaddrs)> owner(list, &freeifaddrs);
  std::vector<vrrp::IpAddress> result;
  // By name: the list names each address's interface, and asking the
  // kernel for each one's index cost three syscalls per address.
  std::array<char, IF_NAMESIZE> name{};
  if (if_indextoname(ifindex, name.data()) == nullptr) {
    return result;
  }
  const std::string_view ifname(name.data());
  const int wanted = family == vrrp::Family::kIpv4 ? AF_INET : AF_INET6;
  for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != wanted) {
      continue;
    }
    // IPv4 addresses with a label show up as "dev:label".
    const std::string_view label(a->ifa_name);
    if (label.substr(0, label.find(':')) != ifname) {
      continue;
    }
    if (wanted == AF_INET) {
      sockaddr_in sin{};
      std::memcpy(&sin, a->ifa_addr, sizeof(sin));
      result.push_back(vrrp::IpAddress::fromBytes(
          family, std::as_bytes(std::span(reinterpret_cast<const uint8_t*>(&sin.sin_addr), 4))));
    } else {
      sockaddr_in6 sin6{};
      std::memcpy(&sin6, a->ifa_addr, sizeof(sin6));
      result.push_back(
          vrrp::IpAddress::fromBytes(family, std::as_bytes(std::span(sin6.sin6_addr.s6_addr))));
    }
  }
  return result;
}

}  // namespace redund::util
