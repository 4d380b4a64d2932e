// GW_ADD, GW_SET, GW_DEL, GW_ANNOUNCE and GW_GET requests, GW_GET replies
// and GW_*_NTF events, against messages built with plain libmnl calls.
#include <arpa/inet.h>
#include <linux/redund.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "error.h"
#include "nl/attrs.h"
#include "nl/event.h"
#include "nl/gw_get.h"
#include "nl/gw_set.h"
#include "nl/policy.h"
#include "raw_message.h"
#include "vrrp_fixture.h"

namespace redund::nl {
namespace {

using test::kFamilyId;
using test::putU64Aligned;
using test::RawMessage;

const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1714564801));
const MacAddress kVmac4 = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x05};
const MacAddress kVmac6 = {0x00, 0x00, 0x5e, 0x00, 0x02, 0x06};

vrrp::IpAddress ip(const char* text) { return *vrrp::IpAddress::parse(text); }

void putIpv4(nlmsghdr* nlh, const char* text) {
  in_addr addr{};
  inet_pton(AF_INET, text, &addr);
  mnl_attr_put(nlh, REDUND_GW_ADDR_A_IPV4, sizeof(addr), &addr);
}

void putIpv6(nlmsghdr* nlh, const char* text) {
  in6_addr addr{};
  inet_pton(AF_INET6, text, &addr);
  mnl_attr_put(nlh, REDUND_GW_ADDR_A_IPV6, sizeof(addr), &addr);
}

// REDUND_GW_A_STATS as the module fills it: arp_replies .. tx_drops =
// first .. first + 5 and, unless `old` (a module from before them), the
// counters of invalid requests, arp_bad_sender_mac .. ns_dad_sllao, and
// releases = first + 6 .. first + 12; each counter padded as
// nla_put_u64_64bit() pads it.
void putGwStats(nlmsghdr* nlh, uint64_t first, bool old = false) {
  std::vector<uint16_t> types;
  for (uint16_t type = REDUND_GW_STATS_A_ARP_REPLIES; type <= REDUND_GW_STATS_A_TX_DROPS; ++type) {
    types.push_back(type);
  }
  if (!old) {
    for (uint16_t type = REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC; type <= REDUND_GW_STATS_A_RELEASES;
         ++type) {
      types.push_back(type);
    }
  }
  nlattr* nest = mnl_attr_nest_start(nlh, REDUND_GW_A_STATS);
  uint64_t value = first;
  for (const uint16_t type : types) {
    if ((MNL_ALIGN(nlh->nlmsg_len) + MNL_ATTR_HDRLEN) % 8 != 0) {
      mnl_attr_put(nlh, REDUND_GW_STATS_A_PAD, 0, nullptr);
    }
    mnl_attr_put_u64(nlh, type, value++);
  }
  mnl_attr_nest_end(nlh, nest);
}

// A REDUND_A_GW nest as redund_nl_fill_gw() writes it for GW_GET: VRID 5,
// IPv4, the default vmac, master, two VIPs, 3 x 300 ms, refresh 30 s,
// persistent, owner 4242, counters 10..22 (10..15: `old`).
void putFullIpv4Gateway(nlmsghdr* nlh, bool old = false) {
  nlattr* gw = mnl_attr_nest_start(nlh, REDUND_A_GW);
  mnl_attr_put_u8(nlh, REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(nlh, REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put(nlh, REDUND_GW_A_MAC, kVmac4.size(), kVmac4.data());
  mnl_attr_put_u8(nlh, REDUND_GW_A_STATE, REDUND_GW_STATE_MASTER);
  nlattr* addrs = mnl_attr_nest_start(nlh, REDUND_GW_A_ADDRS);
  putIpv4(nlh, "10.0.0.100");
  putIpv4(nlh, "10.0.0.101");
  mnl_attr_nest_end(nlh, addrs);
  mnl_attr_put_u32(nlh, REDUND_GW_A_ANNOUNCE_COUNT, 3);
  mnl_attr_put_u32(nlh, REDUND_GW_A_ANNOUNCE_INTERVAL, 300);
  mnl_attr_put_u32(nlh, REDUND_GW_A_REFRESH_INTERVAL, 30000);
  mnl_attr_put_u8(nlh, REDUND_GW_A_PERSIST, 1);
  mnl_attr_put_u32(nlh, REDUND_GW_A_OWNER, 4242);
  putGwStats(nlh, 10, old);
  mnl_attr_nest_end(nlh, gw);
}

RawMessage gwReply() {
  RawMessage raw(REDUND_CMD_GW_GET);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  mnl_attr_put_strz(raw.nlh(), REDUND_A_DEV_IFNAME, "r0");
  return raw;
}

// Opens REDUND_A_GW in `raw` with every attribute of an IPv4 backup
// gateway but GW_STATS, for the stats tests; the caller ends the nest.
nlattr* putGatewayWithoutStats(RawMessage& raw) {
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, 6, kVmac4.data());
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, 0);
  mnl_attr_nest_end(raw.nlh(), mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_ADDRS));
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_COUNT, 3);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_INTERVAL, 1000);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_PERSIST, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_OWNER, 0);
  return gw;
}

