#include "health/tcp_probe.h"

namespace redund::health {

namespace asio = boost::asio;

TcpProbe::TcpProbe(asio::io_context& io, asio::ip::tcp::endpoint target,
                   std::optional<asio::ip::address> source)
    : io_(io), target_(std::move(target)), source_(std::move(source)) {}

void TcpProbe::start(Done done) {
  cancel();
  auto socket = std::make_shared<asio::ip::tcp::socket>(io_);
  socket_ = socket;
  boost::system::error_code ec;
  socket->open(target_.protocol(), ec);
  if (!ec && source_) {
    socket->bind({*source_, 0}, ec);
  }
  if (ec) {
    // Reported from the loop, like every other result.
    asio::post(io_, [done = std::move(done), ec] {
      done({.ok = false, .latency = {}, .detail = ec.message()});
    });
    return;
  }
  const auto started = Clock::now();
  socket->async_connect(
      target_, [socket, started, done = std::move(done)](boost::system::error_code result) {
        if (result == asio::error::operation_aborted) {
          return;  // cancelled: the scheduler already counted the timeout
        }
        boost::system::error_code ignored;
        socket->close(ignored);
        done({.ok = !result,
              .latency = Clock::now() - started,
              .detail = result ? result.message() : "connected"});
      });
}

void TcpProbe::cancel() {
  if (socket_) {
    boost::system::error_code ignored;
    socket_->close(ignored);
    socket_.reset();
  }
}

}  // namespace redund::health
