// Layer 3 health probe through one port of a redund device: the ICMP echo
// request leaves by that port only, so its answer says whether the path
// behind the port works, not whether the device's hash found a working one.
//
// The kernel cannot do this for us: a socket bound to an enslaved port
// routes nowhere, and the port's ARP replies go to the device. So the probe
// writes whole frames: an ARP request for the target out of the port (its
// reply is read on the device, whichever port it came in by), then the echo
// request to the MAC learnt. The echo reply, also on any port, is matched by
// identifier and sequence on a raw ICMP socket. The target must be on a
// subnet of the device (a gateway, the switch, a server next to it), as for
// bonding's arp_ip_target. IPv4 only, untagged: a target on a VLAN above
// the device is out of reach.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
// clang-format on

#include "health/scheduler.h"

namespace redund::health {

class PortIcmpProbe {
 public:
  using Done = std::function<void(const ProbeResult&)>;
  using Mac = std::array<uint8_t, 6>;

  // Why the probe must not send now (the port is not in the aggregate),
  // or nullopt; the probe then fails with that reason.
  using Blocker = std::function<std::optional<std::string>()>;

  // `device` and `port` are looked up at every start(), so they may come
  // and go; `source` defaults to the device's first IPv4 address.
  PortIcmpProbe(boost::asio::io_context& io, std::string device, std::string port,
                boost::asio::ip::address_v4 target,
                std::optional<boost::asio::ip::address_v4> source = std::nullopt,
                Blocker blocker = {});
  PortIcmpProbe(const PortIcmpProbe&) = delete;
  PortIcmpProbe& operator=(const PortIcmpProbe&) = delete;
  PortIcmpProbe(PortIcmpProbe&&) = delete;
  PortIcmpProbe& operator=(PortIcmpProbe&&) = delete;
  ~PortIcmpProbe() { cancel(); }

  // ARP when no MAC is known (or the last probe failed), then one echo
  // request; `done` runs once, from the io_context, unless cancel() came
  // first.
  void start(Done done);
  void cancel();

 private:
  struct Pending;
  // The target's MAC, shared with the pending probe that learns it.
  struct Learnt {
    std::optional<Mac> mac;
  };

  static void awaitArp(const std::shared_ptr<Pending>& p);
  static void sendEcho(const std::shared_ptr<Pending>& p);
  static void fail(const std::shared_ptr<Pending>& p, std::string detail);
  static void finish(const std::shared_ptr<Pending>& p, const ProbeResult& result);

  boost::asio::io_context& io_;
  std::string device_;
  std::string port_;
  boost::asio::ip::address_v4 target_;
  std::optional<boost::asio::ip::address_v4> source_;
  Blocker blocker_;
  uint16_t identifier_;
  uint16_t sequence_ = 0;
  std::shared_ptr<Learnt> learnt_ = std::make_shared<Learnt>();
  std::shared_ptr<Pending> pending_;
};

}  // namespace redund::health
