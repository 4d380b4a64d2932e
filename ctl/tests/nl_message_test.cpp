#include <linux/redund.h>

#include <algorithm>
#include <array>
#include <bit>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "error.h"
#include "nl/attrs.h"
#include "nl/dev_get.h"
#include "nl/dev_set.h"
#include "nl/policy.h"
#include "nl/port_get.h"
#include "nl/port_set.h"
#include "raw_message.h"

namespace redund::nl {
namespace {

using test::kFamilyId;

TEST(PortSetRequest, HeadersAndAttributesParseBack) {
  const Message msg =
      buildPortSetRequest(kFamilyId, {.devIfindex = 7, .portIfindex = 3, .active = true});

  EXPECT_EQ(msg.type(), kFamilyId);
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST);
  EXPECT_EQ(msg.header()->nlmsg_len, msg.bytes().size());
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_PORT_SET);
  EXPECT_EQ(msg.genlHeader().version, REDUND_GENL_VERSION);

  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  EXPECT_EQ(attrs.u32(REDUND_A_DEV_IFINDEX), 7U);
  const nlattr* nest = attrs.get(REDUND_A_PORT);
  ASSERT_NE(nest, nullptr);
  EXPECT_NE(nest->nla_type & NLA_F_NESTED, 0) << "the kernel's strict policy wants NLA_F_NESTED";
  EXPECT_EQ(mnl_attr_get_payload_len(nest), 2 * MNL_ATTR_HDRLEN + 4 + 4);

  const Attrs port = Attrs::parseNested(nest, kRedundPortPolicy);
  EXPECT_EQ(port.u32(REDUND_PORT_A_IFINDEX), 3U);
  EXPECT_EQ(mnl_attr_get_payload_len(port.get(REDUND_PORT_A_ACTIVE)), 1U);
  EXPECT_EQ(port.u8(REDUND_PORT_A_ACTIVE), 1);
  EXPECT_FALSE(port.has(REDUND_PORT_A_CARRIER));
}

TEST(PortSetRequest, UnsetActiveIsLeftOut) {
  const Message msg = buildPortSetRequest(kFamilyId, {.devIfindex = 7, .portIfindex = 3});
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  const Attrs port = Attrs::parseNested(attrs.get(REDUND_A_PORT), kRedundPortPolicy);
  EXPECT_EQ(port.u32(REDUND_PORT_A_IFINDEX), 3U);
  EXPECT_FALSE(port.has(REDUND_PORT_A_ACTIVE));
}

TEST(PortSetRequest, CollectingAndDistributingTogether) {
  const Message msg = buildPortSetRequest(
      kFamilyId, {.devIfindex = 7, .portIfindex = 3, .collecting = true, .distributing = false});
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  const nlattr* nest = attrs.get(REDUND_A_PORT);
  ASSERT_NE(nest, nullptr);
  EXPECT_EQ(mnl_attr_get_payload_len(nest), 3 * MNL_ATTR_HDRLEN + 4 + 4 + 4);

  const Attrs port = Attrs::parseNested(nest, kRedundPortPolicy);
  EXPECT_EQ(port.u32(REDUND_PORT_A_IFINDEX), 3U);
  EXPECT_EQ(mnl_attr_get_payload_len(port.get(REDUND_PORT_A_COLLECTING)), 1U);
  EXPECT_EQ(port.u8(REDUND_PORT_A_COLLECTING), 1);
  EXPECT_EQ(port.u8(REDUND_PORT_A_DISTRIBUTING), 0);
  EXPECT_FALSE(port.has(REDUND_PORT_A_ACTIVE));
}

TEST(PortSetRequest, BytesAreWhatTheKernelParses) {
  const Message msg =
      buildPortSetRequest(kFamilyId, {.devIfindex = 7, .portIfindex = 3, .distributing = true});
  test::RawMessage raw(REDUND_CMD_PORT_SET, kFamilyId, NLM_F_REQUEST);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_IFINDEX, 3);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_DISTRIBUTING, 1);
  mnl_attr_nest_end(raw.nlh(), nest);
  EXPECT_TRUE(std::ranges::equal(msg.bytes(), raw.bytes()));
}

TEST(DevSetRequest, Bytes) {
  const Message msg = buildDevSetRequest(
      kFamilyId, {.devIfindex = 7, .mode = Mode::kLacp, .hash = Hash::kL23, .minLinks = 2});
  const std::vector<std::vector<uint8_t>> rows = {
      {52, 0, 0, 0, kFamilyId & 0xff, kFamilyId >> 8, NLM_F_REQUEST, 0},  // len, type, flags
      {0, 0, 0, 0, 0, 0, 0, 0},                                           // seq, port id
      {REDUND_CMD_DEV_SET, REDUND_GENL_VERSION, 0, 0},                    // genlmsghdr
      {8, 0, REDUND_A_DEV_IFINDEX, 0, 7, 0, 0, 0},                        // u32
      {5, 0, REDUND_A_DEV_MODE, 0, REDUND_MODE_LACP, 0, 0, 0},            // u8, padded
      {5, 0, REDUND_A_DEV_HASH, 0, REDUND_HASH_L23, 0, 0, 0},             // u8, padded
      {8, 0, REDUND_A_DEV_MIN_LINKS, 0, 2, 0, 0, 0},                      // u32
  };
  std::vector<std::byte> expected;
  for (const auto& row : rows) {
    for (const uint8_t byte : row) {
      expected.push_back(std::byte{byte});
    }
  }
  // Netlink is in host byte order; the rows above are little-endian.
  if constexpr (std::endian::native == std::endian::little) {
    EXPECT_TRUE(std::ranges::equal(msg.bytes(), expected));
  }
  EXPECT_EQ(msg.bytes().size(), expected.size());
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST);
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_DEV_SET);
}

