// Value types shared by the VRRP core (RFC 5798 VRRPv3, RFC 3768 VRRPv2):
// time, protocol version, address family and the router's states.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <ratio>
#include <string_view>
#include <vector>

namespace redund::vrrp {

// The core never reads a clock: every call takes `now` on this time line.
using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;
// VRRPv3 counts its intervals in centiseconds (RFC 5798 5.2.7).
using Centiseconds = std::chrono::duration<int64_t, std::centi>;

using Bytes = std::vector<std::byte>;
using Mac = std::array<uint8_t, 6>;

enum class Version : uint8_t {
  kV2 = 2,  // RFC 3768: IPv4 only, interval in whole seconds
  kV3 = 3,  // RFC 5798: IPv4 and IPv6, interval in centiseconds
};

enum class Family : uint8_t {
  kIpv4,
  kIpv6,
};

// RFC 5798 6.4 has Initialize, Backup and Master. Fault is added, as in
// keepalived: the interface is down or tracking says the router must not
// serve, so it neither advertises nor listens for a master.
enum class State : uint8_t {
  kInitialize,
  kBackup,
  kMaster,
  kFault,
};

// "v2", "v3"; "ipv4", "ipv6"; "initialize", "backup", "master", "fault".
std::string_view versionName(Version version);
std::string_view familyName(Family family);
std::string_view stateName(State state);

}  // namespace redund::vrrp
