// What redundctl knows about redund devices, ports and events, independent
// of how it learned it (netlink, or a fake in tests).
#pragma once

#include <linux/redund.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redund {

enum class Mode : uint8_t {
  kActiveBackup = REDUND_MODE_ACTIVE_BACKUP,
};

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
};

struct PortInfo {
  uint32_t ifindex = 0;
  std::string ifname{};  // empty when the kernel did not say
  bool carrier = false;
  bool active = false;
  uint32_t linkFailures = 0;

  bool operator==(const PortInfo&) const = default;
};

struct DeviceInfo {
  uint32_t ifindex = 0;
  std::string ifname{};  // empty when the kernel did not say
  Mode mode = Mode::kActiveBackup;
  bool carrier = false;
  uint32_t numPorts = 0;
  std::optional<uint32_t> activePort{};  // ifindex; none when absent

  bool operator==(const DeviceInfo&) const = default;
};

struct Event {
  EventKind kind = EventKind::kDevNew;
  uint32_t ifindex = 0;  // the redund device
  std::string ifname{};
  // Port events. kPortDel fills only ifindex and ifname.
  PortInfo port{};
  // kActiveChanged.
  std::optional<uint32_t> activePort{};
  Reason reason = Reason::kUnspec;
  // When redundctl received the event.
  std::chrono::system_clock::time_point time{};

  bool operator==(const Event&) const = default;
};

// Names as shown to users: "active-backup", "carrier_loss", "port_new"...
// Values from a newer kernel map to "unknown".
std::string_view modeName(Mode mode);
std::string_view reasonName(Reason reason);
std::string_view eventName(EventKind kind);

}  // namespace redund
