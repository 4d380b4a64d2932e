// redundctl gateway { add | set } DEV vrid N [ family FAMILY ] [ GATEWAY SETTINGS ]
// redundctl gateway { del | announce } DEV vrid N [ family FAMILY ]
// redundctl gateway [ show [ [ dev ] DEV ] [ vrid N ] [ family FAMILY ] ]
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "api.h"
#include "cli/options.h"

namespace redund::cli {

enum class GatewayAction : uint8_t { kAdd, kSet, kDel, kAnnounce, kShow };

struct GatewayCommand {
  GatewayAction action = GatewayAction::kShow;
  std::optional<std::string> dev{};  // set for all but show
  std::optional<uint8_t> vrid{};     // set for all but show
  // Add, set, del and announce: always set, from "family", else from the
  // first address, else inet. Show: only when given.
  std::optional<vrrp::Family> family{};
  // Add and set. Add: persist is on unless "persist off" was given.
  GatewaySettings settings{};

  bool operator==(const GatewayCommand&) const = default;
};

// The words after "gateway". Throws UsageError, also for state master or
// active with persist off: this process owns what it adds or sets, and a
// gateway that does not persist drops to backup when its owner exits.
GatewayCommand parseGateway(std::span<const std::string> words);
// Add, set, del and announce print nothing on `out`; show prints each
// gateway (text, or one JSON array with -j). Add and set with state active
// warn on `err` (one line; the exit status stays 0) that all-active on one
// shared L2 segment makes switches flap the virtual MAC.
void runGateway(RedundApi& api, const GatewayCommand& cmd, const GlobalOptions& opts,
                std::ostream& out, std::ostream& err);

}  // namespace redund::cli
