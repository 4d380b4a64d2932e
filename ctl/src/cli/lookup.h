// Interface names to indexes and back, with the errors users see.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api.h"

namespace redund::cli {

// Error "device r0 does not exist".
uint32_t interfaceIndex(RedundApi& api, const std::string& name);
// The redund device called `name`. Errors "device r0 does not exist",
// "r0 is not a redund device: <kernel text>", or "<context>: <kernel text>".
DeviceInfo redundDevice(RedundApi& api, const std::string& name, std::string_view context);
// The port of `dev` called `port`. Errors "device eth9 does not exist",
// "eth9 is not a port of r0", or "<context>: <kernel text>".
PortInfo portOf(RedundApi& api, const DeviceInfo& dev, const std::string& devName,
                const std::string& port, std::string_view context);
// `known` when not empty, else the current name, else "if<N>" (as iproute2).
std::string displayName(RedundApi& api, uint32_t ifindex, const std::string& known = {});

}  // namespace redund::cli
