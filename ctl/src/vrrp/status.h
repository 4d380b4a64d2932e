// The state of one virtual router as `show -j` prints it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vrrp/address.h"
#include "vrrp/config.h"
#include "vrrp/drop.h"
#include "vrrp/tracking.h"
#include "vrrp/types.h"

namespace redund::vrrp {

struct Counters {
  uint64_t advertsIn = 0;   // accepted adverts, priority 0 included
  uint64_t advertsOut = 0;  // one per destination
  uint64_t priorityZeroIn = 0;
  uint64_t priorityZeroOut = 0;
  // Adverts a master heard from a lower priority router that believed it
  // was master too (a healed partition, a backup whose timer ran late).
  uint64_t lowerPriorityIn = 0;
  uint64_t becameMaster = 0;
  uint64_t becameBackup = 0;
  uint64_t becameFault = 0;
  // Adverts whose address list differs from ours, dropped or not: RFC 5798
  // only asks to log it (v3 processes them), RFC 3768 drops them unless the
  // owner sent them (then drops counts them too).
  uint64_t addressMismatch = 0;
  DropCounters drops{};

  bool operator==(const Counters&) const = default;
};

struct Status {
  std::string name{};
  Version version = Version::kV3;
  Family family = Family::kIpv4;
  uint8_t vrid = 0;
  State state = State::kInitialize;
  uint8_t configuredPriority = 0;
  uint8_t effectivePriority = 0;  // 0 while tracking holds the router in Fault
  bool interfaceUp = false;
  bool preempt = false;
  Duration preemptDelay{};
  bool acceptMode = false;
  bool ipv4PseudoHeader = true;
  IpAddress primaryAddress{};
  Mac virtualMac{};
  std::vector<IpAddress> virtualAddresses{};
  std::vector<IpAddress> unicastPeers{};
  // Ourselves in Master; the sender of the last advert heard in Backup;
  // nullopt when nobody is known.
  std::optional<IpAddress> masterAddress{};
  uint8_t masterPriority = 0;
  Centiseconds advertInterval{};
  Centiseconds masterAdverInterval{};
  Centiseconds masterDownInterval{};
  Centiseconds skewTime{};
  // Time left on each running timer; nullopt when stopped.
  std::optional<Duration> adverTimer{};
  std::optional<Duration> masterDownTimer{};
  std::optional<Duration> preemptDelayLeft{};
  std::vector<TrackedObject> tracked{};
  Counters counters{};
};

}  // namespace redund::vrrp
