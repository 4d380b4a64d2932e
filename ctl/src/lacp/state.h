// The eight LACP state bits of an Actor or Partner TLV (802.1AX-2014
// 6.4.2.3), as named flags.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace redund::lacp {

struct State {
  bool lacpActivity = false;     // bit 0: active LACP (false: passive)
  bool lacpTimeout = false;      // bit 1: short timeout (false: long)
  bool aggregation = false;      // bit 2: aggregatable (false: individual)
  bool synchronization = false;  // bit 3: in sync, attached to the right aggregator
  bool collecting = false;       // bit 4
  bool distributing = false;     // bit 5
  bool defaulted = false;        // bit 6: partner info is the admin default
  bool expired = false;          // bit 7: receive machine in EXPIRED

  uint8_t toByte() const;
  static State fromByte(uint8_t bits);

  bool operator==(const State&) const = default;
};

// The names of the bits that are set, lowest bit first: "lacp_activity",
// "lacp_timeout", "aggregation", "synchronization", "collecting",
// "distributing", "defaulted", "expired".
std::vector<std::string_view> toNames(const State& state);

}  // namespace redund::lacp
