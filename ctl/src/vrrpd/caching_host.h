// A Host that remembers what it read until told the host changed. One
// redundd with hundreds of routers reads the same device's links and
// addresses once per router on every link or address notification (and a
// router adding its virtual IP causes one): without it that is a dump of
// every address on the host per router per event, O(N^2) at N routers.
// The owner calls invalidate() whenever rtnetlink said something changed
// (and before applying a configuration); address changes made through it
// invalidate what they touch.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vrrpd/host.h"

namespace redund::vrrpd {

class CachingHost final : public Host {
 public:
  explicit CachingHost(Host& host) : host_(host) {}

  // Forget everything read: the next question goes to the host.
  void invalidate();

  std::optional<uint32_t> ifindexOf(const std::string& ifname) override;
  std::optional<std::string> ifnameOf(uint32_t ifindex) override;
  bool linkUp(const std::string& ifname) override;
  std::vector<vrrp::IpAddress> addressesOf(uint32_t ifindex, vrrp::Family family) override;
  void addAddress(uint32_t ifindex, const vrrp::IpAddress& address) override;
  void removeAddress(uint32_t ifindex, const vrrp::IpAddress& address) override;

 private:
  Host& host_;
  std::map<std::string, std::optional<uint32_t>> ifindexes_;
  std::map<uint32_t, std::optional<std::string>> ifnames_;
  std::map<std::string, bool> up_;
  std::map<std::pair<uint32_t, vrrp::Family>, std::vector<vrrp::IpAddress>> addresses_;
};

}  // namespace redund::vrrpd
