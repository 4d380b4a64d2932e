#include "model.h"

#include <cstdio>

namespace redund {

std::string_view modeName(Mode mode) {
  switch (mode) {
    case Mode::kActiveBackup:
      return "active-backup";
    case Mode::kBalance:
      return "balance";
    case Mode::kLacp:
      return "lacp";
  }
  return "unknown";
}

std::string_view hashName(Hash hash) {
  switch (hash) {
    case Hash::kL2:
      return "l2";
    case Hash::kL23:
      return "l2+3";
    case Hash::kL34:
      return "l3+4";
    case Hash::kEncap23:
      return "encap2+3";
    case Hash::kEncap34:
      return "encap3+4";
  }
  return "unknown";
}

std::string_view duplexName(Duplex duplex) {
  switch (duplex) {
    case Duplex::kHalf:
      return "half";
    case Duplex::kFull:
      return "full";
    case Duplex::kUnknown:
      break;
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
    case Reason::kOwnerGone:
      return "owner_gone";
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
    case EventKind::kPortChange:
      return "port_change";
    case EventKind::kDevChange:
      return "dev_change";
    case EventKind::kGwNew:
      return "gw_new";
    case EventKind::kGwDel:
      return "gw_del";
    case EventKind::kGwChange:
      return "gw_change";
  }
  return "unknown";
}

std::string_view gatewayStateName(GatewayState state) {
  switch (state) {
    case GatewayState::kBackup:
      return "backup";
    case GatewayState::kMaster:
      return "master";
    case GatewayState::kActive:
      return "active";
  }
  return "unknown";
}

std::string_view gatewayFamilyName(vrrp::Family family) {
  return family == vrrp::Family::kIpv4 ? "inet" : "inet6";
}

std::string macText(const MacAddress& mac) {
  std::array<char, 18> buf{};
  std::snprintf(buf.data(), buf.size(), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
                mac[3], mac[4], mac[5]);
  return buf.data();
}

}  // namespace redund
