#include "health/check.h"

namespace redund::health {

std::string_view kindName(Kind kind) {
  switch (kind) {
    case Kind::kTcp:
      return "tcp";
    case Kind::kHttp:
      return "http";
    case Kind::kIcmp:
      break;
  }
  return "icmp";
}

std::string CheckConfig::target() const {
  switch (kind) {
    case Kind::kHttp:
      return http.url;
    case Kind::kTcp: {
      const std::string host = address ? address->toString() : "";
      const bool v6 = address && address->family() == vrrp::Family::kIpv6;
      return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
    }
    case Kind::kIcmp:
      break;
  }
  return address ? address->toString() : "";
}

}  // namespace redund::health
