// A steady_timer kept at the next deadline a pure core reports, rearmed
// after every input: the same deadline again leaves the pending wait
// alone (rearming it would cost a cancel and a new wait per packet), none
// disarms it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
// clang-format on

namespace redund::util {

class DeadlineTimer {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit DeadlineTimer(boost::asio::io_context& io) : timer_(io) {}

  // `expired` runs from the loop at `deadline`, unless a later arm() or
  // disarm() came first.
  void arm(std::optional<TimePoint> deadline, std::function<void()> expired) {
    if (!deadline) {
      disarm();
      return;
    }
    if (armed_ == deadline) {
      return;
    }
    armed_ = deadline;
    timer_.expires_at(*deadline);
    timer_.async_wait([this, expired = std::move(expired)](boost::system::error_code ec) {
      if (ec) {
        return;
      }
      armed_.reset();
      expired();
    });
  }

  // When it fires next; nullopt when disarmed.
  std::optional<TimePoint> armedAt() const { return armed_; }

  void disarm() {
    armed_.reset();
    timer_.cancel();
  }

 private:
  boost::asio::steady_timer timer_;
  std::optional<TimePoint> armed_;
};

}  // namespace redund::util
