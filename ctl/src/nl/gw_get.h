// REDUND_CMD_GW_GET: read virtual gateways; the REDUND_A_GW nest that
// replies and GW_*_NTF events carry.
#pragma once

#include <cstdint>
#include <optional>

#include "model.h"
#include "nl/message.h"

struct nlattr;

namespace redund::nl {

// AF_INET or AF_INET6, as REDUND_GW_A_FAMILY carries it.
uint8_t addressFamily(vrrp::Family family);
// REDUND_GW_A_VRID and REDUND_GW_A_FAMILY, the two attributes that name a
// gateway in every request, inside the REDUND_A_GW nest being filled.
void putGatewayKey(Message& msg, const GatewayKey& key);

Message buildGwGetRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key);
// Every gateway of `devIfindex`, or of every redund device when unset.
Message buildGwDumpRequest(uint16_t family, std::optional<uint32_t> devIfindex);
// One reply message: the device attributes and a REDUND_A_GW nest.
GatewayInfo parseGatewayReply(const Message& reply);

enum class GatewayFields : uint8_t {
  // As in GW_GET: every attribute but the stats nest is required; a stats
  // nest, when present, must hold every counter but those of invalid
  // requests (0 when absent).
  kAll,
  kIdentity,  // as in GW_DEL_NTF: VRID, FAMILY and MAC
};
// A REDUND_A_GW nest; leaves the device fields (ifindex, ifname) unset.
// ProtocolError for a family other than AF_INET and AF_INET6, or an
// address of the other family.
GatewayInfo parseGatewayNest(const nlattr* nest, GatewayFields fields);

}  // namespace redund::nl
