#include "vrrp/timers.h"

namespace redund::vrrp {
namespace {

constexpr int64_t kSkewBase = 256;
constexpr Centiseconds kOneSecond{100};

}  // namespace

Centiseconds skewTime(Version version, uint8_t priority, Centiseconds masterAdverInterval) {
  const Centiseconds unit = version == Version::kV2 ? kOneSecond : masterAdverInterval;
  return Centiseconds((kSkewBase - priority) * unit.count() / kSkewBase);
}

Centiseconds masterDownInterval(Version version, uint8_t priority,
                                Centiseconds masterAdverInterval) {
  return 3 * masterAdverInterval + skewTime(version, priority, masterAdverInterval);
}

}  // namespace redund::vrrp
