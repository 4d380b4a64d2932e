// REDUND_CMD_PORT_GET: read the ports of one redund device.
#pragma once

#include <cstdint>

#include "model.h"
#include "nl/message.h"

struct nlattr;

namespace redund::nl {

Message buildPortDumpRequest(uint16_t family, uint32_t devIfindex);
// One reply message: the device attributes and a REDUND_A_PORT nest.
PortInfo parsePortReply(const Message& reply);

enum class PortFields : uint8_t {
  // As in PORT_GET: the attributes of the first module version are
  // required; the later ones (collecting ... stats) are left unset when
  // absent. A stats nest, when present, must hold every counter.
  kAll,
  kIdentity,  // as in PORT_DEL_NTF: only REDUND_PORT_A_IFINDEX
};
// A REDUND_A_PORT nest.
PortInfo parsePortNest(const nlattr* nest, PortFields fields);

}  // namespace redund::nl
