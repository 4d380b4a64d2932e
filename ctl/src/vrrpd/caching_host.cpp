#include "vrrpd/caching_host.h"

namespace redund::vrrpd {
namespace {

// The cached answer for `key`, asking `read` on a miss.
template <typename Map, typename Key, typename Read>
const typename Map::mapped_type& remembered(Map& map, const Key& key, Read&& read) {
  auto it = map.find(key);
  if (it == map.end()) {
    it = map.emplace(key, read()).first;
  }
  return it->second;
}

}  // namespace

void CachingHost::invalidate() {
  ifindexes_.clear();
  ifnames_.clear();
  up_.clear();
  addresses_.clear();
}

std::optional<uint32_t> CachingHost::ifindexOf(const std::string& ifname) {
  return remembered(ifindexes_, ifname, [&] { return host_.ifindexOf(ifname); });
}

std::optional<std::string> CachingHost::ifnameOf(uint32_t ifindex) {
  return remembered(ifnames_, ifindex, [&] { return host_.ifnameOf(ifindex); });
}

bool CachingHost::linkUp(const std::string& ifname) {
  return remembered(up_, ifname, [&] { return host_.linkUp(ifname); });
}

std::vector<vrrp::IpAddress> CachingHost::addressesOf(uint32_t ifindex, vrrp::Family family) {
  return remembered(addresses_, std::pair(ifindex, family),
                    [&] { return host_.addressesOf(ifindex, family); });
}

// Whether it worked or not, the kernel's list is the truth: read it again.
void CachingHost::addAddress(uint32_t ifindex, const vrrp::IpAddress& address) {
  addresses_.erase({ifindex, address.family()});
  host_.addAddress(ifindex, address);
}

void CachingHost::removeAddress(uint32_t ifindex, const vrrp::IpAddress& address) {
  addresses_.erase({ifindex, address.family()});
  host_.removeAddress(ifindex, address);
}

}  // namespace redund::vrrpd
