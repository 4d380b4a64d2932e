#include <linux/genetlink.h>

#include <cerrno>
#include <optional>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

#include "error.h"
#include "kernel_api.h"
#include "nl/attrs.h"
#include "nl/family.h"
#include "nl/socket.h"
#include "raw_message.h"

namespace redund::nl {
namespace {

TEST(Family, RequestAsksControllerByName) {
  const Message request = buildGetFamilyRequest("redund");
  EXPECT_EQ(request.type(), GENL_ID_CTRL);
  EXPECT_EQ(request.genlHeader().cmd, CTRL_CMD_GETFAMILY);
  const std::array<mnl_attr_data_type, CTRL_ATTR_FAMILY_NAME + 1> policy{};
  EXPECT_EQ(Attrs::parseGenl(request, policy).str(CTRL_ATTR_FAMILY_NAME), "redund");
}

TEST(Family, ReplyGivesIdVersionAndGroups) {
  test::RawMessage raw(CTRL_CMD_NEWFAMILY, GENL_ID_CTRL);
  mnl_attr_put_strz(raw.nlh(), CTRL_ATTR_FAMILY_NAME, "redund");
  mnl_attr_put_u16(raw.nlh(), CTRL_ATTR_FAMILY_ID, 0x22);
  mnl_attr_put_u32(raw.nlh(), CTRL_ATTR_VERSION, 1);
  nlattr* groups = mnl_attr_nest_start(raw.nlh(), CTRL_ATTR_MCAST_GROUPS);
  nlattr* group = mnl_attr_nest_start(raw.nlh(), 1);
  mnl_attr_put_u32(raw.nlh(), CTRL_ATTR_MCAST_GRP_ID, 9);
  mnl_attr_put_strz(raw.nlh(), CTRL_ATTR_MCAST_GRP_NAME, "events");
  mnl_attr_nest_end(raw.nlh(), group);
  mnl_attr_nest_end(raw.nlh(), groups);

  const Family family = parseFamilyReply(raw.message());
  EXPECT_EQ(family.id, 0x22);
  EXPECT_EQ(family.version, 1U);
  EXPECT_EQ(family.group("events"), 9U);
  EXPECT_FALSE(family.group("other").has_value());
}

// The running kernel's own controller family, where netlink is available.
std::optional<Socket> openSocket() {
  try {
    return Socket();
  } catch (const std::system_error&) {
    return std::nullopt;
  }
}

TEST(FamilyOnThisKernel, ResolvesTheControllerFamily) {
  auto socket = openSocket();
  if (!socket) {
    GTEST_SKIP() << "no generic netlink here";
  }
  const Family family = resolveFamily(*socket, "nlctrl");
  EXPECT_EQ(family.id, GENL_ID_CTRL);
  EXPECT_TRUE(family.group("notify").has_value());
}

TEST(FamilyOnThisKernel, DumpCollectsEveryFamily) {
  auto socket = openSocket();
  if (!socket) {
    GTEST_SKIP() << "no generic netlink here";
  }
  const auto replies =
      socket->request(Message::genl(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_DUMP));
  bool sawController = false;
  for (const Message& reply : replies) {
    sawController = sawController || parseFamilyReply(reply).id == GENL_ID_CTRL;
  }
  EXPECT_TRUE(sawController);
}

TEST(FamilyOnThisKernel, PolicyViolationCarriesExtack) {
  auto socket = openSocket();
  if (!socket) {
    GTEST_SKIP() << "no generic netlink here";
  }
  try {
    // Longer than GENL_NAMSIZ: refused by the controller's attribute policy.
    socket->request(buildGetFamilyRequest("a-name-too-long-for-genl"));
    FAIL() << "expected KernelError";
  } catch (const KernelError& e) {
    EXPECT_EQ(e.code(), EINVAL);
    EXPECT_FALSE(e.extack().empty());
    EXPECT_EQ(e.offset(), MNL_NLMSG_HDRLEN + GENL_HDRLEN) << "offset of the name attribute";
    EXPECT_EQ(std::string(e.what()), e.extack() + " (Invalid argument)");
  }
}

TEST(FamilyOnThisKernel, UnknownFamilyMeansModuleNotLoaded) {
  auto socket = openSocket();
  if (!socket) {
    GTEST_SKIP() << "no generic netlink here";
  }
  try {
    resolveFamily(*socket, "redund-nofamily");
    FAIL() << "expected FamilyNotFound";
  } catch (const FamilyNotFound& e) {
    EXPECT_STREQ(e.what(),
                 "redund-nofamily kernel module not loaded (genl family 'redund-nofamily' not "
                 "found)");
  }
}

TEST(FamilyOnThisKernel, KernelApiExplainsAMissingModule) {
  auto socket = openSocket();
  if (!socket) {
    GTEST_SKIP() << "no generic netlink here";
  }
  try {
    resolveFamily(*socket, REDUND_GENL_NAME);
    GTEST_SKIP() << "redund.ko is loaded";
  } catch (const FamilyNotFound&) {
  }
  try {
    KernelApi api;
    FAIL() << "expected FamilyNotFound";
  } catch (const FamilyNotFound& e) {
    EXPECT_STREQ(e.what(), "redund kernel module not loaded (genl family 'redund' not found)");
  }
}

}  // namespace
}  // namespace redund::nl
