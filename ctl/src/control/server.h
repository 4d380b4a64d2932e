// redundd's end of the control socket (protocol.h): listens on the
// abstract name, accepts root peers only, reads one request line per
// connection, answers it through `handle` and closes.
#pragma once

#include <functional>
#include <memory>
#include <ostream>

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
  using Handler = std::function<Reply(const Request&)>;

  // Throws Error when the name is taken: another redundd runs in this
  // network namespace.
  Server(boost::asio::io_context& io, Handler handle, std::ostream& log);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  Server(Server&&) = delete;
  Server& operator=(Server&&) = delete;
  ~Server();

 private:
  class Connection;
  void accept();

  boost::asio::io_context& io_;
  Handler handle_;
  std::ostream& log_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
};

}  // namespace redund::control
