#include "health/check_spec.h"

#include <net/if.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "cli/errors.h"
#include "config/option_values.h"
#include "error.h"

namespace redund::health {
namespace {

using cli::UsageError;
using std::chrono::milliseconds;

constexpr int kMaxWeight = 254;
constexpr milliseconds kMaxInterval{3600000};

std::vector<std::string_view> splitCommas(std::string_view text) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto comma = text.find(',');
    parts.push_back(text.substr(0, comma));
    if (comma == std::string_view::npos) {
      return parts;
    }
    text.remove_prefix(comma + 1);
  }
}

// Every message starts with the check as written, so a config file with
// many checks says which one is wrong.
class SpecError {
 public:
  explicit SpecError(std::string_view spec) : prefix_("--check " + std::string(spec) + ": ") {}
  [[nodiscard]] UsageError operator()(std::string_view what) const {
    return UsageError{prefix_ + std::string(what)};
  }

 private:
  std::string prefix_;
};

vrrp::IpAddress address(const SpecError& error, std::string_view what, std::string_view text) {
  const auto parsed = vrrp::IpAddress::parse(text);
  if (!parsed) {
    throw error(std::string(what) + " \"" + std::string(text) +
                "\" is not an IPv4 or IPv6 address");
  }
  return *parsed;
}

void parseTarget(const SpecError& error, std::string_view target, CheckConfig& check) {
  if (target.starts_with("http://") || target.starts_with("https://")) {
    const auto hostStart = target.find("://") + 3;
    if (target.size() == hostStart || target[hostStart] == '/') {
      throw error("the URL has no host");
    }
    check.kind = Kind::kHttp;
    check.http.url = std::string(target);
    return;
  }
  if (target.starts_with("icmp:")) {
    check.kind = Kind::kIcmp;
    check.address = address(error, "the address", target.substr(5));
    return;
  }
  if (target.starts_with("tcp:")) {
    check.kind = Kind::kTcp;
    std::string_view rest = target.substr(4);
    std::string_view host;
    std::string_view port;
    if (rest.starts_with('[')) {
      const auto close = rest.find("]:");
      if (close == std::string_view::npos) {
        throw error("expected tcp:[IPV6]:PORT");
      }
      host = rest.substr(1, close - 1);
      port = rest.substr(close + 2);
    } else {
      const auto colon = rest.rfind(':');
      if (colon == std::string_view::npos || rest.find(':') != colon) {
        throw error("expected tcp:IPV4:PORT or tcp:[IPV6]:PORT");
      }
      host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
    }
    check.address = address(error, "the address", host);
    check.port = static_cast<uint16_t>(config::number("check port", port, 1, 65535));
    return;
  }
  throw error("expected icmp:ADDR, tcp:ADDR:PORT, http://... or https://...");
}

void applyKey(const SpecError& error, std::string_view key, std::string_view value,
              CheckConfig& check) {
  const bool http = check.kind == Kind::kHttp;
  if (key == "name") {
    if (value.empty()) {
      throw error("empty name");
    }
    check.name = std::string(value);
  } else if (key == "interval") {
    check.timing.interval =
        config::duration("check interval", value, milliseconds(10), kMaxInterval);
  } else if (key == "timeout") {
    check.timing.timeout = config::duration("check timeout", value, milliseconds(10), kMaxInterval);
  } else if (key == "rise") {
    check.timing.rise = config::number("check rise", value, 1, 100);
  } else if (key == "fall") {
    check.timing.fall = config::number("check fall", value, 1, 100);
  } else if (key == "weight") {
    check.weight = parseWeight(value);
  } else if (key == "source") {
    check.source = address(error, "source", value);
  } else if (key == "via") {
    // The kernel's rules for a name (dev_valid_name).
    if (value.empty() || value.size() >= IFNAMSIZ || value == "." || value == ".." ||
        value.find_first_of("/: \t\n") != std::string_view::npos) {
      throw error("via \"" + std::string(value) + "\" is not an interface name");
    }
    check.via = std::string(value);
  } else if (http && key == "status") {
    check.http.expectedStatus = config::number("check status", value, 100, 599);
  } else if (http && key == "expect") {
    if (value.empty()) {
      throw error("empty expect");
    }
    check.http.bodyContains = std::string(value);
  } else if (http && key == "host") {
    if (value.empty()) {
      throw error("empty host");
    }
    check.http.host = std::string(value);
  } else if (http && key == "interface") {
    if (value.empty() || value.size() >= 16) {
      throw error("interface \"" + std::string(value) + "\" is not an interface name");
    }
    check.interface = std::string(value);
  } else if (http && key == "verify") {
    check.http.verifyTls = config::onOff("check verify", value);
  } else {
    throw error("unknown key \"" + std::string(key) + "\"" +
                (http ? "" : " (status, expect, host, interface and verify are HTTP keys)"));
  }
}

