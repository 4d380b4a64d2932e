#include "control/server.h"

#include <sys/socket.h>

// clang-format off
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
// clang-format on

#include "error.h"

namespace redund::control {
namespace {

namespace asio = boost::asio;
using Local = asio::local::stream_protocol;

// Requests are a few bytes; anything longer is not ours.
constexpr std::size_t kMaxRequest = 4096;

Local::endpoint abstractEndpoint() {
  std::string name(1, '\0');
  name += kSocketName;
  return {name};
}

}  // namespace

class Server::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Local::socket socket, Server& server)
      : socket_(std::move(socket)), server_(server), buffer_(kMaxRequest) {}

  void start() {
    ucred peer{};
    socklen_t len = sizeof(peer);
    if (getsockopt(socket_.native_handle(), SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 ||
        peer.uid != 0) {
      reply({.ok = false, .errors = {"permission denied: the control socket is for root"}});
      return;
    }
    asio::async_read_until(
        socket_, buffer_, '\n',
        [self = shared_from_this()](boost::system::error_code ec, std::size_t length) {
          self->onRequest(ec, length);
        });
  }

 private:
  void onRequest(boost::system::error_code ec, std::size_t length) {
    if (ec) {
      return;  // the peer went away, or sent too much
    }
    std::string line(asio::buffers_begin(buffer_.data()),
                     asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(length));
    try {
      reply(server_.handle_(decodeRequest(line)));
    } catch (const std::exception& e) {
      reply({.ok = false, .errors = {e.what()}});
    }
  }

  void reply(const Reply& reply) {
    text_ = encode(reply);
    asio::async_write(socket_, asio::buffer(text_),
                      [self = shared_from_this()](boost::system::error_code, std::size_t) {
                        boost::system::error_code ignored;
                        self->socket_.shutdown(Local::socket::shutdown_both, ignored);
                      });
  }

  Local::socket socket_;
  Server& server_;
  asio::streambuf buffer_;
  std::string text_;
};

Server::Server(asio::io_context& io, Handler handle, std::ostream& log)
    : io_(io), handle_(std::move(handle)), log_(log), acceptor_(io) {
  boost::system::error_code ec;
  acceptor_.open(Local(), ec);
  if (!ec) {
    acceptor_.bind(abstractEndpoint(), ec);
  }
  if (ec == boost::asio::error::address_in_use) {
    throw Error("another redundd runs in this network namespace (its control socket @" +
                std::string(kSocketName) + " is taken)");
  }
  if (!ec) {
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    throw Error("control socket @" + std::string(kSocketName) + ": " + ec.message());
  }
  accept();
}

Server::~Server() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

void Server::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, Local::socket socket) {
    if (ec == asio::error::operation_aborted) {
      return;
    }
    if (ec) {
      log_ << "control socket: accept: " << ec.message() << '\n';
    } else {
      std::make_shared<Connection>(std::move(socket), *this)->start();
    }
    accept();
  });
}

}  // namespace redund::control
