// libFuzzer target: Slow Protocols frames from the wire. The input is one
// frame for decode(), whose LACPDUs and Marker PDUs must survive an encode
// and decode unchanged, and for Device::receive() on a two-port LACP core,
// which runs its machines on whatever a peer might send.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>

#include "lacp/device.h"
#include "lacp/lacpdu.h"

namespace redund::lacp {
namespace {

constexpr Mac kSource = {0x02, 0, 0, 0, 0, 0x99};
constexpr TimePoint kStart = TimePoint{} + std::chrono::hours(1);

void roundTrip(std::span<const std::byte> frame) {
  const Decoded decoded = decode(frame);
  if (const auto* pdu = std::get_if<Lacpdu>(&decoded)) {
    Lacpdu expected = *pdu;
    expected.version = 1;  // encoded as 1 whatever it holds
    const Decoded again = decode(encodeLacpdu(kSource, *pdu));
    if (!std::holds_alternative<Lacpdu>(again) || std::get<Lacpdu>(again) != expected) {
      std::abort();
    }
  } else if (const auto* marker = std::get_if<MarkerPdu>(&decoded)) {
    const Decoded again = decode(encodeMarker(kSource, *marker));
    if (!std::holds_alternative<MarkerPdu>(again) || std::get<MarkerPdu>(again) != *marker) {
      std::abort();
    }
  } else if (decodeErrorName(std::get<DecodeError>(decoded)) == "unknown") {
    std::abort();
  }
}

// A device with two ports up and running, made once: each input starts
// from a copy, which costs far less than adding the ports again.
const Device& twoPortDevice() {
  static const Device kDevice = [] {
    DeviceConfig config;
    config.system = {.priority = 32768, .mac = {0x02, 0, 0, 0, 0, 0x01}};
    config.fallback.enabled = true;
    Device made(config);
    constexpr LinkState kUp{.up = true, .speedMbps = 1000, .fullDuplex = true};
    for (uint32_t ifindex = 1; ifindex <= 2; ++ifindex) {
      PortConfig port;
      port.ifindex = ifindex;
      port.name = "p" + std::to_string(ifindex);
      port.mac = {0x02, 0, 0, 0, 1, static_cast<uint8_t>(ifindex)};
      made.addPort(kStart, port, kUp);
    }
    return made;
  }();
  return kDevice;
}

// The device's receive path: what a frame does to a core whose ports are
// up and waiting for a partner. The timer run after it stays cheap, all
// timers being seconds away.
void receive(std::span<const std::byte> frame) {
  Device device = twoPortDevice();
  device.receive(kStart, 1, frame);
  device.tick(kStart + std::chrono::milliseconds(1));
}

}  // namespace
}  // namespace redund::lacp

// libFuzzer calls it by this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, std::size_t size) {
  const std::span input(reinterpret_cast<const std::byte*>(data), size);
  redund::lacp::roundTrip(input);
  redund::lacp::receive(input);
  return 0;
}
