#include <linux/redund.h>

#include <chrono>

#include <gtest/gtest.h>

#include "error.h"
#include "nl/event.h"
#include "raw_message.h"

namespace redund::nl {
namespace {

using test::putPort;
using test::putPortBase;
using test::putStats;
using test::RawMessage;

const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1714564801));

RawMessage deviceEvent(uint8_t cmd) {
  RawMessage raw(cmd);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  mnl_attr_put_strz(raw.nlh(), REDUND_A_DEV_IFNAME, "r0");
  return raw;
}

Event parse(const RawMessage& raw) {
  auto event = parseEvent(raw.message(), kWhen);
  if (!event) {
    throw Error("no event");
  }
  return *event;
}

TEST(Event, DevNew) {
  const Event event = parse(deviceEvent(REDUND_CMD_DEV_NEW_NTF));
  EXPECT_EQ(event.kind, EventKind::kDevNew);
  EXPECT_EQ(event.ifindex, 7U);
  EXPECT_EQ(event.ifname, "r0");
  EXPECT_EQ(event.time, kWhen);
}

TEST(Event, DevDel) {
  const Event event = parse(deviceEvent(REDUND_CMD_DEV_DEL_NTF));
  EXPECT_EQ(event.kind, EventKind::kDevDel);
  EXPECT_EQ(event.ifindex, 7U);
  EXPECT_EQ(event.ifname, "r0");
}

TEST(Event, PortNew) {
  RawMessage raw = deviceEvent(REDUND_CMD_PORT_NEW_NTF);
  putPort(raw.nlh(), 3, "eth1", true, false, 0);
  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kPortNew);
  EXPECT_EQ(event.ifindex, 7U);
  EXPECT_EQ(event.port, (PortInfo{.ifindex = 3, .ifname = "eth1", .carrier = true}));
}

TEST(Event, PortDelCarriesOnlyIdentity) {
  RawMessage raw = deviceEvent(REDUND_CMD_PORT_DEL_NTF);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_IFINDEX, 4);
  mnl_attr_put_strz(raw.nlh(), REDUND_PORT_A_IFNAME, "eth2");
  mnl_attr_nest_end(raw.nlh(), nest);
  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kPortDel);
  EXPECT_EQ(event.port.ifindex, 4U);
  EXPECT_EQ(event.port.ifname, "eth2");
}

TEST(Event, PortCarrier) {
  RawMessage raw = deviceEvent(REDUND_CMD_PORT_CARRIER_NTF);
  putPort(raw.nlh(), 3, "eth1", false, true, 1);
  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kPortCarrier);
  EXPECT_EQ(
      event.port,
      (PortInfo{
          .ifindex = 3, .ifname = "eth1", .carrier = false, .active = true, .linkFailures = 1}));
}

TEST(Event, PortCarrierWithoutPortThrows) {
  EXPECT_THROW(parse(deviceEvent(REDUND_CMD_PORT_CARRIER_NTF)), ProtocolError);
}

TEST(Event, ActiveChanged) {
  RawMessage raw = deviceEvent(REDUND_CMD_ACTIVE_NTF);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_ACTIVE_PORT, 4);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_REASON, REDUND_REASON_CARRIER_LOSS);
  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kActiveChanged);
  EXPECT_EQ(event.activePort, 4U);
  EXPECT_EQ(event.reason, Reason::kCarrierLoss);
}

TEST(Event, ActiveChangedToNone) {
  RawMessage raw = deviceEvent(REDUND_CMD_ACTIVE_NTF);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_REASON, REDUND_REASON_PORT_REMOVED);
  const Event event = parse(raw);
  EXPECT_FALSE(event.activePort.has_value());
  EXPECT_EQ(event.reason, Reason::kPortRemoved);
}

TEST(Event, ReasonFromNewerKernelIsUnknown) {
  RawMessage raw = deviceEvent(REDUND_CMD_ACTIVE_NTF);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_REASON, REDUND_REASON_MAX + 1);
  EXPECT_EQ(reasonName(parse(raw).reason), "unknown");
}