const GatewayInfo kFullIpv4 = {
    .ifindex = 7,
    .ifname = "r0",
    .key = {.vrid = 5, .family = vrrp::Family::kIpv4},
    .mac = kVmac4,
    .state = GatewayState::kMaster,
    .addresses = {ip("10.0.0.100"), ip("10.0.0.101")},
    .announceCount = 3,
    .announceIntervalMs = 300,
    .refreshIntervalMs = 30000,
    .persist = true,
    .owner = 4242,
    .stats = GatewayStats{.arpReplies = 10,
                          .naSent = 11,
                          .announces = 12,
                          .rxVmac = 13,
                          .rxDrops = 14,
                          .txDrops = 15,
                          .arpBadSenderMac = 16,
                          .arpBadSenderIp = 17,
                          .nsBadSource = 18,
                          .nsBadOption = 19,
                          .nsDadBadDest = 20,
                          .nsDadSllao = 21,
                          .releases = 22},
};

// ---------------------------------------------------------------- requests

TEST(GwAddRequest, EveryAttributeExactlyAsTheUapiSays) {
  const GatewaySettings settings{
      .mac = MacAddress{0x02, 0, 0, 0, 0, 0x05},
      .addresses = std::vector{ip("10.0.0.100"), ip("192.0.2.1")},
      .state = GatewayState::kActive,
      .announceCount = 5,
      .announceIntervalMs = 250,
      .refreshIntervalMs = 3600000,
      .persist = true,
      .adopt = true,  // not a GW_ADD attribute: left out
  };
  const Message msg =
      buildGwAddRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4}, settings);

  RawMessage raw(REDUND_CMD_GW_ADD, kFamilyId, NLM_F_REQUEST);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  const std::array<uint8_t, 6> mac = {0x02, 0, 0, 0, 0, 0x05};
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, mac.size(), mac.data());
  nlattr* addrs = mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_ADDRS);
  putIpv4(raw.nlh(), "10.0.0.100");
  putIpv4(raw.nlh(), "192.0.2.1");
  mnl_attr_nest_end(raw.nlh(), addrs);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, REDUND_GW_STATE_ACTIVE);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_COUNT, 5);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_INTERVAL, 250);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_REFRESH_INTERVAL, 3600000);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_PERSIST, 1);
  mnl_attr_nest_end(raw.nlh(), gw);

  EXPECT_TRUE(std::ranges::equal(msg.bytes(), raw.bytes()));
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST);
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_GW_ADD);
  EXPECT_EQ(msg.genlHeader().version, REDUND_GENL_VERSION);
}

