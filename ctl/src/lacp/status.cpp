#include "lacp/status.h"

namespace redund::lacp {

PortStatus portStatus(const Port& port) {
  return {.ifindex = port.ifindex(),
          .name = port.config.name,
          .link = port.link,
          .actor = port.actor,
          .partner = port.partner,
          .rx = port.rx,
          .mux = port.mux,
          .periodic = port.periodic,
          .selected = port.selected,
          .actorChurn = port.actorChurn,
          .partnerChurn = port.partnerChurn,
          .standby = port.selected == Selected::kStandby,
          .fallback = port.fallback,
          .collectingDistributing = port.collectingDistributing.value_or(false),
          .counters = port.counters};
}

}  // namespace redund::lacp
