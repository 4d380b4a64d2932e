// What the administrator tells one virtual router. The daemon fills it
// from its options; validate() refuses what RFC 5798 and RFC 3768 do not
// allow before the router runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "vrrp/address.h"
#include "vrrp/types.h"

namespace redund::vrrp {

inline constexpr uint8_t kDefaultPriority = 100;
// The address owner's priority: it starts as master at once.
inline constexpr uint8_t kOwnerPriority = 255;
// The highest priority a router that does not own the addresses can have.
inline constexpr uint8_t kMaxBackupPriority = 254;
inline constexpr Centiseconds kDefaultAdvertInterval{100};
// Lowers the priority by 20 while the object is down.
inline constexpr int kDefaultTrackWeight = -20;

// An object whose state moves the priority: an interface, later a health
// check. Like keepalived's track_interface and track_script weights.
struct TrackConfig {
  std::string name{};
  // > 0: added to the priority while the object is up.
  // < 0: added (so subtracted) while the object is down.
  //   0: the router goes to Fault while the object is down.
  int weight = kDefaultTrackWeight;
  // Interfaces are read at start; a health check has not run yet, and
  // counts as down until it proves up.
  bool initiallyUp = true;

  bool operator==(const TrackConfig&) const = default;
};

struct RouterConfig {
  std::string name{};  // for logs and show
  Version version = Version::kV3;
  uint8_t vrid = 1;
  // 1-254, or kOwnerPriority for the router that owns the virtual addresses.
  uint8_t priority = kDefaultPriority;
  // The source of our adverts, and our side of the tie-break on equal
  // priority. Its family is the router's family.
  IpAddress primaryAddress{};
  // At least one. For IPv6 RFC 5798 wants the first to be link-local.
  std::vector<IpAddress> virtualAddresses{};
  // v3: 1-4095 centiseconds; v2: whole seconds, 1-255.
  Centiseconds advertInterval = kDefaultAdvertInterval;
  bool preempt = true;
  // After startup or leaving Fault, a higher priority backup waits this
  // long before it preempts a master (keepalived's preempt_delay).
  Duration preemptDelay{};
  // RFC 5798 Accept_Mode: the master accepts packets for the virtual
  // addresses it does not own. Carried for the daemon; the core ignores it.
  bool acceptMode = false;
  // v3 over IPv4: checksum the pseudo-header too (RFC 5798 5.2.8). Off is
  // FRR's `no checksum-with-ipv4-pseudoheader` and keepalived's
  // `v3_checksum_as_v2`, for peers that checksum the message only.
  bool ipv4PseudoHeader = true;
  // Send adverts to these addresses instead of the multicast group, and
  // accept adverts only from them. Empty: multicast.
  std::vector<IpAddress> unicastPeers{};
  std::vector<TrackConfig> tracked{};

  Family family() const { return primaryAddress.family(); }
  bool owner() const { return priority == kOwnerPriority; }

  bool operator==(const RouterConfig&) const = default;
};

// Throws redund::Error naming the first invalid field.
void validate(const RouterConfig& config);

}  // namespace redund::vrrp
