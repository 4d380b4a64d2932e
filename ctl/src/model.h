// What redundctl knows about redund devices, ports and events, independent
// of how it learned it (netlink, or a fake in tests).
#pragma once

#include <linux/redund.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vrrp/address.h"
#include "vrrp/types.h"

namespace redund {

enum class Mode : uint8_t {
  kActiveBackup = REDUND_MODE_ACTIVE_BACKUP,
  kBalance = REDUND_MODE_BALANCE,
  kLacp = REDUND_MODE_LACP,
};

// Transmit hash policy (enum redund_hash).
enum class Hash : uint8_t {
  kL2 = REDUND_HASH_L2,
  kL23 = REDUND_HASH_L23,
  kL34 = REDUND_HASH_L34,
  kEncap23 = REDUND_HASH_ENCAP23,
  kEncap34 = REDUND_HASH_ENCAP34,
};

enum class Duplex : uint8_t {
  kHalf = REDUND_DUPLEX_HALF,
  kFull = REDUND_DUPLEX_FULL,
  kUnknown = REDUND_DUPLEX_UNKNOWN,
};

// Every value, in the header's order (for parsing names and listing them).
inline constexpr std::array kModes = {Mode::kActiveBackup, Mode::kBalance, Mode::kLacp};
inline constexpr std::array kHashes = {Hash::kL2, Hash::kL23, Hash::kL34, Hash::kEncap23,
                                       Hash::kEncap34};

// REDUND_PORT_A_SPEED of a port whose driver does not know its speed.
inline constexpr uint32_t kSpeedUnknown = REDUND_SPEED_UNKNOWN;

// Why the active port changed (enum redund_reason).
enum class Reason : uint8_t {
  kUnspec = REDUND_REASON_UNSPEC,
  kAdmin = REDUND_REASON_ADMIN,
  kCarrierLoss = REDUND_REASON_CARRIER_LOSS,
  kPortRemoved = REDUND_REASON_PORT_REMOVED,
  kCarrierUp = REDUND_REASON_CARRIER_UP,
  kOwnerGone = REDUND_REASON_OWNER_GONE,  // GW_CHANGE_NTF: the owner socket closed
};

enum class EventKind : uint8_t {
  kDevNew,
  kDevDel,
  kPortNew,
  kPortDel,
  kPortCarrier,
  kActiveChanged,
  kPortChange,  // collecting or distributing changed by request
  kDevChange,   // mode, hash policy, min-links or carrier changed
  kGwNew,
  kGwDel,
  kGwChange,  // by GW_SET (reason admin) or because its owner is gone
};

// REDUND_PORT_A_STATS: counted by the module since the port was added.
struct PortStats {
  uint64_t rxPackets = 0;  // passed to the device
  uint64_t rxBytes = 0;
  uint64_t rxDrops = 0;    // received while not collecting
  uint64_t txPackets = 0;  // handed to the port
  uint64_t txBytes = 0;
  uint64_t txDrops = 0;  // refused by the port

  bool operator==(const PortStats&) const = default;
};

struct PortInfo {
  uint32_t ifindex = 0;
  std::string ifname{};  // empty when the kernel did not say
  bool carrier = false;
  bool active = false;
  uint32_t linkFailures = 0;
  // Absent from modules older than balance and lacp modes.
  std::optional<bool> collecting{};
  std::optional<bool> distributing{};
  std::optional<uint32_t> txBuckets{};  // of REDUND_TX_BUCKETS
  std::optional<uint32_t> speed{};      // Mb/s, or kSpeedUnknown
  std::optional<Duplex> duplex{};
  std::optional<PortStats> stats{};

  bool operator==(const PortInfo&) const = default;
};

struct DeviceInfo {
  uint32_t ifindex = 0;
  std::string ifname{};  // empty when the kernel did not say
  Mode mode = Mode::kActiveBackup;
  bool carrier = false;
  uint32_t numPorts = 0;
  std::optional<uint32_t> activePort{};  // ifindex; none when absent
  // Absent from modules older than balance and lacp modes.
  std::optional<Hash> hash{};
  std::optional<uint32_t> minLinks{};  // ports that must transmit for carrier
  std::optional<uint32_t> txPorts{};   // ports transmitting now

