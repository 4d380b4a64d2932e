#include "nl/rtnl_links.h"

#include <linux/if.h>
#include <linux/if_link.h>

#include <array>
#include <cerrno>

#include "error.h"
#include "nl/attrs.h"

namespace redund::nl {
namespace {

// IFLA_* types this reads; the rest are accepted as they come.
constexpr auto kLinkPolicy = [] {
  std::array<mnl_attr_data_type, IFLA_MAX + 1> policy{};
  policy.fill(MNL_TYPE_UNSPEC);
  policy[IFLA_IFNAME] = MNL_TYPE_NUL_STRING;
  policy[IFLA_MASTER] = MNL_TYPE_U32;
  policy[IFLA_LINKINFO] = MNL_TYPE_NESTED;
  return policy;
}();

constexpr auto kInfoPolicy = [] {
  std::array<mnl_attr_data_type, IFLA_INFO_MAX + 1> policy{};
  policy.fill(MNL_TYPE_UNSPEC);
  policy[IFLA_INFO_KIND] = MNL_TYPE_NUL_STRING;
  return policy;
}();

std::span<const std::byte> nestPayload(const nlattr* nest) {
  return {static_cast<const std::byte*>(mnl_attr_get_payload(nest)),
          mnl_attr_get_payload_len(nest)};
}

}  // namespace

std::optional<redundd::LinkInfo> RtnlLinks::link(const std::string& name) {
  std::vector<Message> replies;
  try {
    replies = socket_.request(
        Message::rtnlLink(RTM_GETLINK, 0, ifinfomsg{}).putString(IFLA_IFNAME, name));
  } catch (const KernelError& e) {
    if (e.code() == ENODEV) {
      return std::nullopt;
    }
    throw;
  }
  for (const Message& reply : replies) {
    if (reply.type() != RTM_NEWLINK) {
      continue;
    }
    const Attrs attrs = Attrs::parse(reply.linkPayload(), kLinkPolicy);
    redundd::LinkInfo info{.ifindex = static_cast<uint32_t>(reply.linkHeader().ifi_index),
                           .name = attrs.str(IFLA_IFNAME).value_or(name),
                           .kind = {},
                           .master = attrs.u32(IFLA_MASTER).value_or(0),
                           .up = (reply.linkHeader().ifi_flags & IFF_UP) != 0};
    if (const nlattr* linkinfo = attrs.get(IFLA_LINKINFO)) {
      info.kind = Attrs::parse(nestPayload(linkinfo), kInfoPolicy).str(IFLA_INFO_KIND).value_or("");
    }
    return info;
  }
  throw ProtocolError("RTM_GETLINK " + name + ": no RTM_NEWLINK in the reply");
}

void RtnlLinks::create(const std::string& name, const std::string& kind) {
  socket_.request(
      Message::rtnlLink(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, ifinfomsg{})
          .putString(IFLA_IFNAME, name)
          .putNest(IFLA_LINKINFO, [&](Message& m) { m.putString(IFLA_INFO_KIND, kind); }));
}

void RtnlLinks::setMaster(uint32_t ifindex, uint32_t master) {
  ifinfomsg info{};
  info.ifi_index = static_cast<int>(ifindex);
  socket_.request(Message::rtnlLink(RTM_NEWLINK, 0, info).putU32(IFLA_MASTER, master));
}

void RtnlLinks::setUp(uint32_t ifindex) {
  ifinfomsg info{};
  info.ifi_index = static_cast<int>(ifindex);
  info.ifi_flags = IFF_UP;
  info.ifi_change = IFF_UP;
  socket_.request(Message::rtnlLink(RTM_NEWLINK, 0, info));
}

}  // namespace redund::nl
