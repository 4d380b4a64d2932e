// The event loop every service of a daemon shares: one Boost.Asio
// io_context, the signals a daemon answers (SIGINT and SIGTERM stop it,
// SIGHUP asks for a reload, SIGCHLD reaps hook processes) and a waiter
// for any descriptor that becomes readable.
#pragma once

#include <csignal>
#include <functional>
#include <memory>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
// clang-format on

#include "runtime/listeners.h"

namespace redund::runtime {

// Calls `readable` from the loop each time `fd` has something to read,
// until the watch is destroyed or `readable` returns false; resume()
// starts watching again after that. Does not own the descriptor.
class FdWatch {
 public:
  using Readable = std::function<bool()>;

  FdWatch(boost::asio::io_context& io, int fd, Readable readable);
  FdWatch(const FdWatch&) = delete;
  FdWatch& operator=(const FdWatch&) = delete;
  FdWatch(FdWatch&&) = delete;
  FdWatch& operator=(FdWatch&&) = delete;
  ~FdWatch();

  // Watches again after `readable` returned false; a no-op while watching.
  // What arrived in between calls back at once.
  void resume();

 private:
  // Shared with the pending wait's handler, which may run after the watch
  // is gone (cancelled) and must then do nothing.
  struct State {
    State(boost::asio::io_context& io, int fd) : fd(fd), descriptor(io, fd) {}
    int fd;
    boost::asio::posix::stream_descriptor descriptor;
    Readable readable;
    bool waiting = false;
  };
  static void wait(const std::shared_ptr<State>& state);

  std::shared_ptr<State> state_;
};

class Reactor {
 public:
  Reactor();
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;
  Reactor(Reactor&&) = delete;
  Reactor& operator=(Reactor&&) = delete;
  ~Reactor() = default;

  boost::asio::io_context& io() { return io_; }

  // From the loop on SIGHUP; without a handler SIGHUP is ignored.
  void onReload(std::function<void()> reload) { reload_ = std::move(reload); }
  using ChildReaper = std::function<void()>;
  // From the loop on every SIGCHLD, while the registration lives: each
  // reaps its own children.
  Listeners<ChildReaper>::Registration onChild(ChildReaper reap) {
    return reapers_.add(std::move(reap));
  }

  // Runs the loop until stop() or a stop signal. Returns the signal
  // (SIGINT or SIGTERM) that stopped it, or 0.
  int run();
  // Ends run() once the handler running now returns.
  void stop() { io_.stop(); }

 private:
  void waitSignals();
  void waitChildren();

  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::signal_set children_;
  std::function<void()> reload_;
  Listeners<ChildReaper> reapers_;
  int stopSignal_ = 0;
};

}  // namespace redund::runtime
