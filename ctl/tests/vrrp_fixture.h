// Helpers for the VRRP core tests: sample configurations, adverts as a
// peer would send them, and picking actions out of a call's result.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "only_actions.h"
#include "vrrp/advert.h"
#include "vrrp/router.h"

namespace redund::vrrp::test {

inline constexpr TimePoint kStart = TimePoint{} + std::chrono::hours(1);

inline IpAddress ip(std::string_view text) { return IpAddress::parse(text).value(); }

// VRID 7, us 192.0.2.2, virtual 192.0.2.100 and 192.0.2.101.
inline RouterConfig ipv4Config(uint8_t priority = kDefaultPriority,
                               Version version = Version::kV3) {
  RouterConfig config;
  config.name = "vr7";
  config.version = version;
  config.vrid = 7;
  config.priority = priority;
  config.primaryAddress = ip("192.0.2.2");
  config.virtualAddresses = {ip("192.0.2.100"), ip("192.0.2.101")};
  return config;
}

// VRID 7, us fe80::2, virtual fe80::7 and 2001:db8::7.
inline RouterConfig ipv6Config(uint8_t priority = kDefaultPriority) {
  RouterConfig config = ipv4Config(priority);
  config.primaryAddress = ip("fe80::2");
  config.virtualAddresses = {ip("fe80::7"), ip("2001:db8::7")};
  return config;
}

// A packet as the raw socket would hand it over; owns its bytes.
struct Packet {
  Bytes bytes{};
  IpAddress source{};
  IpAddress destination{};
  uint8_t ttl = 255;

  Received received() const {
    return {.message = bytes, .source = source, .destination = destination, .ttl = ttl};
  }
};

// The advert a peer at `source` sends for `config`'s virtual router, to
// the multicast group.
inline Packet advertFrom(const RouterConfig& config, std::string_view source, uint8_t priority,
                         Centiseconds interval = Centiseconds(0)) {
  const Advert advert{.version = config.version,
                      .vrid = config.vrid,
                      .priority = priority,
                      .interval = interval.count() == 0 ? config.advertInterval : interval,
                      .addresses = config.virtualAddresses};
  const IpAddress from = ip(source);
  const IpAddress to = multicastGroup(from.family());
  return {.bytes = encode(advert, from, to, config.ipv4PseudoHeader),
          .source = from,
          .destination = to};
}

using redund::test::only;

inline Bytes bytesOf(const std::vector<uint8_t>& raw) {
  Bytes bytes;
  for (const uint8_t b : raw) {
    bytes.push_back(std::byte{b});
  }
  return bytes;
}

}  // namespace redund::vrrp::test
