// The receiving half of both ICMP probes: a raw ICMP (or ICMPv6) socket
// that waits for the echo reply to one request and skips everything else
// it is handed (other probes' replies, ping(8)'s: a raw socket sees every
// ICMP message the host receives).
#pragma once

#include <array>
#include <cstdint>
#include <functional>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/icmp.hpp>
// clang-format on

namespace redund::health {

struct EchoReceiver {
  explicit EchoReceiver(boost::asio::io_context& io) : socket(io) {}

  // Opened (and bound) by the probe; closing it ends the wait silently.
  boost::asio::ip::icmp::socket socket;
  boost::asio::ip::address target;
  uint16_t identifier = 0;
  uint16_t sequence = 0;
  std::array<uint8_t, 1600> buffer{};
  boost::asio::ip::icmp::endpoint from;
};

// Calls `done` once: with no error when the reply from `target` with
// `identifier` and `sequence` arrives, with the error when receiving
// fails. Closing the socket ends the wait, but a completion already queued
// may still arrive (with an error): `done` must tell a cancelled probe.
// Whoever owns `receiver` must keep it alive until then (`done`
// typically holds it).
void awaitEchoReply(EchoReceiver& receiver, std::function<void(boost::system::error_code)> done);

// A fresh echo identifier per probe, from a random start, so that probes
// of one process never take each other's replies and those of two
// processes (a vrrpd and a run daemon) are unlikely to.
uint16_t newEchoIdentifier();

}  // namespace redund::health
