#include "lacp/port.h"

namespace redund::lacp {

std::optional<LagId> Port::lagId() const {
  if (!lacpEnabled()) {
    return std::nullopt;
  }
  const bool individual =
      !actor.state.aggregation || !partner.state.aggregation || partner.system == actor.system;
  return LagId{.actorKey = actor.key,
               .partnerSystem = partner.system,
               .partnerKey = partner.key,
               .speedMbps = link.speedMbps,
               .individualPort = individual ? actor.port : uint16_t{0}};
}

void Port::report(Machine machine, std::string_view from, std::string_view to, Actions& out) const {
  out.emplace_back(StateChange{.ifindex = ifindex(), .machine = machine, .from = from, .to = to});
}

bool Port::setSelected(Selected value, Actions& out) {
  if (selected == value) {
    return false;
  }
  report(Machine::kSelection, selectedName(selected), selectedName(value), out);
  selected = value;
  return true;
}

Participant defaultPartnerAdmin() {
  Participant admin;
  admin.state.lacpTimeout = true;
  return admin;
}

}  // namespace redund::lacp
