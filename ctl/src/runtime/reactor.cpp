#include "runtime/reactor.h"

namespace redund::runtime {

FdWatch::FdWatch(boost::asio::io_context& io, int fd, Readable readable)
    : state_(std::make_shared<State>(io, fd)) {
  state_->readable = std::move(readable);
  wait(state_);
}

FdWatch::~FdWatch() {
  state_->readable = nullptr;
  boost::system::error_code ignored;
  state_->descriptor.cancel(ignored);
  // Not ours to close.
  state_->descriptor.release();
}

void FdWatch::wait(const std::shared_ptr<State>& state) {
  state->descriptor.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                               [weak = std::weak_ptr(state)](boost::system::error_code ec) {
                                 const auto state = weak.lock();
                                 if (ec || !state || !state->readable) {
                                   return;
                                 }
                                 // The callback may destroy the watch, and
                                 // with it the function: call a copy.
                                 const Readable readable = state->readable;
                                 if (readable() && state->readable) {
                                   wait(state);
                                 }
                               });
}

Reactor::Reactor() : signals_(io_, SIGINT, SIGTERM, SIGHUP), children_(io_, SIGCHLD) {
  waitSignals();
  waitChildren();
}

int Reactor::run() {
  stopSignal_ = 0;
  io_.restart();
  io_.run();
  return stopSignal_;
}

void Reactor::waitSignals() {
  signals_.async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) {
      return;
    }
    if (signal == SIGHUP) {
      if (reload_) {
        reload_();
      }
      waitSignals();
      return;
    }
    stopSignal_ = signal;
    io_.stop();
    waitSignals();
  });
}

void Reactor::waitChildren() {
  children_.async_wait([this](boost::system::error_code ec, int /*signal*/) {
    if (ec) {
      return;
    }
    reapers_.each([](const ChildReaper& reap) { reap(); });
    waitChildren();
  });
}

}  // namespace redund::runtime
