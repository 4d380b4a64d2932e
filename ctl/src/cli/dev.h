// redundctl dev set DEV [ mode MODE ] [ hash HASH ] [ min-links N ]
#pragma once

#include <span>
#include <string>

#include "api.h"

namespace redund::cli {

struct DevSetCommand {
  std::string dev;
  DeviceSettings settings{};  // at least one field set
};

// The words after "dev". Throws UsageError.
DevSetCommand parseDev(std::span<const std::string> words);
void runDevSet(RedundApi& api, const DevSetCommand& cmd);

}  // namespace redund::cli