TEST(GwAddRequest, NestsCarryNlaFNestedAndAddressesAreInNetworkOrder) {
  const Message msg = buildGwAddRequest(kFamilyId, 7, {.vrid = 6, .family = vrrp::Family::kIpv6},
                                        {.addresses = std::vector{ip("2001:db8::100")}});
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  const nlattr* gw = attrs.get(REDUND_A_GW);
  ASSERT_NE(gw, nullptr);
  EXPECT_NE(gw->nla_type & NLA_F_NESTED, 0);
  const Attrs gwAttrs = Attrs::parseNested(gw, kRedundGwPolicy);
  EXPECT_EQ(gwAttrs.u8(REDUND_GW_A_VRID), 6);
  EXPECT_EQ(gwAttrs.u8(REDUND_GW_A_FAMILY), AF_INET6);
  const nlattr* addrs = gwAttrs.get(REDUND_GW_A_ADDRS);
  ASSERT_NE(addrs, nullptr);
  EXPECT_NE(addrs->nla_type & NLA_F_NESTED, 0);
  const auto list = Attrs::listNested(addrs);
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(mnl_attr_get_type(list[0]), REDUND_GW_ADDR_A_IPV6);
  ASSERT_EQ(mnl_attr_get_payload_len(list[0]), 16U);
  in6_addr expected{};
  inet_pton(AF_INET6, "2001:db8::100", &expected);
  EXPECT_EQ(std::memcmp(mnl_attr_get_payload(list[0]), &expected, sizeof(expected)), 0);
  // Nothing else than asked for.
  for (uint16_t type : {REDUND_GW_A_MAC, REDUND_GW_A_STATE, REDUND_GW_A_ANNOUNCE_COUNT,
                        REDUND_GW_A_ANNOUNCE_INTERVAL, REDUND_GW_A_REFRESH_INTERVAL,
                        REDUND_GW_A_PERSIST, REDUND_GW_A_ADOPT}) {
    EXPECT_FALSE(gwAttrs.has(type)) << type;
  }
}

TEST(GwSetRequest, OnlyTheFieldsSetAndAdopt) {
  const Message msg = buildGwSetRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4},
                                        {.state = GatewayState::kBackup, .adopt = true});
  RawMessage raw(REDUND_CMD_GW_SET, kFamilyId, NLM_F_REQUEST);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, REDUND_GW_STATE_BACKUP);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_ADOPT, 1);
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_TRUE(std::ranges::equal(msg.bytes(), raw.bytes()));
}

TEST(GwSetRequest, EmptyAddressListIsAnEmptyNestAndPersistOffIsZero) {
  const Message msg =
      buildGwSetRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4},
                        {.addresses = std::vector<vrrp::IpAddress>{}, .persist = false});
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  const Attrs gw = Attrs::parseNested(attrs.get(REDUND_A_GW), kRedundGwPolicy);
  ASSERT_TRUE(gw.has(REDUND_GW_A_ADDRS));
  EXPECT_EQ(mnl_attr_get_payload_len(gw.get(REDUND_GW_A_ADDRS)), 0U);
  EXPECT_EQ(gw.u8(REDUND_GW_A_PERSIST), 0);
  EXPECT_FALSE(gw.has(REDUND_GW_A_ADOPT));
}

TEST(GwSetRequest, RefreshOffIsAZeroU32) {
  const Message msg = buildGwSetRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4},
                                        {.refreshIntervalMs = 0});
  RawMessage raw(REDUND_CMD_GW_SET, kFamilyId, NLM_F_REQUEST);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_REFRESH_INTERVAL, 0);
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_TRUE(std::ranges::equal(msg.bytes(), raw.bytes()));
}

const GatewayRelease kRelease = {
    .source = ip("10.0.0.2"),
    .advert = vrrp::test::bytesOf({0x31, 5, 0, 1, 0, 100, 0xab, 0xcd, 10, 0, 0, 100})};

TEST(GwSetRequest, ReleaseIsTheAdvertAndItsSource) {
  const Message msg = buildGwSetRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4},
                                        {.release = kRelease});
  RawMessage raw(REDUND_CMD_GW_SET, kFamilyId, NLM_F_REQUEST);
  mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 7);
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_RELEASE_ADVERT, kRelease.advert.size(),
               kRelease.advert.data());
  const std::array<uint8_t, 4> source = {10, 0, 0, 2};
  mnl_attr_put(raw.nlh(), REDUND_GW_A_RELEASE_SOURCE, source.size(), source.data());
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_TRUE(std::ranges::equal(msg.bytes(), raw.bytes()));
}

