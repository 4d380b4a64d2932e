#include "control/server.h"

#include <sys/socket.h>

#include <deque>
#include <string>

// clang-format off
#include <boost/asio/read.hpp>
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

Local::endpoint abstractEndpoint(std::string_view name) {
  std::string path(1, '\0');
  path += name;
  return {path};
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

  // A monitor subscriber's next line. One that falls this far behind is
  // dropped rather than holding the daemon's memory.
  void send(const std::string& line) {
    if (closed_) {
      return;
    }
    if (outbox_.size() >= kMaxBacklog) {
      close();
      return;
    }
    outbox_.push_back(line);
    if (outbox_.size() == 1) {
      writeNext();
    }
  }

  bool closed() const { return closed_; }

  void close() {
    if (closed_) {
      return;
    }
    closed_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(Local::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void onRequest(boost::system::error_code ec, std::size_t length) {
    if (ec) {
      return;  // the peer went away, or sent too much
    }
    std::string line(asio::buffers_begin(buffer_.data()),
                     asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(length));
    buffer_.consume(length);
    Request request;
    try {
      request = decodeRequest(line);
    } catch (const std::exception& e) {
      reply({.ok = false, .errors = {e.what()}});
      return;
    }
    if (request.command == Command::kMonitor) {
      subscribe();
      return;
    }
    try {
      server_.handle_(
          request, [self = shared_from_this()](Reply answer) { self->reply(std::move(answer)); });
    } catch (const std::exception& e) {
      reply({.ok = false, .errors = {e.what()}});
    }
  }

  // The reply says the subscription holds; notices follow until the peer
  // closes, which the read notices.
  void subscribe() {
    server_.subscribers_.push_back(weak_from_this());
    send(encode(Reply{}));
    asio::async_read(socket_, buffer_, asio::transfer_at_least(1),
                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                       if (ec) {
                         self->close();
                       }
                       // Anything a subscriber sends is ignored; the next
                       // read would only find more of it or the end.
                     });
  }

  // The first answer only: a handler that answered and then threw
  // already said what it had to.
  void reply(Reply reply) {
    if (closeAfterWrite_) {
      return;
    }
    std::string line;
    try {
      line = encode(std::move(reply));
    } catch (const std::exception& e) {
      // A string that is not UTF-8 (a name from the kernel): say so
      // rather than leave the client with no answer.
      line = encode({.ok = false, .errors = {std::string("cannot encode the reply: ") + e.what()}});
    }
    closeAfterWrite_ = true;
    send(line);
  }

  void writeNext() {
    asio::async_write(socket_, asio::buffer(outbox_.front()),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->outbox_.pop_front();
                        if (ec || (self->closeAfterWrite_ && self->outbox_.empty())) {
                          self->close();
                        } else if (!self->outbox_.empty()) {
                          self->writeNext();
                        }
                      });
  }

  static constexpr std::size_t kMaxBacklog = 4096;

  Local::socket socket_;
  Server& server_;
  asio::streambuf buffer_;
  std::deque<std::string> outbox_;
  bool closeAfterWrite_ = false;
  bool closed_ = false;
};

Server::Server(asio::io_context& io, Handler handle, std::ostream& log, std::string_view name)
    : handle_(std::move(handle)), log_(log), acceptor_(io) {
  boost::system::error_code ec;
  acceptor_.open(Local(), ec);
  if (!ec) {
    acceptor_.bind(abstractEndpoint(name), ec);
  }
  if (ec == boost::asio::error::address_in_use) {
    throw Error("another redundd runs in this network namespace (its control socket @" +
                std::string(name) + " is taken)");
  }
  if (!ec) {
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    throw Error("control socket @" + std::string(name) + ": " + ec.message());
  }
  accept();
}

Server::~Server() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  // Subscribers see their stream end now, not when the process does.
  for (const std::weak_ptr<Connection>& weak : subscribers_) {
    if (const auto subscriber = weak.lock()) {
      subscriber->close();
    }
  }
}

void Server::publish(const runtime::Notice& notice) {
  std::erase_if(subscribers_, [](const std::weak_ptr<Connection>& weak) {
    const auto subscriber = weak.lock();
    return !subscriber || subscriber->closed();
  });
  if (subscribers_.empty()) {
    return;
  }
  const std::string line = encode(notice);
  for (const std::weak_ptr<Connection>& weak : subscribers_) {
    if (const auto subscriber = weak.lock()) {
      subscriber->send(line);
    }
  }
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
