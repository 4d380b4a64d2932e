// Sync groups, as keepalived's vrrp_sync_group: the virtual routers of a
// group change state together, so the inside and outside addresses of one
// node move as one. A member that becomes master takes the others to
// master; one that steps down from master takes them to backup; while any
// member is in Fault by its own interface or tracking, the others are
// held in Fault. What a member does because of its group is not passed on
// again.
#pragma once

#include <vector>

#include "config/model.h"
#include "vrrp/types.h"

namespace redund::redundd {

// The routers as the daemon runs them; a key it does not run is ignored.
class SyncMembers {
 public:
  virtual ~SyncMembers() = default;
  virtual bool ownFault(const config::RouterKey& key) const = 0;
  virtual void syncTo(const config::RouterKey& key, vrrp::State member) = 0;
  virtual void holdInFault(const config::RouterKey& key, bool held) = 0;
};

class SyncGroups {
 public:
  explicit SyncGroups(SyncMembers& members) : members_(members) {}

  // The groups of the file just applied: the holds of every group are
  // worked out again, and a router that left its group is released.
  void set(std::vector<config::SyncGroup> groups);
  // A router's own transition, after its actions were carried out.
  void transition(const config::RouterKey& key, vrrp::State from, vrrp::State to);

 private:
  const config::SyncGroup* groupOf(const config::RouterKey& key) const;
  void updateHolds(const config::SyncGroup& group);

  SyncMembers& members_;
  std::vector<config::SyncGroup> groups_;
  bool propagating_ = false;
};

}  // namespace redund::redundd
