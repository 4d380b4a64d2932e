#include "lacp/config.h"

#include <algorithm>
#include <array>

namespace redund::lacp {
namespace {

constexpr std::array<uint32_t, 15> kSpeeds = {
    10,    100,   1000,  2500,   5000,   10000,  20000,  25000,
    40000, 50000, 56000, 100000, 200000, 400000, 800000,
};

template <typename Enum, std::size_t N>
std::optional<Enum> parse(std::string_view name, const std::array<Enum, N>& values,
                          std::string_view (*nameOf)(Enum)) {
  const auto* it =
      std::find_if(values.begin(), values.end(), [&](Enum value) { return nameOf(value) == name; });
  return it == values.end() ? std::nullopt : std::optional<Enum>(*it);
}

}  // namespace

uint16_t keyForSpeed(uint32_t speedMbps) {
  const auto* it = std::find(kSpeeds.begin(), kSpeeds.end(), speedMbps);
  return it == kSpeeds.end() ? 0 : static_cast<uint16_t>(it - kSpeeds.begin() + 1);
}

std::string_view modeName(Mode mode) {
  switch (mode) {
    case Mode::kActive:
      return "active";
    case Mode::kPassive:
      return "passive";
  }
  return "unknown";
}

std::string_view rateName(Rate rate) {
  switch (rate) {
    case Rate::kFast:
      return "fast";
    case Rate::kSlow:
      return "slow";
  }
  return "unknown";
}

std::string_view policyName(SelectionPolicy policy) {
  switch (policy) {
    case SelectionPolicy::kStable:
      return "stable";
    case SelectionPolicy::kBandwidth:
      return "bandwidth";
    case SelectionPolicy::kCount:
      return "count";
    case SelectionPolicy::kPriority:
      return "priority";
  }
  return "unknown";
}

std::optional<Mode> parseMode(std::string_view name) {
  return parse(name, std::array{Mode::kActive, Mode::kPassive}, modeName);
}

std::optional<Rate> parseRate(std::string_view name) {
  return parse(name, std::array{Rate::kFast, Rate::kSlow}, rateName);
}

std::optional<SelectionPolicy> parsePolicy(std::string_view name) {
  return parse(name,
               std::array{SelectionPolicy::kStable, SelectionPolicy::kBandwidth,
                          SelectionPolicy::kCount, SelectionPolicy::kPriority},
               policyName);
}

}  // namespace redund::lacp
