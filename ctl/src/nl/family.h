// Generic netlink family lookup (CTRL_CMD_GETFAMILY).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "error.h"
#include "nl/message.h"

namespace redund::nl {

class Socket;

struct Family {
  uint16_t id = 0;
  uint32_t version = 0;
  std::map<std::string, uint32_t, std::less<>> groups;  // multicast name -> id

  std::optional<uint32_t> group(std::string_view name) const;
};

// The family is not registered: its module is not loaded.
class FamilyNotFound : public Error {
 public:
  explicit FamilyNotFound(std::string_view name);
};

Message buildGetFamilyRequest(std::string_view name);
Family parseFamilyReply(const Message& reply);
// Throws FamilyNotFound, e.g. "redund kernel module not loaded (genl
// family 'redund' not found)", or what Socket::request throws.
Family resolveFamily(Socket& socket, std::string_view name);

}  // namespace redund::nl
