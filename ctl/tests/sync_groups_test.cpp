// Sync groups on routers simulated as far as the group sees them: a
// state, and whether the router is faulty by itself.
#include "redundd/sync_groups.h"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace redund::redundd {
namespace {

using vrrp::State;

config::RouterKey key(const std::string& device, uint8_t vrid) {
  return {.device = device, .family = vrrp::Family::kIpv4, .vrid = vrid};
}

// Each router follows what the group asks as vrrp::Router does, and
// reports its transitions back to the group, as the daemon wires it.
class FakeRouters final : public SyncMembers {
 public:
  struct Member {
    State state = State::kBackup;
    bool ownFault = false;
    bool held = false;
  };

  void attach(SyncGroups& groups) { groups_ = &groups; }

  // A router's own event: its interface or tracking, or its election.
  void own(const config::RouterKey& k, State to, bool fault = false) {
    routers[k].ownFault = fault;
    move(k, to);
  }

  bool ownFault(const config::RouterKey& k) const override {
    const auto it = routers.find(k);
    return it != routers.end() && it->second.ownFault;
  }
  void syncTo(const config::RouterKey& k, State member) override {
    Member& m = routers[k];
    asked.push_back(k.text() + " to " + std::string(vrrp::stateName(member)));
    if ((member == State::kMaster && m.state == State::kBackup) ||
        (member == State::kBackup && m.state == State::kMaster)) {
      move(k, member);
    }
  }
  void holdInFault(const config::RouterKey& k, bool held) override {
    Member& m = routers[k];
    if (m.held == held) {
      return;
    }
    m.held = held;
    if (held && m.state != State::kFault) {
      move(k, State::kFault);
    } else if (!held && !m.ownFault && m.state == State::kFault) {
      move(k, State::kBackup);
    }
  }

  std::map<config::RouterKey, Member> routers;
  std::vector<std::string> asked;

 private:
  void move(const config::RouterKey& k, State to) {
    const State from = routers[k].state;
    if (from == to) {
      return;
    }
    routers[k].state = to;
    groups_->transition(k, from, to);
  }

  SyncGroups* groups_ = nullptr;
};

struct SyncGroupsTest : ::testing::Test {
  SyncGroupsTest() {
    fake.attach(groups);
    for (const auto& k : {inside, outside, other}) {
      fake.routers[k] = {};
    }
    groups.set({{.name = "g", .routers = {inside, outside}}});
  }

  State state(const config::RouterKey& k) { return fake.routers.at(k).state; }

  const config::RouterKey inside = key("r0", 1);
  const config::RouterKey outside = key("r1", 2);
  const config::RouterKey other = key("r2", 3);  // in no group
  FakeRouters fake;
  SyncGroups groups{fake};
};

TEST_F(SyncGroupsTest, OneBecomingMasterTakesTheOthersAlong) {
  fake.own(inside, State::kMaster);
  EXPECT_EQ(state(outside), State::kMaster);
  EXPECT_EQ(state(other), State::kBackup) << "not in the group";
}

TEST_F(SyncGroupsTest, OneSteppingDownTakesTheOthersToBackup) {
  fake.own(inside, State::kMaster);
  fake.own(outside, State::kBackup);  // it heard a better advert
  EXPECT_EQ(state(inside), State::kBackup);
}

TEST_F(SyncGroupsTest, WhatTheGroupDidIsNotPassedOnAgain) {
  fake.own(inside, State::kMaster);
  EXPECT_EQ(fake.asked, std::vector<std::string>{"r1 vrid 2 inet to master"});
}

TEST_F(SyncGroupsTest, AFaultyMemberHoldsTheOthersInFaultUntilItRecovers) {
  fake.own(inside, State::kMaster);
  fake.own(outside, State::kFault, true);  // its uplink went down
  EXPECT_EQ(state(inside), State::kFault);
  EXPECT_TRUE(fake.routers.at(inside).held);
  fake.own(outside, State::kBackup, false);
  EXPECT_EQ(state(inside), State::kBackup) << "released, it elects again";
  EXPECT_FALSE(fake.routers.at(inside).held);
}

TEST_F(SyncGroupsTest, TwoFaultyMembersReleaseOnlyWhenBothRecovered) {
  const config::RouterKey third = key("r3", 4);
  fake.routers[third] = {};
  groups.set({{.name = "g", .routers = {inside, outside, third}}});
  fake.own(inside, State::kFault, true);
  fake.routers.at(outside).ownFault = true;  // faulty while already held
  fake.own(inside, State::kBackup, false);
  EXPECT_EQ(state(inside), State::kFault) << "outside is still faulty";
  EXPECT_EQ(state(third), State::kFault);
}

TEST_F(SyncGroupsTest, ARouterThatLeavesItsGroupIsReleased) {
  fake.own(outside, State::kFault, true);
  ASSERT_TRUE(fake.routers.at(inside).held);
  groups.set({});
  EXPECT_FALSE(fake.routers.at(inside).held);
  EXPECT_EQ(state(inside), State::kBackup);
}

}  // namespace
}  // namespace redund::redundd
