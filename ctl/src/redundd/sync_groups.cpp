#include "redundd/sync_groups.h"

#include <algorithm>
#include <utility>

namespace redund::redundd {

void SyncGroups::set(std::vector<config::SyncGroup> groups) {
  propagating_ = true;
  for (const config::SyncGroup& old : groups_) {
    for (const config::RouterKey& key : old.routers) {
      const bool stays = std::any_of(groups.begin(), groups.end(), [&](const config::SyncGroup& g) {
        return std::find(g.routers.begin(), g.routers.end(), key) != g.routers.end();
      });
      if (!stays) {
        members_.holdInFault(key, false);
      }
    }
  }
  groups_ = std::move(groups);
  for (const config::SyncGroup& group : groups_) {
    updateHolds(group);
  }
  propagating_ = false;
}

void SyncGroups::transition(const config::RouterKey& key, vrrp::State from, vrrp::State to) {
  if (propagating_) {
    return;  // the group's own doing
  }
  const config::SyncGroup* group = groupOf(key);
  if (group == nullptr) {
    return;
  }
  propagating_ = true;
  updateHolds(*group);
  for (const config::RouterKey& other : group->routers) {
    if (other == key) {
      continue;
    }
    if (to == vrrp::State::kMaster) {
      members_.syncTo(other, vrrp::State::kMaster);
    } else if (from == vrrp::State::kMaster && to == vrrp::State::kBackup) {
      members_.syncTo(other, vrrp::State::kBackup);
    }
  }
  propagating_ = false;
}

const config::SyncGroup* SyncGroups::groupOf(const config::RouterKey& key) const {
  for (const config::SyncGroup& group : groups_) {
    if (std::find(group.routers.begin(), group.routers.end(), key) != group.routers.end()) {
      return &group;
    }
  }
  return nullptr;
}

void SyncGroups::updateHolds(const config::SyncGroup& group) {
  // Each member is held while another one is faulty by itself; the
  // faulty one is in Fault anyway.
  std::vector<bool> faulty;
  for (const config::RouterKey& key : group.routers) {
    faulty.push_back(members_.ownFault(key));
  }
  const auto count = std::count(faulty.begin(), faulty.end(), true);
  for (std::size_t i = 0; i < group.routers.size(); ++i) {
    members_.holdInFault(group.routers[i], count - (faulty[i] ? 1 : 0) > 0);
  }
}

}  // namespace redund::redundd
