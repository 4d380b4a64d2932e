// Facts about a network interface read from the kernel by name or index:
// its link-layer address and its IP addresses. Shared by the LACP daemon,
// the VRRP daemon and the LAG port probe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vrrp/address.h"

namespace redund::util {

// The interface's MAC (SIOCGIFHWADDR on `ioctlFd`, any AF_INET datagram
// socket); nullopt when there is no such interface.
std::optional<std::array<uint8_t, 6>> hardwareAddress(int ioctlFd, const std::string& ifname);

// The addresses of `family` on interface `ifindex`, in the kernel's order,
// labelled IPv4 aliases ("r0:1") included. Throws std::system_error.
std::vector<vrrp::IpAddress> interfaceAddresses(uint32_t ifindex, vrrp::Family family);

}  // namespace redund::util
