#include "lacp/state.h"

#include <array>

namespace redund::lacp {
namespace {

constexpr std::array<std::string_view, 8> kBitNames = {
    "lacp_activity", "lacp_timeout", "aggregation", "synchronization",
    "collecting",    "distributing", "defaulted",   "expired",
};

std::array<bool, 8> bitsOf(const State& s) {
  return {s.lacpActivity, s.lacpTimeout,  s.aggregation, s.synchronization,
          s.collecting,   s.distributing, s.defaulted,   s.expired};
}

}  // namespace

uint8_t State::toByte() const {
  const std::array<bool, 8> bits = bitsOf(*this);
  uint8_t byte = 0;
  for (unsigned i = 0; i < bits.size(); ++i) {
    byte |= static_cast<uint8_t>(bits[i] ? 1U << i : 0U);
  }
  return byte;
}

State State::fromByte(uint8_t bits) {
  const auto bit = [bits](unsigned i) { return (bits & (1U << i)) != 0; };
  return {.lacpActivity = bit(0),
          .lacpTimeout = bit(1),
          .aggregation = bit(2),
          .synchronization = bit(3),
          .collecting = bit(4),
          .distributing = bit(5),
          .defaulted = bit(6),
          .expired = bit(7)};
}

std::vector<std::string_view> toNames(const State& state) {
  const std::array<bool, 8> bits = bitsOf(state);
  std::vector<std::string_view> names;
  for (unsigned i = 0; i < bits.size(); ++i) {
    if (bits[i]) {
      names.push_back(kBitNames[i]);
    }
  }
  return names;
}

}  // namespace redund::lacp