CheckConfig parse(const SpecError& error, std::string_view spec) {
  const std::vector<std::string_view> parts = splitCommas(spec);
  CheckConfig check;
  parseTarget(error, parts.front(), check);
  check.name = std::string(parts.front());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) {
      throw error("expected KEY=VALUE, got \"" + std::string(parts[i]) + "\"");
    }
    applyKey(error, parts[i].substr(0, eq), parts[i].substr(eq + 1), check);
  }
  if (check.via && check.name == parts.front()) {
    // The same target is checked through every port: tell them apart.
    check.name += "@" + *check.via;
  }
  const bool timeoutGiven = std::any_of(parts.begin() + 1, parts.end(), [](std::string_view part) {
    return part.starts_with("timeout=");
  });
  if (!timeoutGiven) {
    // A short interval brings the default timeout down with it.
    check.timing.timeout = std::min(check.timing.timeout, check.timing.interval);
  }
  if (check.source && check.interface) {
    // libcurl binds to one or the other.
    throw error("source and interface exclude each other");
  }
  if (check.source && check.address && check.source->family() != check.address->family()) {
    throw error("source " + check.source->toString() + " is not of the target's family");
  }
  if (check.via && (check.kind != Kind::kIcmp || check.address->family() != vrrp::Family::kIpv4)) {
    throw error("via works with icmp checks of an IPv4 address only");
  }
  try {
    validate(check.timing);
  } catch (const Error& e) {
    throw error(e.what());
  }
  return check;
}

}  // namespace

int parseWeight(std::string_view text) {
  if (text == "fault") {
    return 0;
  }
  const bool negative = text.starts_with('-');
  const bool positive = text.starts_with('+');
  const std::string_view magnitude = negative || positive ? text.substr(1) : text;
  const auto value = static_cast<int>(config::number("check weight", magnitude, 0, kMaxWeight));
  return negative ? -value : value;
}

CheckConfig parseCheckSpec(std::string_view spec) {
  const SpecError error(spec);
  try {
    return parse(error, spec);
  } catch (const UsageError& e) {
    if (std::string_view(e.what()).starts_with("--check ")) {
      throw;
    }
    throw error(e.what());
  }
}

std::string_view checkSpecHelp() {
  return R"(A check SPEC is one of
  icmp:ADDR                    ICMP / ICMPv6 echo
  tcp:ADDR:PORT                TCP connect (IPv6: tcp:[ADDR]:PORT)
  http://HOST[:PORT]/PATH      HTTP GET (https:// likewise; no comma)
followed by ,KEY=VALUE pairs:
  name=NAME                    how show and the logs call it (the target)
  interval=T  timeout=T        between probe starts (2s); probe limit
                               (1s, or the interval if shorter)
  rise=N  fall=N               successes to turn up (2), failures down (3)
  weight=W|fault               down adds W < 0 to the priority, up adds
                               W > 0; fault: down means fault (-20)
  source=ADDR                  probe from this address
  via=PORT                     icmp, IPv4: send through this LAG port
                               (redundctl run only)
  status=N  expect=TEXT        HTTP: the status (200), a body substring
  host=NAME  interface=IF      HTTP: the Host header; send through IF
  verify=on|off                HTTPS: verify the certificate (on)
)";
}

}  // namespace redund::health
