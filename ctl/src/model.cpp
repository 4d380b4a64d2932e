#include "model.h"

namespace redund {

std::string_view modeName(Mode mode) {
  switch (mode) {
    case Mode::kActiveBackup:
      return "active-backup";
  }
  return "unknown";
}

std::string_view reasonName(Reason reason) {
  switch (reason) {
    case Reason::kUnspec:
      return "unspec";
    case Reason::kAdmin:
      return "admin";
    case Reason::kCarrierLoss:
      return "carrier_loss";
    case Reason::kPortRemoved:
      return "port_removed";
    case Reason::kCarrierUp:
      return "carrier_up";
  }
  return "unknown";
}

std::string_view eventName(EventKind kind) {
  switch (kind) {
    case EventKind::kDevNew:
      return "dev_new";
    case EventKind::kDevDel:
      return "dev_del";
    case EventKind::kPortNew:
      return "port_new";
    case EventKind::kPortDel:
      return "port_del";
    case EventKind::kPortCarrier:
      return "port_carrier";
    case EventKind::kActiveChanged:
      return "active_changed";
  }
  return "unknown";
}

}  // namespace redund
