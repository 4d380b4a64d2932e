// Layer 4 health probe: a TCP connect to the service, on the event
// loop. Success is an established connection (closed at once); a refusal
// or an unreachable address is a failure. The scheduler owns the timeout
// and calls cancel().
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
// clang-format on

#include "health/scheduler.h"

namespace redund::health {

class TcpProbe {
 public:
  using Done = std::function<void(const ProbeResult&)>;

  // `source`: bind to this address first (the check's source address).
  TcpProbe(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint target,
           std::optional<boost::asio::ip::address> source = std::nullopt);

  // Connects; `done` runs once, from the io_context, unless cancel() came
  // first.
  void start(Done done);
  void cancel();

 private:
  boost::asio::io_context& io_;
  boost::asio::ip::tcp::endpoint target_;
  std::optional<boost::asio::ip::address> source_;
  // Shared with the pending handler, so cancel() or the probe's end does
  // not leave it a dangling socket.
  std::shared_ptr<boost::asio::ip::tcp::socket> socket_;
};

}  // namespace redund::health