TEST(DevSetRequest, UnsetFieldsAreLeftOut) {
  const Message msg = buildDevSetRequest(kFamilyId, {.devIfindex = 7, .minLinks = 0});
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  EXPECT_EQ(attrs.u32(REDUND_A_DEV_IFINDEX), 7U);
  EXPECT_EQ(attrs.u32(REDUND_A_DEV_MIN_LINKS), 0U);
  EXPECT_FALSE(attrs.has(REDUND_A_DEV_MODE));
  EXPECT_FALSE(attrs.has(REDUND_A_DEV_HASH));
  EXPECT_EQ(msg.bytes().size(), MNL_NLMSG_HDRLEN + GENL_HDRLEN + 2 * (MNL_ATTR_HDRLEN + 4));
}

TEST(DevSetRequest, EveryModeAndHashGoesOutAsItsUapiValue) {
  for (const Mode mode : kModes) {
    const Message msg = buildDevSetRequest(kFamilyId, {.devIfindex = 1, .mode = mode});
    EXPECT_EQ(Attrs::parseGenl(msg, kRedundPolicy).u8(REDUND_A_DEV_MODE),
              static_cast<uint8_t>(mode));
  }
  EXPECT_EQ(static_cast<int>(kModes.size()), REDUND_MODE_MAX + 1);
  EXPECT_EQ(static_cast<int>(kHashes.size()), REDUND_HASH_MAX + 1);
  for (std::size_t i = 0; i < kHashes.size(); ++i) {
    const Message msg = buildDevSetRequest(kFamilyId, {.devIfindex = 1, .hash = kHashes[i]});
    EXPECT_EQ(Attrs::parseGenl(msg, kRedundPolicy).u8(REDUND_A_DEV_HASH), i);
  }
}

TEST(DevGetRequest, DoitCarriesTheIfindex) {
  const Message msg = buildDevGetRequest(kFamilyId, 42);
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST);
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_DEV_GET);
  EXPECT_EQ(Attrs::parseGenl(msg, kRedundPolicy).u32(REDUND_A_DEV_IFINDEX), 42U);
}

TEST(DevGetRequest, DumpHasDumpFlagAndNoAttributes) {
  const Message msg = buildDevDumpRequest(kFamilyId);
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST | NLM_F_DUMP);
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_DEV_GET);
  EXPECT_TRUE(msg.genlPayload().empty());
}

TEST(PortGetRequest, DumpCarriesTheDevice) {
  const Message msg = buildPortDumpRequest(kFamilyId, 9);
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST | NLM_F_DUMP);
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_PORT_GET);
  EXPECT_EQ(Attrs::parseGenl(msg, kRedundPolicy).u32(REDUND_A_DEV_IFINDEX), 9U);
}

TEST(Message, StringsAreNulTerminatedAndPadded) {
  Message msg = Message::genl(kFamilyId, 1, 1).putString(REDUND_A_DEV_IFNAME, "eth10");
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  const nlattr* name = attrs.get(REDUND_A_DEV_IFNAME);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(mnl_attr_get_payload_len(name), 6U);
  EXPECT_EQ(mnl_attr_validate(name, MNL_TYPE_NUL_STRING), 0);
  EXPECT_EQ(msg.bytes().size() % 4, 0U);
  EXPECT_EQ(attrs.str(REDUND_A_DEV_IFNAME), "eth10");
}

TEST(Message, NestSurvivesBufferGrowth) {
  Message msg = Message::genl(kFamilyId, 1, 1).putNest(REDUND_A_PORT, [](Message& m) {
    for (int i = 0; i < 500; ++i) {
      m.putU32(REDUND_PORT_A_LINK_FAILURES, static_cast<uint32_t>(i));
    }
  });
  msg.putU8(REDUND_A_REASON, 2);
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  EXPECT_EQ(mnl_attr_get_payload_len(attrs.get(REDUND_A_PORT)), 500U * 8);
  EXPECT_EQ(Attrs::parseNested(attrs.get(REDUND_A_PORT), kRedundPortPolicy)
                .u32(REDUND_PORT_A_LINK_FAILURES),
            499U);
  EXPECT_EQ(attrs.u8(REDUND_A_REASON), 2);
}

TEST(Message, CopiesAreIndependent) {
  Message original = buildDevGetRequest(kFamilyId, 1);
  Message copy = original;
  copy.setSeq(99);
  copy.putU32(REDUND_A_DEV_NUM_PORTS, 2);
  EXPECT_EQ(original.seq(), 0U);
  EXPECT_EQ(copy.seq(), 99U);
  EXPECT_LT(original.bytes().size(), copy.bytes().size());
  EXPECT_FALSE(Attrs::parseGenl(original, kRedundPolicy).has(REDUND_A_DEV_NUM_PORTS));
}

TEST(Message, CopyOfRejectsTruncatedBytes) {
  test::RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  EXPECT_THROW(Message::copyOf(raw.bytes().first(raw.bytes().size() - 4)), ProtocolError);
  EXPECT_THROW(Message::copyOf(raw.bytes().first(8)), ProtocolError);
  EXPECT_EQ(Message::copyOf(raw.bytes()).bytes().size(), raw.bytes().size());
}

TEST(Message, GenlHeaderOfShortMessageThrows) {
  alignas(nlmsghdr) std::array<std::byte, MNL_NLMSG_HDRLEN> buf{};
  mnl_nlmsg_put_header(buf.data())->nlmsg_type = kFamilyId;
  const Message msg = Message::copyOf(buf);
  EXPECT_THROW(msg.genlHeader(), ProtocolError);
  EXPECT_THROW(parseDevice(msg), ProtocolError);
}

}  // namespace
}  // namespace redund::nl
