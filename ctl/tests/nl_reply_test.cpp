// DEV_GET and PORT_GET replies, and attribute parsing, as the kernel sends
// them.
#include <linux/redund.h>

#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "error.h"
#include "nl/attrs.h"
#include "nl/dev_get.h"
#include "nl/policy.h"
#include "nl/port_get.h"
#include "raw_message.h"

namespace redund::nl {
namespace {

using test::putPort;
using test::putPortBase;
using test::putStats;
using test::RawMessage;

void putDevice(nlmsghdr* nlh, uint32_t ifindex, const char* ifname, uint32_t numPorts) {
  mnl_attr_put_u32(nlh, REDUND_A_DEV_IFINDEX, ifindex);
  mnl_attr_put_strz(nlh, REDUND_A_DEV_IFNAME, ifname);
  mnl_attr_put_u8(nlh, REDUND_A_DEV_MODE, REDUND_MODE_ACTIVE_BACKUP);
  mnl_attr_put_u8(nlh, REDUND_A_DEV_CARRIER, 1);
  mnl_attr_put_u32(nlh, REDUND_A_DEV_NUM_PORTS, numPorts);
}

TEST(DevGetReply, ParsesEveryAttribute) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 2);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_ACTIVE_PORT, 3);

  const DeviceInfo dev = parseDevice(raw.message());
  EXPECT_EQ(dev, (DeviceInfo{.ifindex = 7,
                             .ifname = "r0",
                             .mode = Mode::kActiveBackup,
                             .carrier = true,
                             .numPorts = 2,
                             .activePort = 3}));
}

TEST(DevGetReply, ParsesHashMinLinksAndTxPorts) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  mnl_attr_put_strz(raw.nlh(), REDUND_A_DEV_IFNAME, "r0");
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_MODE, REDUND_MODE_BALANCE);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_CARRIER, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_NUM_PORTS, 2);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_HASH, REDUND_HASH_ENCAP34);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_MIN_LINKS, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_TX_PORTS, 2);

  EXPECT_EQ(parseDevice(raw.message()), (DeviceInfo{.ifindex = 7,
                                                    .ifname = "r0",
                                                    .mode = Mode::kBalance,
                                                    .carrier = true,
                                                    .numPorts = 2,
                                                    .hash = Hash::kEncap34,
                                                    .minLinks = 1,
                                                    .txPorts = 2}));
}

TEST(DevGetReply, OlderModuleLeavesNewFieldsUnset) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 2);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_ACTIVE_PORT, 3);
  const DeviceInfo dev = parseDevice(raw.message());
  EXPECT_EQ(dev.mode, Mode::kActiveBackup);
  EXPECT_FALSE(dev.hash.has_value());
  EXPECT_FALSE(dev.minLinks.has_value());
  EXPECT_FALSE(dev.txPorts.has_value());
}

TEST(DevGetReply, HashAndModeFromNewerKernelAreUnknown) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_MODE, REDUND_MODE_MAX + 1);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_CARRIER, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_NUM_PORTS, 0);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_HASH, REDUND_HASH_MAX + 1);
  const DeviceInfo dev = parseDevice(raw.message());
  EXPECT_EQ(modeName(dev.mode), "unknown");
  ASSERT_TRUE(dev.hash.has_value());
  EXPECT_EQ(hashName(*dev.hash), "unknown");
}

TEST(DevGetReply, WrongLengthOfNewAttributeThrows) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 1);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_MIN_LINKS, 1);  // u32 expected
  EXPECT_THROW(parseDevice(raw.message()), ProtocolError);
}

TEST(DevGetReply, NoActivePortAttributeMeansNone) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 0);
  const DeviceInfo dev = parseDevice(raw.message());
  EXPECT_EQ(dev.numPorts, 0U);
  EXPECT_FALSE(dev.activePort.has_value());
}

TEST(DevGetReply, UnknownAttributesFromNewerKernelsAreIgnored) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put_u64(raw.nlh(), REDUND_A_MAX + 1, 0xdeadbeef);
  putDevice(raw.nlh(), 7, "r0", 1);
  mnl_attr_put_strz(raw.nlh(), REDUND_A_MAX + 20, "future");
  const DeviceInfo dev = parseDevice(raw.message());
  EXPECT_EQ(dev.ifindex, 7U);
  EXPECT_EQ(dev.ifname, "r0");
}

TEST(DevGetReply, MissingRequiredAttributeThrows) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  mnl_attr_put_strz(raw.nlh(), REDUND_A_DEV_IFNAME, "r0");
  try {
    parseDevice(raw.message());
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "missing attribute REDUND_A_DEV_MODE");
  }
}

TEST(DevGetReply, WrongAttributeLengthThrows) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 1);
  const uint16_t shortActive = 1;  // u32 expected
  mnl_attr_put(raw.nlh(), REDUND_A_DEV_ACTIVE_PORT, sizeof(shortActive), &shortActive);
  EXPECT_THROW(parseDevice(raw.message()), ProtocolError);
}

