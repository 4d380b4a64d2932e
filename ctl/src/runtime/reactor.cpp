#include "runtime/reactor.h"

namespace redund::runtime {

FdWatch::FdWatch(boost::asio::io_context& io, int fd, Readable readable)
    : state_(std::make_shared<State>(io, fd)) {
  state_->readable = std::move(readable);
  wait(state_);
}

FdWatch::~FdWatch() {
  state_->readable = nullptr;
  if (state_->descriptor.is_open()) {
    boost::system::error_code ignored;
    state_->descriptor.cancel(ignored);
    // Not ours to close.
    state_->descriptor.release();
  }
}

void FdWatch::resume() {
  if (state_->waiting || !state_->readable) {
    return;
  }
  if (!state_->descriptor.is_open()) {
    // Registering again reports what is already queued (epoll checks a new
    // descriptor's readiness), so nothing waits for the next arrival.
    state_->descriptor.assign(state_->fd);
  }
  wait(state_);
}

void FdWatch::wait(const std::shared_ptr<State>& state) {
  state->waiting = true;
  state->descriptor.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                               [weak = std::weak_ptr(state)](boost::system::error_code ec) {
                                 const auto state = weak.lock();
                                 if (!state) {
                                   return;
                                 }
                                 state->waiting = false;
                                 if (ec || !state->readable) {
                                   return;
                                 }
                                 // The callback may destroy the watch, and
                                 // with it the function: call a copy.
                                 const Readable readable = state->readable;
                                 if (readable()) {
                                   if (state->readable && !state->waiting) {
                                     wait(state);
                                   }
                                 } else if (!state->waiting && state->descriptor.is_open()) {
                                   // Out of the epoll set, so that what
                                   // arrives before resume() wakes nobody:
                                   // under an edge-triggered registration
                                   // each arrival would wake the loop.
                                   state->descriptor.release();
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
