#include "health/port_icmp_probe.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <span>
#include <system_error>
#include <variant>
#include <vector>

// clang-format off
#include <boost/asio/generic/raw_protocol.hpp>
#include <boost/asio/ip/icmp.hpp>
#include <boost/asio/post.hpp>
// clang-format on

#include "health/echo_receiver.h"
#include "health/icmp_echo.h"
#include "util/interfaces.h"
#include "util/unique_fd.h"
#include "vrrp/checksum.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;
using asio::ip::icmp;
using PacketProtocol = asio::generic::raw_protocol;

constexpr std::size_t kEthHeader = 14;
constexpr std::size_t kArpBody = 28;
constexpr std::size_t kIpv4Header = 20;
constexpr uint16_t kArpRequest = 1;
constexpr uint16_t kArpReply = 2;
constexpr uint8_t kTtl = 64;

using Bytes = std::vector<uint8_t>;
using Mac = PortIcmpProbe::Mac;

void put16(Bytes& out, uint16_t value) {
  out.push_back(static_cast<uint8_t>(value >> 8U));
  out.push_back(static_cast<uint8_t>(value));
}

void putAll(Bytes& out, std::span<const uint8_t> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

uint16_t get16(std::span<const uint8_t> bytes, std::size_t at) {
  return static_cast<uint16_t>((bytes[at] << 8U) | bytes[at + 1]);
}

void putChecksum(Bytes& out, std::size_t from, std::size_t at) {
  const auto sum =
      static_cast<uint16_t>(~vrrp::onesComplementSum(std::as_bytes(std::span(out).subspan(from))));
  out[at] = static_cast<uint8_t>(sum >> 8U);
  out[at + 1] = static_cast<uint8_t>(sum);
}

void putEthernet(Bytes& out, const Mac& to, const Mac& from, uint16_t type) {
  putAll(out, to);
  putAll(out, from);
  put16(out, type);
}

// Who the probe is: the port, the device above it, and their addresses.
struct Path {
  int portIfindex = 0;
  int devIfindex = 0;
  Mac devMac{};
  asio::ip::address_v4 source;
};

// The path's facts, or what is missing, in words for `show`.
std::variant<Path, std::string> lookUp(const std::string& device, const std::string& port,
                                       const std::optional<asio::ip::address_v4>& source) {
  Path path;
  path.portIfindex = static_cast<int>(if_nametoindex(port.c_str()));
  if (path.portIfindex == 0) {
    return "no interface " + port;
  }
  path.devIfindex = static_cast<int>(if_nametoindex(device.c_str()));
  const UniqueFd ioctlFd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  const auto mac = ioctlFd ? util::hardwareAddress(ioctlFd.get(), device) : std::nullopt;
  if (path.devIfindex == 0 || !mac) {
    return "cannot read " + device;
  }
  path.devMac = *mac;
  if (source) {
    path.source = *source;
    return path;
  }
  std::vector<vrrp::IpAddress> addresses;
  try {
    addresses = util::interfaceAddresses(path.devIfindex, vrrp::Family::kIpv4);
  } catch (const std::system_error& e) {
    return std::string(e.what());
  }
  if (addresses.empty()) {
    return device + " has no IPv4 address; give the check a source";
  }
  const auto bytes = addresses.front().bytes();
  path.source = asio::ip::address_v4({bytes[0], bytes[1], bytes[2], bytes[3]});
  return path;
}

PacketProtocol::endpoint linkEndpoint(int ifindex, uint16_t ethertype) {
  sockaddr_ll addr{};
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ethertype);
  addr.sll_ifindex = ifindex;
  return {&addr, sizeof(addr)};
}

}  // namespace

struct PortIcmpProbe::Pending {
  explicit Pending(asio::io_context& io) : packets(io), echo(io) {}

  PacketProtocol::socket packets;  // ARP replies from every port of the device
  std::array<uint8_t, 1600> frame{};
  EchoReceiver echo;
  Done done;
  Path path;
  std::string port;
  std::shared_ptr<Learnt> learnt;
  TimePoint started;
};

PortIcmpProbe::PortIcmpProbe(asio::io_context& io, std::string device, std::string port,
                             asio::ip::address_v4 target,
                             std::optional<asio::ip::address_v4> source, Blocker blocker)
    : io_(io),
      device_(std::move(device)),
      port_(std::move(port)),
      target_(std::move(target)),
      source_(std::move(source)),
      blocker_(std::move(blocker)),
      identifier_(newEchoIdentifier()) {}

