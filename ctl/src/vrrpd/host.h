// What the VRRP daemon asks of the host's network stack besides VRRP
// packets: interface state, addresses, and the virtual IPs put on the
// device. An interface so the daemon's logic is tested without a kernel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vrrp/address.h"

namespace redund::vrrpd {

class Host {
 public:
  virtual ~Host() = default;

  // The interface's ifindex; nullopt when there is none by that name.
  virtual std::optional<uint32_t> ifindexOf(const std::string& ifname) = 0;
  // The interface's name now; nullopt when it is gone.
  virtual std::optional<std::string> ifnameOf(uint32_t ifindex) = 0;
  // Up and running (carrier); false for an interface that does not exist.
  virtual bool linkUp(const std::string& ifname) = 0;
  // The addresses of `family` on the interface, in the kernel's order.
  virtual std::vector<vrrp::IpAddress> addressesOf(uint32_t ifindex, vrrp::Family family) = 0;
  // A /32 or /128 (nodad) address. Throw std::system_error.
  virtual void addAddress(uint32_t ifindex, const vrrp::IpAddress& address) = 0;
  virtual void removeAddress(uint32_t ifindex, const vrrp::IpAddress& address) = 0;
};

// The adverts' source: the first IPv4 address that is not virtual (an
// owner's may be: it owns them), or the first IPv6 link-local address
// (RFC 5798 5.1.2.1). nullopt when there is none.
std::optional<vrrp::IpAddress> choosePrimary(const std::vector<vrrp::IpAddress>& onInterface,
                                             vrrp::Family family,
                                             const std::vector<vrrp::IpAddress>& virtuals,
                                             bool owner = false);
bool isLinkLocal(const vrrp::IpAddress& address);

}  // namespace redund::vrrpd