TEST(Event, PortChangeCarriesTheWholePort) {
  RawMessage raw = deviceEvent(REDUND_CMD_PORT_CHANGE_NTF);
  nlattr* nest = mnl_attr_nest_start(raw.nlh(), REDUND_A_PORT);
  putPortBase(raw.nlh(), 3, "eth1", true, false, 0);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_COLLECTING, 1);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_DISTRIBUTING, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_TX_BUCKETS, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_PORT_A_SPEED, 1000);
  mnl_attr_put_u8(raw.nlh(), REDUND_PORT_A_DUPLEX, REDUND_DUPLEX_FULL);
  putStats(raw.nlh(), 0);
  mnl_attr_nest_end(raw.nlh(), nest);

  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kPortChange);
  EXPECT_EQ(eventName(event.kind), "port_change");
  EXPECT_EQ(event.ifindex, 7U);
  EXPECT_EQ(event.port.ifindex, 3U);
  EXPECT_EQ(event.port.collecting, true);
  EXPECT_EQ(event.port.distributing, false);
  EXPECT_EQ(event.port.txBuckets, 0U);
  EXPECT_EQ(event.port.speed, 1000U);
  EXPECT_EQ(event.port.duplex, Duplex::kFull);
  ASSERT_TRUE(event.port.stats.has_value());
  EXPECT_EQ(event.port.stats->txDrops, 5U);
}

TEST(Event, PortChangeWithoutPortThrows) {
  EXPECT_THROW(parse(deviceEvent(REDUND_CMD_PORT_CHANGE_NTF)), ProtocolError);
}

TEST(Event, DevChangeCarriesTheWholeDevice) {
  RawMessage raw = deviceEvent(REDUND_CMD_DEV_CHANGE_NTF);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_MODE, REDUND_MODE_LACP);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_CARRIER, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_NUM_PORTS, 2);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_HASH, REDUND_HASH_L2);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_MIN_LINKS, 2);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_TX_PORTS, 1);

  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kDevChange);
  EXPECT_EQ(eventName(event.kind), "dev_change");
  EXPECT_EQ(event.ifindex, 7U);
  EXPECT_EQ(event.ifname, "r0");
  EXPECT_EQ(event.device, (DeviceInfo{.ifindex = 7,
                                      .ifname = "r0",
                                      .mode = Mode::kLacp,
                                      .carrier = false,
                                      .numPorts = 2,
                                      .hash = Hash::kL2,
                                      .minLinks = 2,
                                      .txPorts = 1}));
}

TEST(Event, DevChangeWithActivePort) {
  RawMessage raw = deviceEvent(REDUND_CMD_DEV_CHANGE_NTF);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_MODE, REDUND_MODE_ACTIVE_BACKUP);
  mnl_attr_put_u8(raw.nlh(), REDUND_A_DEV_CARRIER, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_NUM_PORTS, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_ACTIVE_PORT, 3);
  EXPECT_EQ(parse(raw).device.activePort, 3U);
}

TEST(Event, DevChangeWithoutDeviceStateThrows) {
  try {
    parse(deviceEvent(REDUND_CMD_DEV_CHANGE_NTF));
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "missing attribute REDUND_A_DEV_MODE");
  }
}

TEST(Event, UnknownCommandIsSkipped) {
  EXPECT_FALSE(parseEvent(deviceEvent(REDUND_CMD_MAX + 1).message(), kWhen).has_value());
}

TEST(Event, MissingDeviceIfindexThrows) {
  RawMessage raw(REDUND_CMD_DEV_NEW_NTF);
  mnl_attr_put_strz(raw.nlh(), REDUND_A_DEV_IFNAME, "r0");
  EXPECT_THROW(parseEvent(raw.message(), kWhen), ProtocolError);
}

}  // namespace
}  // namespace redund::nl