void PortIcmpProbe::start(Done done) {
  cancel();
  auto p = std::make_shared<Pending>(io_);
  pending_ = p;
  p->done = std::move(done);
  p->port = port_;
  p->learnt = learnt_;
  p->echo.target = target_;
  p->echo.identifier = identifier_;
  p->echo.sequence = ++sequence_;
  p->started = Clock::now();
  // Nothing goes out of a port that is not in the aggregate: a switch
  // would learn the device's MAC on it.
  const auto blocked = blocker_ ? blocker_() : std::nullopt;
  const auto found =
      blocked ? std::variant<Path, std::string>(*blocked) : lookUp(device_, port_, source_);
  if (const auto* missing = std::get_if<std::string>(&found)) {
    fail(p, *missing);
    return;
  }
  p->path = std::get<Path>(found);
  boost::system::error_code ec;
  p->echo.socket.open(icmp::v4(), ec);
  if (!ec) {
    p->packets.open(PacketProtocol(AF_PACKET, htons(ETH_P_ARP)), ec);
  }
  if (!ec) {
    p->packets.bind(linkEndpoint(p->path.devIfindex, ETH_P_ARP), ec);
  }
  if (!ec && !learnt_->mac) {
    Bytes request;
    putEthernet(request, Mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, p->path.devMac, ETH_P_ARP);
    put16(request, 1);  // Ethernet
    put16(request, ETH_P_IP);
    request.push_back(6);
    request.push_back(4);
    put16(request, kArpRequest);
    putAll(request, p->path.devMac);
    putAll(request, p->path.source.to_bytes());
    putAll(request, Mac{});
    putAll(request, target_.to_bytes());
    p->packets.send_to(asio::buffer(request), linkEndpoint(p->path.portIfindex, ETH_P_ARP), 0, ec);
    if (!ec) {
      awaitArp(p);
      return;
    }
  }
  if (ec) {
    fail(p, ec.message());
    return;
  }
  sendEcho(p);
}

void PortIcmpProbe::awaitArp(const std::shared_ptr<Pending>& p) {
  p->packets.async_receive(
      asio::buffer(p->frame), [p](boost::system::error_code ec, std::size_t n) {
        if (ec == asio::error::operation_aborted || !p->done) {
          return;
        }
        if (ec) {
          finish(p, {.ok = false, .latency = Clock::now() - p->started, .detail = ec.message()});
          return;
        }
        const std::span<const uint8_t> frame(p->frame.data(), n);
        const std::size_t arp = kEthHeader;
        const auto target = p->echo.target.to_v4().to_bytes();
        const bool reply = n >= kEthHeader + kArpBody && get16(frame, arp + 6) == kArpReply &&
                           std::equal(target.begin(), target.end(), frame.begin() + arp + 14);
        if (!reply) {
          awaitArp(p);
          return;
        }
        Mac mac{};
        std::copy_n(frame.begin() + arp + 8, mac.size(), mac.begin());
        p->learnt->mac = mac;
        sendEcho(p);
      });
}

void PortIcmpProbe::sendEcho(const std::shared_ptr<Pending>& p) {
  const std::vector<uint8_t> echo = echoRequest(true, p->echo.identifier, p->echo.sequence);
  Bytes frame;
  putEthernet(frame, p->learnt->mac.value(), p->path.devMac, ETH_P_IP);
  frame.push_back(0x45);  // IPv4, 20 byte header
  frame.push_back(0);
  put16(frame, static_cast<uint16_t>(kIpv4Header + echo.size()));
  put16(frame, p->echo.sequence);  // identification
  put16(frame, 0);                 // not fragmented
  frame.push_back(kTtl);
  frame.push_back(IPPROTO_ICMP);
  put16(frame, 0);
  putAll(frame, p->path.source.to_bytes());
  putAll(frame, p->echo.target.to_v4().to_bytes());
  putChecksum(frame, kEthHeader, kEthHeader + 10);
  putAll(frame, echo);
  boost::system::error_code ec;
  p->packets.send_to(asio::buffer(frame), linkEndpoint(p->path.portIfindex, ETH_P_IP), 0, ec);
  if (ec) {
    fail(p, ec.message());
    return;
  }
  awaitEchoReply(p->echo, [p](boost::system::error_code error) {
    const Duration latency = Clock::now() - p->started;
    finish(p, error ? ProbeResult{.ok = false, .latency = latency, .detail = error.message()}
                    : ProbeResult{.ok = true,
                                  .latency = latency,
                                  .detail = "echo reply, request via " + p->port});
  });
}

void PortIcmpProbe::fail(const std::shared_ptr<Pending>& p, std::string detail) {
  // Reported from the loop, never from inside start().
  asio::post(p->packets.get_executor(), [p, detail = std::move(detail)] {
    finish(p, {.ok = false, .latency = Clock::now() - p->started, .detail = detail});
  });
}

void PortIcmpProbe::finish(const std::shared_ptr<Pending>& p, const ProbeResult& result) {
  if (!p->done) {
    return;  // cancelled
  }
  if (!result.ok) {
    p->learnt->mac.reset();  // the target may have moved: ask again
  }
  const Done done = std::move(p->done);
  p->done = nullptr;
  boost::system::error_code ignored;
  p->packets.close(ignored);
  p->echo.socket.close(ignored);
  done(result);
}

void PortIcmpProbe::cancel() {
  if (pending_) {
    if (pending_->done) {
      // Cancelled while waiting: the scheduler's timeout. Ask again next time.
      learnt_->mac.reset();
    }
    pending_->done = nullptr;
    boost::system::error_code ignored;
    pending_->packets.close(ignored);
    pending_->echo.socket.close(ignored);
    pending_.reset();
  }
}

}  // namespace redund::health
