// Layer 3 health probe: one ICMP (or ICMPv6) echo request, success when
// the matching echo reply comes back. A raw socket per probe, so replies
// to other probes or to ping(8) are told apart by identifier, sequence
// and source. The scheduler owns the timeout and calls cancel().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/icmp.hpp>
// clang-format on

#include "health/scheduler.h"

namespace redund::health {

class IcmpProbe {
 public:
  using Done = std::function<void(const ProbeResult&)>;

  IcmpProbe(boost::asio::io_context& io, boost::asio::ip::address target,
            std::optional<boost::asio::ip::address> source = std::nullopt);

  // Sends one echo request; `done` runs once, from the io_context, unless
  // cancel() came first.
  void start(Done done);
  void cancel();

 private:
  struct Pending;
  static void finish(const std::shared_ptr<Pending>& p, const ProbeResult& result);

  boost::asio::io_context& io_;
  boost::asio::ip::address target_;
  std::optional<boost::asio::ip::address> source_;
  uint16_t identifier_;
  uint16_t sequence_ = 0;
  std::shared_ptr<Pending> pending_;
};

}  // namespace redund::health