TEST(GwSetRequest, NoReleaseIsAnEmptyAdvertWithoutSource) {
  const Message msg = buildGwSetRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4},
                                        {.release = GatewayRelease{}});
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  const Attrs gw = Attrs::parseNested(attrs.get(REDUND_A_GW), kRedundGwPolicy);
  ASSERT_TRUE(gw.has(REDUND_GW_A_RELEASE_ADVERT));
  EXPECT_EQ(mnl_attr_get_payload_len(gw.get(REDUND_GW_A_RELEASE_ADVERT)), 0U);
  EXPECT_FALSE(gw.has(REDUND_GW_A_RELEASE_SOURCE));
}

TEST(GwSetRequest, EveryStateGoesOutAsItsUapiValue) {
  EXPECT_EQ(static_cast<int>(kGatewayStates.size()), REDUND_GW_STATE_MAX + 1);
  for (std::size_t i = 0; i < kGatewayStates.size(); ++i) {
    const Message msg = buildGwSetRequest(kFamilyId, 1, {.vrid = 1}, {.state = kGatewayStates[i]});
    const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
    EXPECT_EQ(Attrs::parseNested(attrs.get(REDUND_A_GW), kRedundGwPolicy).u8(REDUND_GW_A_STATE), i);
  }
}

TEST(GwDelAndAnnounceRequest, OnlyDeviceAndKey) {
  const GatewayKey key{.vrid = 200, .family = vrrp::Family::kIpv6};
  for (const auto& [msg, cmd] :
       {std::pair{buildGwDelRequest(kFamilyId, 9, key), REDUND_CMD_GW_DEL},
        std::pair{buildGwAnnounceRequest(kFamilyId, 9, key), REDUND_CMD_GW_ANNOUNCE}}) {
    RawMessage raw(static_cast<uint8_t>(cmd), kFamilyId, NLM_F_REQUEST);
    mnl_attr_put_u32(raw.nlh(), REDUND_A_DEV_IFINDEX, 9);
    nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
    mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 200);
    mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET6);
    mnl_attr_nest_end(raw.nlh(), gw);
    EXPECT_TRUE(std::ranges::equal(msg.bytes(), raw.bytes())) << static_cast<int>(cmd);
  }
}

TEST(GwGetRequest, DoitNamesTheGateway) {
  const Message msg = buildGwGetRequest(kFamilyId, 7, {.vrid = 5, .family = vrrp::Family::kIpv4});
  EXPECT_EQ(msg.flags(), NLM_F_REQUEST);
  EXPECT_EQ(msg.genlHeader().cmd, REDUND_CMD_GW_GET);
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  EXPECT_EQ(attrs.u32(REDUND_A_DEV_IFINDEX), 7U);
  const Attrs gw = Attrs::parseNested(attrs.get(REDUND_A_GW), kRedundGwPolicy);
  EXPECT_EQ(gw.u8(REDUND_GW_A_VRID), 5);
  EXPECT_EQ(gw.u8(REDUND_GW_A_FAMILY), AF_INET);
}

TEST(GwGetRequest, DumpOfOneDeviceOrOfAll) {
  const Message one = buildGwDumpRequest(kFamilyId, 7);
  EXPECT_EQ(one.flags(), NLM_F_REQUEST | NLM_F_DUMP);
  EXPECT_EQ(one.genlHeader().cmd, REDUND_CMD_GW_GET);
  EXPECT_EQ(Attrs::parseGenl(one, kRedundPolicy).u32(REDUND_A_DEV_IFINDEX), 7U);
  const Message all = buildGwDumpRequest(kFamilyId, std::nullopt);
  EXPECT_EQ(all.flags(), NLM_F_REQUEST | NLM_F_DUMP);
  EXPECT_TRUE(all.genlPayload().empty());
}

// ----------------------------------------------------------------- replies

TEST(GwGetReply, ParsesEveryAttribute) {
  RawMessage raw = gwReply();
  putFullIpv4Gateway(raw.nlh());
  EXPECT_EQ(parseGatewayReply(raw.message()), kFullIpv4);
}

