#include "nl/event.h"

#include "nl/attrs.h"
#include "nl/dev_get.h"
#include "nl/gw_get.h"
#include "nl/policy.h"
#include "nl/port_get.h"

namespace redund::nl {
namespace {

std::optional<EventKind> kindOf(uint8_t cmd) {
  switch (cmd) {
    case REDUND_CMD_DEV_NEW_NTF:
      return EventKind::kDevNew;
    case REDUND_CMD_DEV_DEL_NTF:
      return EventKind::kDevDel;
    case REDUND_CMD_PORT_NEW_NTF:
      return EventKind::kPortNew;
    case REDUND_CMD_PORT_DEL_NTF:
      return EventKind::kPortDel;
    case REDUND_CMD_PORT_CARRIER_NTF:
      return EventKind::kPortCarrier;
    case REDUND_CMD_ACTIVE_NTF:
      return EventKind::kActiveChanged;
    case REDUND_CMD_PORT_CHANGE_NTF:
      return EventKind::kPortChange;
    case REDUND_CMD_DEV_CHANGE_NTF:
      return EventKind::kDevChange;
    case REDUND_CMD_GW_NEW_NTF:
      return EventKind::kGwNew;
    case REDUND_CMD_GW_DEL_NTF:
      return EventKind::kGwDel;
    case REDUND_CMD_GW_CHANGE_NTF:
      return EventKind::kGwChange;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<Event> parseEvent(const Message& msg, std::chrono::system_clock::time_point time) {
  const auto kind = kindOf(msg.genlHeader().cmd);
  if (!kind) {
    return std::nullopt;
  }
  const Attrs attrs = Attrs::parseGenl(msg, kRedundPolicy);
  Event event;
  event.kind = *kind;
  event.time = time;
  event.ifindex = attrs.needU32(REDUND_A_DEV_IFINDEX, "REDUND_A_DEV_IFINDEX");
  event.ifname = attrs.str(REDUND_A_DEV_IFNAME).value_or("");
  switch (*kind) {
    case EventKind::kDevNew:
    case EventKind::kDevDel:
      break;
    case EventKind::kPortNew:
    case EventKind::kPortCarrier:
    case EventKind::kPortChange:
      event.port = parsePortNest(attrs.need(REDUND_A_PORT, "REDUND_A_PORT"), PortFields::kAll);
      break;
    case EventKind::kPortDel:
      event.port = parsePortNest(attrs.need(REDUND_A_PORT, "REDUND_A_PORT"), PortFields::kIdentity);
      break;
    case EventKind::kActiveChanged:
      event.activePort = attrs.u32(REDUND_A_DEV_ACTIVE_PORT);
      event.reason = static_cast<Reason>(attrs.u8(REDUND_A_REASON).value_or(REDUND_REASON_UNSPEC));
      break;
    case EventKind::kDevChange:
      event.device = parseDeviceAttrs(attrs);
      break;
    case EventKind::kGwNew:
    case EventKind::kGwDel:
    case EventKind::kGwChange:
      event.gateway = parseGatewayNest(
          attrs.need(REDUND_A_GW, "REDUND_A_GW"),
          *kind == EventKind::kGwDel ? GatewayFields::kIdentity : GatewayFields::kAll);
      event.gateway.ifindex = event.ifindex;
      event.gateway.ifname = event.ifname;
      event.reason = static_cast<Reason>(attrs.u8(REDUND_A_REASON).value_or(REDUND_REASON_UNSPEC));
      break;
  }
  return event;
}

}  // namespace redund::nl
