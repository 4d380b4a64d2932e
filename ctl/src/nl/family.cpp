#include "nl/family.h"

#include <linux/genetlink.h>

#include <array>
#include <cerrno>
#include <string>

#include "nl/attrs.h"
#include "nl/socket.h"

namespace redund::nl {
namespace {

constexpr auto kCtrlPolicy = [] {
  std::array<mnl_attr_data_type, CTRL_ATTR_MCAST_GROUPS + 1> policy{};
  policy[CTRL_ATTR_FAMILY_ID] = MNL_TYPE_U16;
  policy[CTRL_ATTR_FAMILY_NAME] = MNL_TYPE_STRING;
  policy[CTRL_ATTR_VERSION] = MNL_TYPE_U32;
  policy[CTRL_ATTR_MCAST_GROUPS] = MNL_TYPE_NESTED;
  return policy;
}();

constexpr auto kGroupPolicy = [] {
  std::array<mnl_attr_data_type, CTRL_ATTR_MCAST_GRP_ID + 1> policy{};
  policy[CTRL_ATTR_MCAST_GRP_NAME] = MNL_TYPE_STRING;
  policy[CTRL_ATTR_MCAST_GRP_ID] = MNL_TYPE_U32;
  return policy;
}();

// The nest holds one nest per group, each typed by its index.
void parseGroups(const nlattr* groups, Family& family) {
  for (const nlattr* entry : Attrs::listNested(groups)) {
    const Attrs group = Attrs::parseNested(entry, kGroupPolicy);
    auto name = group.str(CTRL_ATTR_MCAST_GRP_NAME);
    auto id = group.u32(CTRL_ATTR_MCAST_GRP_ID);
    if (name && id) {
      family.groups[*name] = *id;
    }
  }
}

}  // namespace

std::optional<uint32_t> Family::group(std::string_view name) const {
  if (auto it = groups.find(name); it != groups.end()) {
    return it->second;
  }
  return std::nullopt;
}

FamilyNotFound::FamilyNotFound(std::string_view name)
    : Error(std::string(name) + " kernel module not loaded (genl family '" + std::string(name) +
            "' not found)") {}

Message buildGetFamilyRequest(std::string_view name) {
  return Message::genl(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1).putString(CTRL_ATTR_FAMILY_NAME, name);
}

Family parseFamilyReply(const Message& reply) {
  const Attrs attrs = Attrs::parseGenl(reply, kCtrlPolicy);
  Family family;
  auto id = attrs.u16(CTRL_ATTR_FAMILY_ID);
  if (!id) {
    throw ProtocolError("missing attribute CTRL_ATTR_FAMILY_ID");
  }
  family.id = *id;
  family.version = attrs.u32(CTRL_ATTR_VERSION).value_or(0);
  if (const nlattr* groups = attrs.get(CTRL_ATTR_MCAST_GROUPS)) {
    parseGroups(groups, family);
  }
  return family;
}

Family resolveFamily(Socket& socket, std::string_view name) {
  std::vector<Message> replies;
  try {
    replies = socket.request(buildGetFamilyRequest(name));
  } catch (const KernelError& e) {
    if (e.code() == ENOENT) {
      throw FamilyNotFound(name);
    }
    throw;
  }
  if (replies.empty()) {
    throw ProtocolError("no reply to CTRL_CMD_GETFAMILY");
  }
  return parseFamilyReply(replies.front());
}

}  // namespace redund::nl
