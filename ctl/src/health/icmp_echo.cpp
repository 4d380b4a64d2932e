#include "health/icmp_echo.h"

#include <algorithm>
#include <array>

#include "vrrp/checksum.h"

namespace redund::health {
namespace {

constexpr uint8_t kEchoRequest4 = 8;
constexpr uint8_t kEchoReply4 = 0;
constexpr uint8_t kEchoRequest6 = 128;
constexpr uint8_t kEchoReply6 = 129;
constexpr std::size_t kIpv4MinHeader = 20;
constexpr std::size_t kEchoHeader = 8;
// Says whose echo it is to anyone capturing.
constexpr std::array<uint8_t, 9> kPayload{'r', 'e', 'd', 'u', 'n', 'd', '-', 'h', 'c'};

uint16_t get16(std::span<const uint8_t> bytes, std::size_t at) {
  return static_cast<uint16_t>((bytes[at] << 8U) | bytes[at + 1]);
}

}  // namespace

std::vector<uint8_t> echoRequest(bool v4, uint16_t identifier, uint16_t sequence) {
  std::vector<uint8_t> request(kEchoHeader + kPayload.size());
  request[0] = v4 ? kEchoRequest4 : kEchoRequest6;
  request[4] = static_cast<uint8_t>(identifier >> 8U);
  request[5] = static_cast<uint8_t>(identifier);
  request[6] = static_cast<uint8_t>(sequence >> 8U);
  request[7] = static_cast<uint8_t>(sequence);
  std::copy(kPayload.begin(), kPayload.end(), request.begin() + kEchoHeader);
  if (v4) {
    const auto sum =
        static_cast<uint16_t>(~vrrp::onesComplementSum(std::as_bytes(std::span(request))));
    request[2] = static_cast<uint8_t>(sum >> 8U);
    request[3] = static_cast<uint8_t>(sum);
  }
  return request;
}

bool isEchoReply(std::span<const uint8_t> packet, bool v4, uint16_t identifier, uint16_t sequence) {
  std::size_t at = 0;
  if (v4) {
    if (packet.size() < kIpv4MinHeader) {
      return false;
    }
    at = static_cast<std::size_t>(packet[0] & 0x0fU) * 4;
  }
  return packet.size() >= at + kEchoHeader && packet[at] == (v4 ? kEchoReply4 : kEchoReply6) &&
         get16(packet, at + 4) == identifier && get16(packet, at + 6) == sequence;
}

}  // namespace redund::health
