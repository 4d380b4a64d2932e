#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "lacp/config.h"
#include "lacp/machine_states.h"
#include "lacp/state.h"
#include "lacp/types.h"

namespace redund::lacp {
namespace {

using Names = std::vector<std::string_view>;

TEST(LacpState, BitsFollowTheStandardOrder) {
  EXPECT_EQ(State{.lacpActivity = true}.toByte(), 0x01);
  EXPECT_EQ(State{.lacpTimeout = true}.toByte(), 0x02);
  EXPECT_EQ(State{.aggregation = true}.toByte(), 0x04);
  EXPECT_EQ(State{.synchronization = true}.toByte(), 0x08);
  EXPECT_EQ(State{.collecting = true}.toByte(), 0x10);
  EXPECT_EQ(State{.distributing = true}.toByte(), 0x20);
  EXPECT_EQ(State{.defaulted = true}.toByte(), 0x40);
  EXPECT_EQ(State{.expired = true}.toByte(), 0x80);
  for (unsigned bits = 0; bits < 256; ++bits) {
    EXPECT_EQ(State::fromByte(static_cast<uint8_t>(bits)).toByte(), bits);
  }
}

TEST(LacpState, NamesTheSetBits) {
  EXPECT_EQ(toNames(State{}), Names{});
  EXPECT_EQ(
      toNames(State::fromByte(0x3d)),
      (Names{"lacp_activity", "aggregation", "synchronization", "collecting", "distributing"}));
  EXPECT_EQ(toNames(State::fromByte(0xc2)), (Names{"lacp_timeout", "defaulted", "expired"}));
}

TEST(LacpConfig, KeysSeparateSpeeds) {
  EXPECT_EQ(keyForSpeed(1000), 3);
  EXPECT_EQ(keyForSpeed(10000), 6);
  EXPECT_EQ(keyForSpeed(100000), 12);
  EXPECT_NE(keyForSpeed(25000), keyForSpeed(10000));
  EXPECT_EQ(keyForSpeed(0), 0);
  EXPECT_EQ(keyForSpeed(1234), 0);
}

TEST(LacpConfig, NamesParseBack) {
  for (const auto policy : {SelectionPolicy::kStable, SelectionPolicy::kBandwidth,
                            SelectionPolicy::kCount, SelectionPolicy::kPriority}) {
    EXPECT_EQ(parsePolicy(policyName(policy)), policy);
  }
  EXPECT_EQ(parseMode("passive"), Mode::kPassive);
  EXPECT_EQ(parseRate("fast"), Rate::kFast);
  EXPECT_EQ(parsePolicy("fastest"), std::nullopt);
  EXPECT_EQ(parseMode(""), std::nullopt);
  EXPECT_EQ(modeName(Mode::kActive), "active");
  EXPECT_EQ(rateName(Rate::kSlow), "slow");
}

TEST(LacpNames, MachineStates) {
  EXPECT_EQ(rxStateName(RxState::kPortDisabled), "port_disabled");
  EXPECT_EQ(rxStateName(RxState::kLacpDisabled), "lacp_disabled");
  EXPECT_EQ(muxStateName(MuxState::kCollectingDistributing), "collecting_distributing");
  EXPECT_EQ(periodicStateName(PeriodicState::kSlowPeriodic), "slow_periodic");
  EXPECT_EQ(selectedName(Selected::kStandby), "standby");
  EXPECT_EQ(churnStateName(ChurnState::kChurn), "churn");
  EXPECT_EQ(machineName(Machine::kPartnerChurn), "partner_churn");
  EXPECT_EQ(macToString({0x02, 0x00, 0x5e, 0xaa, 0xbb, 0x0c}), "02:00:5e:aa:bb:0c");
}

TEST(LacpSystemId, LowerPriorityThenLowerMacIsBetter) {
  const SystemId a{.priority = 1, .mac = {0xff, 0, 0, 0, 0, 0}};
  const SystemId b{.priority = 2, .mac = {0x00, 0, 0, 0, 0, 1}};
  const SystemId c{.priority = 2, .mac = {0x00, 0, 0, 0, 0, 2}};
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

}  // namespace
}  // namespace redund::lacp
