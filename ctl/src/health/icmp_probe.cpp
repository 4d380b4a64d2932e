#include "health/icmp_probe.h"

#include <unistd.h>

#include <span>
#include <vector>

#include "vrrp/checksum.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;
using asio::ip::icmp;

constexpr uint8_t kEchoRequest4 = 8;
constexpr uint8_t kEchoReply4 = 0;
constexpr uint8_t kEchoRequest6 = 128;
constexpr uint8_t kEchoReply6 = 129;
constexpr std::size_t kIpv4MinHeader = 20;
constexpr std::size_t kEchoHeader = 8;

}  // namespace

struct IcmpProbe::Pending {
  explicit Pending(asio::io_context& io) : socket(io) {}

  icmp::socket socket;
  std::array<uint8_t, 1500> buffer{};
  icmp::endpoint from;
  Done done;
  asio::ip::address target;
  TimePoint started;
  uint16_t identifier = 0;
  uint16_t sequence = 0;
  bool v4 = true;
};

IcmpProbe::IcmpProbe(asio::io_context& io, asio::ip::address target,
                     std::optional<asio::ip::address> source)
    : io_(io), target_(std::move(target)), source_(std::move(source)) {}

void IcmpProbe::start(Done done) {
  cancel();
  auto p = std::make_shared<Pending>(io_);
  pending_ = p;
  p->done = std::move(done);
  p->target = target_;
  p->v4 = target_.is_v4();
  p->identifier = static_cast<uint16_t>(getpid());
  p->sequence = ++sequence_;
  std::vector<uint8_t> request{p->v4 ? kEchoRequest4 : kEchoRequest6,
                               0,
                               0,
                               0,
                               static_cast<uint8_t>(p->identifier >> 8U),
                               static_cast<uint8_t>(p->identifier),
                               static_cast<uint8_t>(p->sequence >> 8U),
                               static_cast<uint8_t>(p->sequence)};
  request.insert(request.end(), {'r', 'e', 'd', 'u', 'n', 'd', '-', 'h', 'c'});
  if (p->v4) {  // the kernel checksums ICMPv6 itself
    const auto sum =
        static_cast<uint16_t>(~vrrp::onesComplementSum(std::as_bytes(std::span(request))));
    request[2] = static_cast<uint8_t>(sum >> 8U);
    request[3] = static_cast<uint8_t>(sum);
  }
  boost::system::error_code ec;
  p->socket.open(p->v4 ? icmp::v4() : icmp::v6(), ec);
  if (!ec && source_) {
    p->socket.bind({*source_, 0}, ec);
  }
  p->started = Clock::now();
  if (!ec) {
    p->socket.send_to(asio::buffer(request), icmp::endpoint(target_, 0), 0, ec);
  }
  if (ec) {
    // Reported from the loop, like every other result.
    asio::post(io_, [p, ec] { finish(p, {.ok = false, .latency = {}, .detail = ec.message()}); });
    return;
  }
  awaitReply(p);
}

void IcmpProbe::awaitReply(const std::shared_ptr<Pending>& p) {
  p->socket.async_receive_from(
      asio::buffer(p->buffer), p->from, [p](boost::system::error_code ec, std::size_t n) {
        if (ec == asio::error::operation_aborted || !p->done) {
          return;
        }
        if (ec) {
          finish(p, {.ok = false, .latency = Clock::now() - p->started, .detail = ec.message()});
          return;
        }
        std::size_t at = 0;
        if (p->v4) {  // IPv4 raw sockets hand over the IP header
          at = n >= kIpv4MinHeader ? static_cast<std::size_t>(p->buffer[0] & 0x0fU) * 4 : n;
        }
        const auto u16 = [&](std::size_t i) {
          return static_cast<uint16_t>((p->buffer[i] << 8U) | p->buffer[i + 1]);
        };
        const bool match = n >= at + kEchoHeader && p->from.address() == p->target &&
                           p->buffer[at] == (p->v4 ? kEchoReply4 : kEchoReply6) &&
                           u16(at + 4) == p->identifier && u16(at + 6) == p->sequence;
        if (!match) {
          awaitReply(p);  // another probe's reply, or ping(8)'s
          return;
        }
        finish(p, {.ok = true, .latency = Clock::now() - p->started, .detail = "echo reply"});
      });
}

void IcmpProbe::finish(const std::shared_ptr<Pending>& p, const ProbeResult& result) {
  if (!p->done) {
    return;  // cancelled
  }
  const Done done = std::move(p->done);
  p->done = nullptr;
  boost::system::error_code ignored;
  p->socket.close(ignored);
  done(result);
}

void IcmpProbe::cancel() {
  if (pending_) {
    pending_->done = nullptr;
    boost::system::error_code ignored;
    pending_->socket.close(ignored);
    pending_.reset();
  }
}

}  // namespace redund::health
