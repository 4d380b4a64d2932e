#include "vrrp/types.h"

namespace redund::vrrp {

std::string_view versionName(Version version) { return version == Version::kV2 ? "v2" : "v3"; }

std::string_view familyName(Family family) { return family == Family::kIpv4 ? "ipv4" : "ipv6"; }

std::string_view stateName(State state) {
  switch (state) {
    case State::kInitialize:
      return "initialize";
    case State::kBackup:
      return "backup";
    case State::kMaster:
      return "master";
    case State::kFault:
      return "fault";
  }
  return "unknown";
}

}  // namespace redund::vrrp
