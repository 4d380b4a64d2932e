// redundd's end of the control socket (protocol.h): listens on the
// abstract name, accepts root peers only, reads one request line per
// connection, answers it through `handle` and closes; a monitor request
// instead keeps the connection for the notices publish() sends.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <vector>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
// clang-format on

#include "control/protocol.h"

namespace redund::control {

class Server {
 public:
  using Respond = std::function<void(Reply)>;
  // Answers through `respond`, at once or later from the loop: a status
  // of a thousand routers is built a service at a time, between the
  // adverts and timers that must not wait for all of it.
  using Handler = std::function<void(const Request&, Respond)>;

  // Throws Error when the name is taken: another redundd runs in this
  // network namespace. Tests listen on a name of their own.
  Server(boost::asio::io_context& io, Handler handle, std::ostream& log,
         std::string_view name = kSocketName);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  Server(Server&&) = delete;
  Server& operator=(Server&&) = delete;
  ~Server();

  // To every monitor subscriber.
  void publish(const runtime::Notice& notice);

 private:
  class Connection;
  void accept();

  Handler handle_;
  std::ostream& log_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::vector<std::weak_ptr<Connection>> subscribers_;
};

}  // namespace redund::control
