// LinkControl over rtnetlink, with the kernel's extended ACK messages in
// its errors.
#pragma once

#include "nl/socket.h"
#include "redundd/link_control.h"

namespace redund::nl {

class RtnlLinks final : public redundd::LinkControl {
 public:
  // Throws std::system_error.
  RtnlLinks() : socket_(NETLINK_ROUTE) {}

  std::optional<redundd::LinkInfo> link(const std::string& name) override;
  void create(const std::string& name, const std::string& kind) override;
  void setMaster(uint32_t ifindex, uint32_t master) override;
  void setUp(uint32_t ifindex) override;

 private:
  Socket socket_;
};

}  // namespace redund::nl