  bool operator==(const DeviceInfo&) const = default;
};

// What a virtual gateway does with its virtual IPs and MAC (enum
// redund_gw_state).
enum class GatewayState : uint8_t {
  kBackup = REDUND_GW_STATE_BACKUP,  // silent
  kMaster = REDUND_GW_STATE_MASTER,  // the elected gateway: answers, receives
  kActive = REDUND_GW_STATE_ACTIVE,  // all-active or anycast: as master
};
inline constexpr std::array kGatewayStates = {GatewayState::kBackup, GatewayState::kMaster,
                                              GatewayState::kActive};

using MacAddress = std::array<uint8_t, 6>;

// A gateway's name on its device: VRID and address family (an IPv4 and an
// IPv6 gateway may share a VRID).
struct GatewayKey {
  uint8_t vrid = 0;  // 1..255
  vrrp::Family family = vrrp::Family::kIpv4;

  bool operator==(const GatewayKey&) const = default;
};

// REDUND_GW_A_STATS: counted by the module since the gateway was added.
struct GatewayStats {
  uint64_t arpReplies = 0;  // ARP replies sent
  uint64_t naSent = 0;      // solicited NAs sent
  uint64_t announces = 0;   // gratuitous ARPs or unsolicited NAs sent
  uint64_t rxVmac = 0;      // frames to the virtual MAC taken
  uint64_t rxDrops = 0;     // requests for a virtual IP consumed unanswered
  uint64_t txDrops = 0;     // host ARP/ND from a virtual IP dropped in backup
  // Requests for a virtual IP dropped unanswered as invalid, by reason
  // (0 from a module that does not count them):
  uint64_t arpBadSenderMac = 0;  // sender MAC or Ethernet source not unicast
  uint64_t arpBadSenderIp = 0;   // sender IP multicast or 255.255.255.255
  uint64_t nsBadSource = 0;      // IPv6 source multicast, Ethernet source not unicast
  uint64_t nsBadOption = 0;      // an option of length 0 or past the end
  uint64_t nsDadBadDest = 0;     // from :: to no solicited-node group
  uint64_t nsDadSllao = 0;       // from :: with a source link-layer address option
  uint64_t releases = 0;         // priority-0 adverts sent for a master left by its owner

  bool operator==(const GatewayStats&) const = default;
};

// The priority-0 VRRP advert the module sends for a master gateway whose
// owner socket closes: RFC 5798's goodbye, for a controller killed before
// it could send one, so that the backup takes over after Skew_Time.
struct GatewayRelease {
  vrrp::IpAddress source{};  // of the gateway's family
  vrrp::Bytes advert{};      // the VRRP message, checksum included
  bool operator==(const GatewayRelease&) const = default;
};

// One virtual gateway as GW_GET reads it. GW_DEL_NTF fills only the
// device, key and mac.
struct GatewayInfo {
  uint32_t ifindex = 0;  // the redund device
  std::string ifname{};  // empty when the kernel did not say
  GatewayKey key{};
  MacAddress mac{};
  GatewayState state = GatewayState::kBackup;
  std::vector<vrrp::IpAddress> addresses{};  // all of key.family
  uint32_t announceCount = 0;
  uint32_t announceIntervalMs = 0;
  uint32_t refreshIntervalMs = 0;  // 0: off (also from a module without it)
  bool persist = false;
  uint32_t owner = 0;  // netlink port id of the owner socket; 0 when gone
  std::optional<GatewayRelease> release{};
  std::optional<GatewayStats> stats{};

  bool operator==(const GatewayInfo&) const = default;
};

struct Event {
  EventKind kind = EventKind::kDevNew;
  uint32_t ifindex = 0;  // the redund device
  std::string ifname{};
  // Port events. kPortDel fills only ifindex and ifname.
  PortInfo port{};
  // kDevChange: the whole device, as DEV_GET reads it.
  DeviceInfo device{};
  // kActiveChanged.
  std::optional<uint32_t> activePort{};
  Reason reason = Reason::kUnspec;  // also kGwChange
  // kGwNew, kGwDel, kGwChange.
  GatewayInfo gateway{};
  // When redundctl received the event.
  std::chrono::system_clock::time_point time{};

  bool operator==(const Event&) const = default;
};

// Names as shown to users: "active-backup", "l3+4", "full",
// "carrier_loss", "port_new"... Values from a newer kernel map to "unknown".
std::string_view modeName(Mode mode);
std::string_view hashName(Hash hash);
std::string_view duplexName(Duplex duplex);
std::string_view reasonName(Reason reason);
std::string_view eventName(EventKind kind);
// "backup", "master", "active"; "inet", "inet6" (as ip(8) names them).
std::string_view gatewayStateName(GatewayState state);
std::string_view gatewayFamilyName(vrrp::Family family);
// "00:00:5e:00:01:05".
std::string macText(const MacAddress& mac);

}  // namespace redund
