// What redundd asks of the host's links to build the devices its
// configuration declares (rtnetlink; a fake in tests): read a link,
// create a redund device, enslave or release a port, bring a link up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace redund::redundd {

struct LinkInfo {
  uint32_t ifindex = 0;
  std::string name{};
  std::string kind{};   // "redund", "veth", ...; empty for a plain device
  uint32_t master = 0;  // 0: none
  bool up = false;      // administratively

  bool operator==(const LinkInfo&) const = default;
};

// Refusals throw KernelError (errno and the kernel's extack text).
class LinkControl {
 public:
  virtual ~LinkControl() = default;

  // nullopt when there is no link by that name.
  virtual std::optional<LinkInfo> link(const std::string& name) = 0;
  // `ip link add NAME type KIND`.
  virtual void create(const std::string& name, const std::string& kind) = 0;
  // `ip link set dev master MASTER`, or `nomaster` with 0.
  virtual void setMaster(uint32_t ifindex, uint32_t master) = 0;
  // `ip link set dev up`.
  virtual void setUp(uint32_t ifindex) = 0;
};

}  // namespace redund::redundd