// A module from before the counters of invalid requests: they read as 0.
TEST(GwGetReply, StatsWithoutInvalidRequestCountersReadAsZero) {
  RawMessage raw = gwReply();
  putFullIpv4Gateway(raw.nlh(), true);
  GatewayInfo want = kFullIpv4;
  want.stats = GatewayStats{
      .arpReplies = 10, .naSent = 11, .announces = 12, .rxVmac = 13, .rxDrops = 14, .txDrops = 15};
  EXPECT_EQ(parseGatewayReply(raw.message()), want);
}

// Each counter of invalid requests lands in its own field, whatever the
// others hold.
TEST(GwGetReply, EachInvalidRequestCounterByItsAttribute) {
  const std::vector<std::pair<uint16_t, uint64_t GatewayStats::*>> counters = {
      {REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC, &GatewayStats::arpBadSenderMac},
      {REDUND_GW_STATS_A_ARP_BAD_SENDER_IP, &GatewayStats::arpBadSenderIp},
      {REDUND_GW_STATS_A_NS_BAD_SOURCE, &GatewayStats::nsBadSource},
      {REDUND_GW_STATS_A_NS_BAD_OPTION, &GatewayStats::nsBadOption},
      {REDUND_GW_STATS_A_NS_DAD_BAD_DEST, &GatewayStats::nsDadBadDest},
      {REDUND_GW_STATS_A_NS_DAD_SLLAO, &GatewayStats::nsDadSllao},
      {REDUND_GW_STATS_A_RELEASES, &GatewayStats::releases},
  };
  for (const auto& [type, field] : counters) {
    RawMessage raw = gwReply();
    nlattr* gw = putGatewayWithoutStats(raw);
    nlattr* stats = mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_STATS);
    for (uint16_t old = REDUND_GW_STATS_A_ARP_REPLIES; old <= REDUND_GW_STATS_A_TX_DROPS; ++old) {
      putU64Aligned(raw.nlh(), old, 0);
    }
    putU64Aligned(raw.nlh(), type, 77);
    mnl_attr_nest_end(raw.nlh(), stats);
    mnl_attr_nest_end(raw.nlh(), gw);
    GatewayStats want{};
    want.*field = 77;
    EXPECT_EQ(parseGatewayReply(raw.message()).stats, want) << "attribute " << type;
  }
}

TEST(GwGetReply, ReleaseAdvertAndSource) {
  RawMessage raw = gwReply();
  nlattr* gw = putGatewayWithoutStats(raw);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_RELEASE_ADVERT, kRelease.advert.size(),
               kRelease.advert.data());
  const std::array<uint8_t, 4> source = {10, 0, 0, 2};
  mnl_attr_put(raw.nlh(), REDUND_GW_A_RELEASE_SOURCE, source.size(), source.data());
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_EQ(parseGatewayReply(raw.message()).release, kRelease);
}

TEST(GwGetReply, ReleaseSourceOfTheOtherFamilyThrows) {
  RawMessage raw = gwReply();
  nlattr* gw = putGatewayWithoutStats(raw);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_RELEASE_ADVERT, kRelease.advert.size(),
               kRelease.advert.data());
  const std::array<uint8_t, 16> source{};
  mnl_attr_put(raw.nlh(), REDUND_GW_A_RELEASE_SOURCE, source.size(), source.data());
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_THROW(parseGatewayReply(raw.message()), ProtocolError);
}

// Also: no REDUND_GW_A_REFRESH_INTERVAL (a module from before it) reads as off.
TEST(GwGetReply, Ipv6WithoutAddressesOrStats) {
  RawMessage raw = gwReply();
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 6);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET6);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, kVmac6.size(), kVmac6.data());
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, REDUND_GW_STATE_BACKUP);
  mnl_attr_nest_end(raw.nlh(), mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_ADDRS));
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_COUNT, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_INTERVAL, 1000);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_PERSIST, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_OWNER, 0);
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_EQ(parseGatewayReply(raw.message()),
            (GatewayInfo{.ifindex = 7,
                         .ifname = "r0",
                         .key = {.vrid = 6, .family = vrrp::Family::kIpv6},
                         .mac = kVmac6,
                         .announceIntervalMs = 1000}));
}

