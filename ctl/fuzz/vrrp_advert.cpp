// libFuzzer target: VRRP packets from the wire. Input: a control byte, a
// byte for the last byte of the source address, then the IP payload.
// Control bits: 0 IPv6, 1 the IPv4 pseudo-header checksum mode, 2 fix the
// checksum (so the fuzzer gets past it), 3 a v2 router (IPv4 only), 4 the
// router owns the addresses (starts as Master), 5 unicast peers, 6 TTL 254
// instead of 255. decode() must accept what encode() makes of any advert
// it decoded; then the packet goes through Router::receive().
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <variant>
#include <vector>

#include "vrrp/advert.h"
#include "vrrp/router.h"

namespace redund::vrrp {
namespace {

constexpr std::size_t kPrefixLen = 2;
constexpr uint8_t kConfigBits = 0x3f;
constexpr TimePoint kStart = TimePoint{} + std::chrono::hours(1);

IpAddress address(bool v6, uint8_t last) {
  if (v6) {
    return IpAddress::ipv6({0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last});
  }
  return IpAddress::ipv4({192, 0, 2, last});
}

RouterConfig routerConfig(uint8_t control) {
  const bool v6 = (control & 0x01U) != 0;
  RouterConfig config;
  config.name = "fuzz";
  config.version = !v6 && (control & 0x08U) != 0 ? Version::kV2 : Version::kV3;
  config.vrid = 7;
  config.priority = (control & 0x10U) != 0 ? kOwnerPriority : kDefaultPriority;
  config.primaryAddress = address(v6, 2);
  config.virtualAddresses = {address(v6, 100), address(v6, 101)};
  config.ipv4PseudoHeader = (control & 0x02U) != 0;
  if ((control & 0x20U) != 0) {
    config.unicastPeers = {address(v6, 1), address(v6, 3)};
  }
  return config;
}

// The started router for each configuration, made once: each input starts
// from a copy.
const Router& startedRouter(uint8_t control) {
  static std::array<std::unique_ptr<Router>, kConfigBits + 1> routers;
  std::unique_ptr<Router>& router = routers.at(control & kConfigBits);
  if (!router) {
    router = std::make_unique<Router>(routerConfig(control));
    router->startup(kStart);
  }
  return *router;
}

void roundTrip(const Bytes& message, const IpAddress& source, const IpAddress& destination,
               bool pseudoHeader) {
  (void)peekVrid(message);
  const auto decoded = decode(message, source, destination, pseudoHeader);
  if (const auto* advert = std::get_if<Advert>(&decoded)) {
    const auto again = decode(encode(*advert, source, destination, pseudoHeader), source,
                              destination, pseudoHeader);
    if (!std::holds_alternative<Advert>(again) || std::get<Advert>(again) != *advert) {
      std::abort();
    }
  }
}

}  // namespace
}  // namespace redund::vrrp

// libFuzzer calls it by this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, std::size_t size) {
  using namespace redund::vrrp;
  if (size < kPrefixLen) {
    return 0;
  }
  const uint8_t control = data[0];
  const RouterConfig config = routerConfig(control);
  const bool v6 = config.family() == Family::kIpv6;
  const IpAddress source = address(v6, data[1]);
  const IpAddress destination = multicastGroup(config.family());
  Bytes message(reinterpret_cast<const std::byte*>(data) + kPrefixLen,
                reinterpret_cast<const std::byte*>(data) + size);
  if ((control & 0x04U) != 0 && message.size() >= kHeaderLen) {
    const uint8_t version = std::to_integer<uint8_t>(message[0]) >> 4;
    const auto scope = checksumScope(version == 2 ? Version::kV2 : Version::kV3, config.family(),
                                     config.ipv4PseudoHeader);
    const uint16_t sum = vrrpChecksum(message, scope, source, destination);
    message[6] = std::byte{static_cast<uint8_t>(sum >> 8)};
    message[7] = std::byte{static_cast<uint8_t>(sum)};
  }
  roundTrip(message, source, destination, config.ipv4PseudoHeader);

  Router router = startedRouter(control);
  const Received packet{.message = message,
                        .source = source,
                        .destination = destination,
                        .ttl = static_cast<uint8_t>((control & 0x40U) != 0 ? 254 : 255)};
  router.receive(kStart, packet);
  return 0;
}
