#include "health/echo_receiver.h"

#include <atomic>
#include <random>
#include <span>

#include "health/icmp_echo.h"

namespace redund::health {

void awaitEchoReply(EchoReceiver& receiver, std::function<void(boost::system::error_code)> done) {
  receiver.socket.async_receive_from(
      boost::asio::buffer(receiver.buffer), receiver.from,
      [&receiver, done = std::move(done)](boost::system::error_code ec, std::size_t n) mutable {
        if (ec == boost::asio::error::operation_aborted) {
          return;
        }
        const bool v4 = receiver.target.is_v4();
        if (!ec && (receiver.from.address() != receiver.target ||
                    !isEchoReply(std::span(receiver.buffer).first(n), v4, receiver.identifier,
                                 receiver.sequence))) {
          awaitEchoReply(receiver, std::move(done));
          return;
        }
        done(ec);
      });
}

uint16_t newEchoIdentifier() {
  static std::atomic<uint16_t> next{static_cast<uint16_t>(std::random_device{}())};
  return next++;
}

}  // namespace redund::health