TEST(GwGetReply, Ipv6Addresses) {
  RawMessage raw = gwReply();
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 6);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET6);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, kVmac6.size(), kVmac6.data());
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, REDUND_GW_STATE_ACTIVE);
  nlattr* addrs = mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_ADDRS);
  putIpv6(raw.nlh(), "2001:db8::100");
  putIpv6(raw.nlh(), "fe80::1");
  mnl_attr_nest_end(raw.nlh(), addrs);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_COUNT, 3);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_INTERVAL, 1000);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_PERSIST, 1);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_OWNER, 0);
  mnl_attr_nest_end(raw.nlh(), gw);
  const GatewayInfo info = parseGatewayReply(raw.message());
  EXPECT_EQ(info.state, GatewayState::kActive);
  EXPECT_EQ(info.addresses, (std::vector{ip("2001:db8::100"), ip("fe80::1")}));
}

TEST(GwGetReply, MissingRequiredAttributesThrowNamingThem) {
  for (const uint16_t skip :
       {REDUND_GW_A_VRID, REDUND_GW_A_FAMILY, REDUND_GW_A_MAC, REDUND_GW_A_STATE, REDUND_GW_A_ADDRS,
        REDUND_GW_A_ANNOUNCE_COUNT, REDUND_GW_A_ANNOUNCE_INTERVAL, REDUND_GW_A_PERSIST,
        REDUND_GW_A_OWNER}) {
    RawMessage raw = gwReply();
    nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
    const auto put = [&](uint16_t type, auto fn) {
      if (type != skip) {
        fn();
      }
    };
    put(REDUND_GW_A_VRID, [&] { mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5); });
    put(REDUND_GW_A_FAMILY, [&] { mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET); });
    put(REDUND_GW_A_MAC, [&] { mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, 6, kVmac4.data()); });
    put(REDUND_GW_A_STATE, [&] { mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, 0); });
    put(REDUND_GW_A_ADDRS,
        [&] { mnl_attr_nest_end(raw.nlh(), mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_ADDRS)); });
    put(REDUND_GW_A_ANNOUNCE_COUNT,
        [&] { mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_COUNT, 3); });
    put(REDUND_GW_A_ANNOUNCE_INTERVAL,
        [&] { mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_INTERVAL, 1000); });
    put(REDUND_GW_A_PERSIST, [&] { mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_PERSIST, 0); });
    put(REDUND_GW_A_OWNER, [&] { mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_OWNER, 0); });
    mnl_attr_nest_end(raw.nlh(), gw);
    try {
      parseGatewayReply(raw.message());
      ADD_FAILURE() << "no error without attribute " << skip;
    } catch (const ProtocolError& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("missing attribute REDUND_GW_A_")) << e.what();
    }
  }
}

TEST(GwGetReply, MacOfWrongLengthThrows) {
  RawMessage raw = gwReply();
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, 4, kVmac4.data());
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_THROW(parseGatewayReply(raw.message()), ProtocolError);
}

TEST(GwGetReply, UnknownFamilyThrows) {
  RawMessage raw = gwReply();
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, 7);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, 6, kVmac4.data());
  mnl_attr_nest_end(raw.nlh(), gw);
  try {
    parseGatewayReply(raw.message());
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& e) {
    EXPECT_STREQ(e.what(), "invalid REDUND_GW_A_FAMILY 7");
  }
}

TEST(GwGetReply, AddressOfTheOtherFamilyThrows) {
  RawMessage raw = gwReply();
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 5);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, 6, kVmac4.data());
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_STATE, 0);
  nlattr* addrs = mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_ADDRS);
  putIpv6(raw.nlh(), "2001:db8::1");
  mnl_attr_nest_end(raw.nlh(), addrs);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_COUNT, 3);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_ANNOUNCE_INTERVAL, 1000);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_PERSIST, 0);
  mnl_attr_put_u32(raw.nlh(), REDUND_GW_A_OWNER, 0);
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_THROW(parseGatewayReply(raw.message()), ProtocolError);
}

