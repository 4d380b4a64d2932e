// One libcurl multi handle driven by a Boost.Asio io_context, without
// threads: curl says which sockets to watch and when to wake it
// (CURLMOPT_SOCKETFUNCTION, CURLMOPT_TIMERFUNCTION), the loop waits for
// them and hands readiness back with curl_multi_socket_action, and
// finished transfers complete from the loop. The caller (HttpProbe) sets
// up and owns the easy handles.
//
// Lifetimes: the io_context outlives the client, and the client outlives
// every transfer added to it (remove() them, or let them complete, first).
#pragma once

#include <functional>
#include <memory>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <curl/curl.h>
#include <boost/asio/io_context.hpp>
// clang-format on

namespace redund::health {

class HttpClient {
 public:
  // The transfer's result; the easy handle is already out of the multi.
  using Completion = std::function<void(CURLcode)>;

  // Throws redund::Error when curl cannot be set up.
  explicit HttpClient(boost::asio::io_context& io);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) = delete;
  HttpClient& operator=(HttpClient&&) = delete;

  boost::asio::io_context& io() const;

  // Starts `easy`, which the caller keeps alive until it completes or is
  // removed. `done` runs once, from the io_context, never from inside
  // add(). Returns curl's refusal, if any (then `done` never runs).
  CURLMcode add(CURL* easy, Completion done);
  // Stops `easy` if it is still running; its completion never runs. Safe
  // for handles that already completed or were never added.
  void remove(CURL* easy);

 private:
  struct Core;
  // Shared with the loop's pending handlers, which hold it weakly: a
  // handler that runs after the client is gone does nothing.
  std::shared_ptr<Core> core_;
};

}  // namespace redund::health
