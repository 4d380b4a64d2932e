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
  Reason reason = Reason::kUnspec;
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

}  // namespace redund
