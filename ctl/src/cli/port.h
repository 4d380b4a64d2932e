// redundctl port set DEV PORT active
// redundctl port set DEV PORT [ collecting { on | off } ] [ distributing { on | off } ]
#pragma once

#include <span>
#include <string>

#include "api.h"

namespace redund::cli {

struct PortSetCommand {
  std::string dev;
  std::string port;
  bool active = false;  // alone, never with `lacp`
  PortLacpState lacp{};
};

// The words after "port". Throws UsageError.
PortSetCommand parsePort(std::span<const std::string> words);
void runPortSet(RedundApi& api, const PortSetCommand& cmd);

}  // namespace redund::cli