TEST(GwGetReply, StatsMissingACounterThrow) {
  RawMessage raw = gwReply();
  nlattr* gw = putGatewayWithoutStats(raw);
  nlattr* stats = mnl_attr_nest_start(raw.nlh(), REDUND_GW_A_STATS);
  putU64Aligned(raw.nlh(), REDUND_GW_STATS_A_ARP_REPLIES, 1);
  mnl_attr_nest_end(raw.nlh(), stats);
  mnl_attr_nest_end(raw.nlh(), gw);
  EXPECT_THROW(parseGatewayReply(raw.message()), ProtocolError);
}

TEST(GwGetReply, MissingNestThrows) {
  EXPECT_THROW(parseGatewayReply(gwReply().message()), ProtocolError);
}

// ------------------------------------------------------------------ events

RawMessage gwEvent(uint8_t cmd) {
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

TEST(GwEvent, NewCarriesTheWholeGateway) {
  RawMessage raw = gwEvent(REDUND_CMD_GW_NEW_NTF);
  putFullIpv4Gateway(raw.nlh());
  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kGwNew);
  EXPECT_EQ(event.ifindex, 7U);
  EXPECT_EQ(event.gateway, kFullIpv4);
  EXPECT_EQ(event.reason, Reason::kUnspec);
}

TEST(GwEvent, DelCarriesOnlyKeyAndMac) {
  RawMessage raw = gwEvent(REDUND_CMD_GW_DEL_NTF);
  nlattr* gw = mnl_attr_nest_start(raw.nlh(), REDUND_A_GW);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_VRID, 6);
  mnl_attr_put_u8(raw.nlh(), REDUND_GW_A_FAMILY, AF_INET6);
  mnl_attr_put(raw.nlh(), REDUND_GW_A_MAC, kVmac6.size(), kVmac6.data());
  mnl_attr_nest_end(raw.nlh(), gw);
  const Event event = parse(raw);
  EXPECT_EQ(event.kind, EventKind::kGwDel);
  EXPECT_EQ(event.gateway, (GatewayInfo{.ifindex = 7,
                                        .ifname = "r0",
                                        .key = {.vrid = 6, .family = vrrp::Family::kIpv6},
                                        .mac = kVmac6}));
}

TEST(GwEvent, ChangeCarriesTheReason) {
  for (const auto& [wire, reason] : {std::pair{REDUND_REASON_ADMIN, Reason::kAdmin},
                                     std::pair{REDUND_REASON_OWNER_GONE, Reason::kOwnerGone}}) {
    RawMessage raw = gwEvent(REDUND_CMD_GW_CHANGE_NTF);
    putFullIpv4Gateway(raw.nlh());
    mnl_attr_put_u8(raw.nlh(), REDUND_A_REASON, static_cast<uint8_t>(wire));
    const Event event = parse(raw);
    EXPECT_EQ(event.kind, EventKind::kGwChange);
    EXPECT_EQ(event.reason, reason);
    EXPECT_EQ(event.gateway, kFullIpv4);
  }
}

TEST(GwEvent, WithoutTheNestThrows) {
  EXPECT_THROW(parse(gwEvent(REDUND_CMD_GW_NEW_NTF)), ProtocolError);
  EXPECT_THROW(parse(gwEvent(REDUND_CMD_GW_DEL_NTF)), ProtocolError);
}

TEST(GwEvent, NamesOfKindsAndReason) {
  EXPECT_EQ(eventName(EventKind::kGwNew), "gw_new");
  EXPECT_EQ(eventName(EventKind::kGwDel), "gw_del");
  EXPECT_EQ(eventName(EventKind::kGwChange), "gw_change");
  EXPECT_EQ(reasonName(Reason::kOwnerGone), "owner_gone");
  EXPECT_EQ(gatewayStateName(GatewayState::kMaster), "master");
  EXPECT_EQ(gatewayStateName(static_cast<GatewayState>(9)), "unknown");
  EXPECT_EQ(macText(kVmac4), "00:00:5e:00:01:05");
}

}  // namespace
}  // namespace redund::nl
