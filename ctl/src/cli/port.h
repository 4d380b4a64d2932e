// redundctl port set DEV PORT active
#pragma once

#include <span>
#include <string>

#include "api.h"

namespace redund::cli {

struct PortSetCommand {
  std::string dev;
  std::string port;
  bool active = false;
};

// The words after "port". Throws UsageError.
PortSetCommand parsePort(std::span<const std::string> words);
void runPortSet(RedundApi& api, const PortSetCommand& cmd);

}  // namespace redund::cli
