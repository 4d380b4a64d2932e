// What one health check probes and how its result moves a virtual router:
// the parsed form of `--check SPEC` (check_spec.h). Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "health/scheduler.h"
#include "vrrp/address.h"

namespace redund::health {

enum class Kind : uint8_t { kIcmp, kTcp, kHttp };

// "icmp", "tcp", "http" (HTTPS included: the URL's scheme tells).
std::string_view kindName(Kind kind);

struct HttpExpectations {
  std::string url{};
  unsigned expectedStatus = 200;
  std::optional<std::string> bodyContains{};
  std::optional<std::string> host{};  // the Host header, instead of the URL's
  bool verifyTls = true;

  bool operator==(const HttpExpectations&) const = default;
};

struct CheckConfig {
  std::string name{};  // unique among a daemon's checks; names the track
  Kind kind = Kind::kIcmp;
  // icmp and tcp: the address probed; tcp adds the port.
  std::optional<vrrp::IpAddress> address{};
  uint16_t port = 0;
  HttpExpectations http{};
  std::optional<vrrp::IpAddress> source{};
  std::optional<std::string> interface {};  // http only (CURLOPT_INTERFACE)
  // icmp over IPv4 only: the LAG port the echo request leaves by
  // (port_icmp_probe.h); such a check takes that port out of distributing
  // in `redundctl run` instead of moving a priority.
  std::optional<std::string> via{};
  Timing timing{};
  // As vrrp::TrackConfig::weight: < 0 lowers the priority while the check
  // is down, > 0 raises it while up, 0 holds the router in Fault while down.
  int weight = -20;

  // What is probed, as given: "10.0.0.1", "10.0.0.1:80", the URL.
  std::string target() const;
  bool operator==(const CheckConfig&) const = default;
};

}  // namespace redund::health
