// Host on the running kernel: rtnetlink (libmnl) for addresses, and a
// socket subscribed to link notifications that the event loop waits on.
#pragma once

#include <libmnl/libmnl.h>

#include <memory>

#include "vrrpd/host.h"

namespace redund::vrrpd {

class SystemHost final : public Host {
 public:
  // Throws std::system_error.
  SystemHost();

  // Readable when links or their addresses changed: call
  // drainLinkEvents(), then ask again.
  int linkEventsFd() const;
  // Reads every queued notification; true when any arrived (or some were
  // lost, ENOBUFS: state must be read again either way).
  bool drainLinkEvents();

  std::optional<uint32_t> ifindexOf(const std::string& ifname) override;
  std::optional<std::string> ifnameOf(uint32_t ifindex) override;
  bool linkUp(const std::string& ifname) override;
  std::vector<vrrp::IpAddress> addressesOf(uint32_t ifindex, vrrp::Family family) override;
  void addAddress(uint32_t ifindex, const vrrp::IpAddress& address) override;
  void removeAddress(uint32_t ifindex, const vrrp::IpAddress& address) override;

 private:
  struct Closer {
    void operator()(mnl_socket* sock) const { mnl_socket_close(sock); }
  };
  void changeAddress(uint16_t type, uint16_t flags, uint32_t ifindex,
                     const vrrp::IpAddress& address);

  std::unique_ptr<mnl_socket, Closer> requests_;
  std::unique_ptr<mnl_socket, Closer> links_;
  uint32_t seq_ = 0;
};

}  // namespace redund::vrrpd
