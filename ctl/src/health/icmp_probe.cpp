#include "health/icmp_probe.h"

#include <span>
#include <vector>

#include "health/echo_receiver.h"
#include "health/icmp_echo.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;
using asio::ip::icmp;

}  // namespace

struct IcmpProbe::Pending {
  explicit Pending(asio::io_context& io) : echo(io) {}

  EchoReceiver echo;
  Done done;
  TimePoint started;
};

IcmpProbe::IcmpProbe(asio::io_context& io, asio::ip::address target,
                     std::optional<asio::ip::address> source)
    : io_(io),
      target_(std::move(target)),
      source_(std::move(source)),
      identifier_(newEchoIdentifier()) {}

void IcmpProbe::start(Done done) {
  cancel();
  auto p = std::make_shared<Pending>(io_);
  pending_ = p;
  p->done = std::move(done);
  p->echo.target = target_;
  p->echo.identifier = identifier_;
  p->echo.sequence = ++sequence_;
  const bool v4 = target_.is_v4();
  const std::vector<uint8_t> request = echoRequest(v4, identifier_, p->echo.sequence);
  boost::system::error_code ec;
  p->echo.socket.open(v4 ? icmp::v4() : icmp::v6(), ec);
  if (!ec && source_) {
    p->echo.socket.bind({*source_, 0}, ec);
  }
  p->started = Clock::now();
  if (!ec) {
    p->echo.socket.send_to(asio::buffer(request), icmp::endpoint(target_, 0), 0, ec);
  }
  if (ec) {
    // Reported from the loop, like every other result.
    asio::post(io_, [p, ec] { finish(p, {.ok = false, .latency = {}, .detail = ec.message()}); });
    return;
  }
  awaitEchoReply(p->echo, [p](boost::system::error_code error) {
    const Duration latency = Clock::now() - p->started;
    finish(p, error ? ProbeResult{.ok = false, .latency = latency, .detail = error.message()}
                    : ProbeResult{.ok = true, .latency = latency, .detail = "echo reply"});
  });
}

void IcmpProbe::finish(const std::shared_ptr<Pending>& p, const ProbeResult& result) {
  if (!p->done) {
    return;  // cancelled
  }
  const Done done = std::move(p->done);
  p->done = nullptr;
  boost::system::error_code ignored;
  p->echo.socket.close(ignored);
  done(result);
}

void IcmpProbe::cancel() {
  if (pending_) {
    pending_->done = nullptr;
    boost::system::error_code ignored;
    pending_->echo.socket.close(ignored);
    pending_.reset();
  }
}

}  // namespace redund::health
