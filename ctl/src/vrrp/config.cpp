#include "vrrp/config.h"

#include <algorithm>
#include <set>
#include <string>

#include "error.h"

namespace redund::vrrp {
namespace {

constexpr int64_t kCentisecondsPerSecond = 100;
constexpr int64_t kMaxV2Seconds = 255;
constexpr int64_t kMaxV3Centiseconds = 4095;
constexpr std::size_t kMaxAddresses = 255;

[[noreturn]] void refuse(const RouterConfig& config, const std::string& what) {
  const std::string who = config.name.empty() ? "vrid " + std::to_string(config.vrid) : config.name;
  throw Error("vrrp: " + who + ": " + what);
}

}  // namespace

void validate(const RouterConfig& config) {
  if (config.vrid == 0) {
    refuse(config, "vrid must be 1-255");
  }
  if (config.priority == 0) {
    refuse(config, "priority must be 1-255 (0 is reserved for a master that stops)");
  }
  const Family family = config.family();
  if (config.version == Version::kV2 && family != Family::kIpv4) {
    refuse(config, "VRRPv2 is IPv4 only");
  }
  if (config.virtualAddresses.empty() || config.virtualAddresses.size() > kMaxAddresses) {
    refuse(config, "needs 1-255 virtual addresses");
  }
  const auto otherFamily = [family](const IpAddress& a) { return a.family() != family; };
  if (std::any_of(config.virtualAddresses.begin(), config.virtualAddresses.end(), otherFamily)) {
    refuse(config, "virtual addresses must be of the primary address's family");
  }
  if (std::any_of(config.unicastPeers.begin(), config.unicastPeers.end(), otherFamily)) {
    refuse(config, "unicast peers must be of the primary address's family");
  }
  const int64_t interval = config.advertInterval.count();
  if (config.version == Version::kV2) {
    if (interval % kCentisecondsPerSecond != 0 || interval < kCentisecondsPerSecond ||
        interval > kMaxV2Seconds * kCentisecondsPerSecond) {
      refuse(config, "a VRRPv2 advert interval is 1-255 whole seconds");
    }
  } else if (interval < 1 || interval > kMaxV3Centiseconds) {
    refuse(config, "a VRRPv3 advert interval is 1-4095 centiseconds");
  }
  if (config.preemptDelay < Duration::zero()) {
    refuse(config, "preempt delay must not be negative");
  }
  std::set<std::string> names;
  for (const TrackConfig& track : config.tracked) {
    if (track.name.empty() || !names.insert(track.name).second) {
      refuse(config, "tracked objects need distinct, non-empty names");
    }
  }
}

}  // namespace redund::vrrp
