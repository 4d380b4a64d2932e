#include "vrrpd/system_host.h"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <string_view>
#include <system_error>

#include "util/interfaces.h"
#include "util/unique_fd.h"

namespace redund::vrrpd {
namespace {

// MNL_SOCKET_BUFFER_SIZE calls sysconf(): not a constant.
constexpr std::size_t kBufferSize = 8192;

[[noreturn]] void fail(int err, const char* what) {
  throw std::system_error(err, std::generic_category(), what);
}

mnl_socket* openRoute(int flags, unsigned groups) {
  mnl_socket* sock = mnl_socket_open2(NETLINK_ROUTE, flags);
  if (sock == nullptr) {
    fail(errno, "rtnetlink socket");
  }
  if (mnl_socket_bind(sock, groups, MNL_SOCKET_AUTOPID) < 0) {
    const int err = errno;
    mnl_socket_close(sock);
    fail(err, "rtnetlink bind");
  }
  return sock;
}

}  // namespace

SystemHost::SystemHost()
    : requests_(openRoute(SOCK_CLOEXEC, 0)),
      // Addresses too: a router waits for its primary address, which the
      // network configuration adds after the device exists.
      links_(openRoute(SOCK_CLOEXEC | SOCK_NONBLOCK,
                       RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR)),
      seq_(static_cast<uint32_t>(std::time(nullptr))) {}

int SystemHost::linkEventsFd() const { return mnl_socket_get_fd(links_.get()); }

bool SystemHost::drainLinkEvents() {
  std::array<std::byte, kBufferSize> buffer{};
  bool any = false;
  for (;;) {
    const ssize_t n = mnl_socket_recvfrom(links_.get(), buffer.data(), buffer.size());
    if (n >= 0) {
      any = true;
      continue;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno == ENOBUFS) {
      any = true;
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return any;
    }
    fail(errno, "rtnetlink receive");
  }
}

std::optional<uint32_t> SystemHost::ifindexOf(const std::string& ifname) {
  const unsigned int ifindex = if_nametoindex(ifname.c_str());
  if (ifindex == 0) {
    return std::nullopt;
  }
  return ifindex;
}

std::optional<std::string> SystemHost::ifnameOf(uint32_t ifindex) {
  std::array<char, IF_NAMESIZE> name{};
  if (if_indextoname(ifindex, name.data()) == nullptr) {
    return std::nullopt;
  }
  return std::string(name.data());
}

bool SystemHost::linkUp(const std::string& ifname) {
  const UniqueFd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ifreq req{};
  if (!fd || ifname.size() >= sizeof(req.ifr_name)) {
    return false;
  }
  std::memcpy(req.ifr_name, ifname.c_str(), ifname.size());
  if (ioctl(fd.get(), SIOCGIFFLAGS, &req) < 0) {
    return false;
  }
  const auto flags = static_cast<unsigned>(req.ifr_flags);
  return (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
}

std::vector<vrrp::IpAddress> SystemHost::addressesOf(uint32_t ifindex, vrrp::Family family) {
  return util::interfaceAddresses(ifindex, family);
}

void SystemHost::addAddress(uint32_t ifindex, const vrrp::IpAddress& address) {
  changeAddress(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, ifindex, address);
}

void SystemHost::removeAddress(uint32_t ifindex, const vrrp::IpAddress& address) {
  changeAddress(RTM_DELADDR, 0, ifindex, address);
}

void SystemHost::changeAddress(uint16_t type, uint16_t flags, uint32_t ifindex,
                               const vrrp::IpAddress& address) {
  std::array<std::byte, kBufferSize> buffer{};
  nlmsghdr* const nlh = mnl_nlmsg_put_header(buffer.data());
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
  nlh->nlmsg_seq = ++seq_;
  auto* const ifa = static_cast<ifaddrmsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifaddrmsg)));
  const bool v4 = address.family() == vrrp::Family::kIpv4;
  ifa->ifa_family = v4 ? AF_INET : AF_INET6;
  ifa->ifa_prefixlen = static_cast<uint8_t>(address.length() * 8);
  ifa->ifa_scope = RT_SCOPE_UNIVERSE;
  ifa->ifa_index = ifindex;
  // The virtual IP lives on several routers by design: duplicate address
  // detection would only ever fail or delay it.
  ifa->ifa_flags = v4 ? 0 : IFA_F_NODAD;
  const auto len = static_cast<uint16_t>(address.length());
  mnl_attr_put(nlh, IFA_LOCAL, len, address.bytes().data());
  mnl_attr_put(nlh, IFA_ADDRESS, len, address.bytes().data());
  if (!v4 && type == RTM_NEWADDR) {
    // Deprecated (preferred lifetime 0): a /128 would otherwise win IPv6
    // source selection over the device's own address, and a backup would
    // send from the virtual IP, drawing the replies to the master.
    mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD | IFA_F_NOPREFIXROUTE);
    const ifa_cacheinfo lifetimes{
        .ifa_prefered = 0, .ifa_valid = 0xffffffffU, .cstamp = 0, .tstamp = 0};
    mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(lifetimes), &lifetimes);
  }
  if (mnl_socket_sendto(requests_.get(), nlh, nlh->nlmsg_len) < 0) {
    fail(errno, "rtnetlink send");
  }
  const uint32_t portId = mnl_socket_get_portid(requests_.get());
  for (;;) {
    const ssize_t n = mnl_socket_recvfrom(requests_.get(), buffer.data(), buffer.size());
    if (n < 0) {
      fail(errno, "rtnetlink receive");
    }
    const int ret =
        mnl_cb_run(buffer.data(), static_cast<size_t>(n), seq_, portId, nullptr, nullptr);
    if (ret < 0) {
      fail(errno, type == RTM_NEWADDR ? "add address" : "remove address");
    }
    if (ret == MNL_CB_STOP) {
      return;
    }
  }
}

}  // namespace redund::vrrpd