TEST(DevGetReply, TruncatedAttributeThrows) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 1);
  auto* last = static_cast<nlattr*>(mnl_nlmsg_get_payload_tail(raw.nlh()));
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_ACTIVE_PORT, 3);
  last->nla_len = 64;  // claims more bytes than the message holds
  EXPECT_THROW(parseDevice(raw.message()), ProtocolError);
}

TEST(Attrs, TrailingBytesTooShortForAnAttributeThrow) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  putDevice(raw.nlh(), 7, "r0", 1);
  raw.nlh()->nlmsg_len += 4;  // a zeroed 4-byte tail: nla_len 0 is invalid
  EXPECT_THROW(parseDevice(raw.message()), ProtocolError);
}

TEST(Attrs, LastOfRepeatedAttributesWins) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 2);
  EXPECT_EQ(Attrs::parseGenl(raw.message(), kRedundPolicy).u32(REDUND_A_DEV_IFINDEX), 2U);
}

TEST(Attrs, StringWithoutNulIsReadToItsLength) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put(raw.nlh(), REDUND_A_DEV_IFNAME, 4, "eth1");
  EXPECT_EQ(Attrs::parseGenl(raw.message(), kRedundPolicy).str(REDUND_A_DEV_IFNAME), "eth1");
}

TEST(Attrs, EmptyStringAttributeIsInvalid) {
  RawMessage raw(REDUND_CMD_DEV_GET);
  mnl_attr_put(raw.nlh(), REDUND_A_DEV_IFNAME, 0, nullptr);
  EXPECT_THROW(Attrs::parseGenl(raw.message(), kRedundPolicy), ProtocolError);
}

TEST(PortGetReply, ParsesThePortNest) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  putDevice(raw.nlh(), 7, "r0", 2);
  putPort(raw.nlh(), 4, "eth2", false, false, 3);
  EXPECT_EQ(
      parsePortReply(raw.message()),
      (PortInfo{
          .ifindex = 4, .ifname = "eth2", .carrier = false, .active = false, .linkFailures = 3}));
}

TEST(PortGetReply, ParsesEveryAttributeOfBalanceAndLacpModes) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  putDevice(raw.nlh(), 7, "r0", 2);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", true, false, 2);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_COLLECTING, 1);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_DISTRIBUTING, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_TX_BUCKETS, 128);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_SPEED, 25000);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_DUPLEX, REDUND_DUPLEX_HALF);
  putStats(raw.nlh(), 100);
  mnl_attr_nest_end(raw.nlh(), nest);

  EXPECT_EQ(parsePortReply(raw.message()), (PortInfo{.ifindex = 3,
                                                     .ifname = "eth1",
                                                     .carrier = true,
                                                     .active = false,
                                                     .linkFailures = 2,
                                                     .collecting = true,
                                                     .distributing = false,
                                                     .txBuckets = 128,
                                                     .speed = 25000,
                                                     .duplex = Duplex::kHalf,
                                                     .stats = PortStats{.rxPackets = 100,
                                                                        .rxBytes = 101,
                                                                        .rxDrops = 102,
                                                                        .txPackets = 103,
                                                                        .txBytes = 104,
                                                                        .txDrops = 105}}));
}

TEST(PortGetReply, StatsSkipPadAttributes) {
  // The pads fall before other counters with an extra u32 in front.
  for (int shift = 0; shift < 2; ++shift) {
    RawMessage raw(REDUND_CMD_PORT_GET);
    nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
    putPortBase(raw.nlh(), 3, "eth1", true, false, 0);
    if (shift == 1) {
      mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_TX_BUCKETS, 256);
    }
    mnl_attr_put(raw.nlh(), REDUND_PORT_A_PAD, 0, nullptr);
    EXPECT_GT(putStats(raw.nlh(), 1ULL << 40), 0) << shift;
    mnl_attr_nest_end(raw.nlh(), nest);

    const PortInfo port = parsePortReply(raw.message());
    ASSERT_TRUE(port.stats.has_value()) << shift;
    EXPECT_EQ(port.stats->rxPackets, 1ULL << 40);
    EXPECT_EQ(port.stats->txDrops, (1ULL << 40) + 5);
  }
}

TEST(PortGetReply, PadWithPayloadIsAlsoSkipped) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", true, false, 0);
  nlattr* stats = mnl_attr_nest_start(raw.nlh(), REDUND_PORT_A_STATS);
  mnl_attr_put_u32(raw.nlh(), REDUND_STATS_A_PAD, 0);
  for (uint16_t type = REDUND_STATS_A_RX_PACKETS; type <= REDUND_STATS_A_TX_DROPS; ++type) {
    mnl_attr_put_u64(raw.nlh(), type, type);
  }
  mnl_attr_nest_end(raw.nlh(), stats);
  mnl_attr_nest_end(raw.nlh(), nest);
  EXPECT_EQ(parsePortReply(raw.message()).stats->txDrops, REDUND_STATS_A_TX_DROPS);
}

TEST(PortGetReply, OlderModuleLeavesNewFieldsUnset) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  putDevice(raw.nlh(), 7, "r0", 2);
  putPort(raw.nlh(), 3, "eth1", true, true, 0);
  const PortInfo port = parsePortReply(raw.message());
  EXPECT_TRUE(port.active);
  EXPECT_FALSE(port.collecting.has_value());
  EXPECT_FALSE(port.distributing.has_value());
  EXPECT_FALSE(port.txBuckets.has_value());
  EXPECT_FALSE(port.speed.has_value());
  EXPECT_FALSE(port.duplex.has_value());
  EXPECT_FALSE(port.stats.has_value());
}

TEST(PortGetReply, UnknownSpeedAndDuplexAreKept) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", false, false, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_SPEED, REDUND_SPEED_UNKNOWN);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_DUPLEX, REDUND_DUPLEX_UNKNOWN);
  mnl_attr_nest_end(raw.nlh(), nest);
  const PortInfo port = parsePortReply(raw.message());
  EXPECT_EQ(port.speed, kSpeedUnknown);
  EXPECT_EQ(port.duplex, Duplex::kUnknown);
}

TEST(PortGetReply, StatsMissingACounterThrow) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", true, false, 0);
  nlattr* stats = mnl_attr_nest_start(raw.nlh(), REDUND_PORT_A_STATS);
  for (uint16_t type = REDUND_STATS_A_RX_PACKETS; type < REDUND_STATS_A_TX_DROPS; ++type) {
    mnl_attr_put_u64(raw.nlh(), type, 1);
  }
  mnl_attr_nest_end(raw.nlh(), stats);
  mnl_attr_nest_end(raw.nlh(), nest);
  try {
    parsePortReply(raw.message());
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "missing attribute REDUND_STATS_A_TX_DROPS");
  }
}

TEST(PortGetReply, StatsCounterOfWrongLengthThrows) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", true, false, 0);
  nlattr* stats = mnl_attr_nest_start(raw.nlh(), REDUND_PORT_A_STATS);
  mnl_attr_put_u32(raw.nlh(), REDUND_STATS_A_RX_BYTES, 1);  // u64 expected
  mnl_attr_nest_end(raw.nlh(), stats);
  mnl_attr_nest_end(raw.nlh(), nest);
  EXPECT_THROW(parsePortReply(raw.message()), ProtocolError);
}

TEST(PortGetReply, UnknownStatsFromNewerKernelsAreIgnored) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", true, false, 0);
  nlattr* stats = mnl_attr_nest_start(raw.nlh(), REDUND_PORT_A_STATS);
  mnl_attr_put_u32(raw.nlh(), REDUND_STATS_A_MAX + 1, 1);
  for (uint16_t type = REDUND_STATS_A_RX_PACKETS; type <= REDUND_STATS_A_TX_DROPS; ++type) {
    mnl_attr_put_u64(raw.nlh(), type, 7);
  }
  mnl_attr_nest_end(raw.nlh(), stats);
  mnl_attr_nest_end(raw.nlh(), nest);
  EXPECT_EQ(parsePortReply(raw.message()).stats->rxBytes, 7U);
}

TEST(PortGetReply, UnknownPortAttributesAreIgnored) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_IFINDEX, 3);
  mnl_attr_put_strz(raw.nlh(), REDUND_PORT_A_IFNAME, "eth1");
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_CARRIER, 1);
  mnl_attr_put_u16(raw.nlh(), REDUND_PORT_A_MAX + 3, 77);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_ACTIVE, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_LINK_FAILURES, 0);
  mnl_attr_nest_end(raw.nlh(), nest);
  const PortInfo port = parsePortReply(raw.message());
  EXPECT_EQ(port.ifindex, 3U);
  EXPECT_TRUE(port.carrier);
  EXPECT_TRUE(port.active);
}

TEST(PortGetReply, MissingNestThrows) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  putDevice(raw.nlh(), 7, "r0", 2);
  EXPECT_THROW(parsePortReply(raw.message()), ProtocolError);
}

TEST(PortGetReply, MissingPortStateThrows) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_IFINDEX, 3);
  mnl_attr_nest_end(raw.nlh(), nest);
  EXPECT_THROW(parsePortReply(raw.message()), ProtocolError);
}

TEST(PortGetReply, TruncatedNestedAttributeThrows) {
  RawMessage raw(REDUND_CMD_PORT_GET);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_IFINDEX, 3);
  auto* inner = static_cast<nlattr*>(mnl_nlmsg_get_payload_tail(raw.nlh()));
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_LINK_FAILURES, 1);
  mnl_attr_nest_end(raw.nlh(), nest);
  inner->nla_len = 12;  // runs past the end of the nest
  EXPECT_THROW(parsePortReply(raw.message()), ProtocolError);
}

}  // namespace
}  // namespace redund::nl
