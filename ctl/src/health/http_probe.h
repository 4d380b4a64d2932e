// Layer 7 health probe: one HTTP or HTTPS GET through libcurl, on the
// event loop (HttpClient). Success is the expected status and, when asked
// for, a substring in the first 64 KiB of the body. Redirects are not
// followed, proxies from the environment are ignored and every probe
// opens a fresh connection. The scheduler owns the timeout and calls
// cancel().
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/ip/address.hpp>
// clang-format on

#include "health/http_client.h"
#include "health/scheduler.h"

namespace redund::health {

struct HttpCheck {
  std::string url;  // http://... or https://...; other schemes fail
  unsigned expectedStatus = 200;
  std::optional<std::string> bodyContains{};
  std::optional<std::string> host{};  // the Host header, when not the URL's
  bool verifyTls = true;              // the certificate chain and name
  // At most one of these: where the connection comes from.
  std::optional<boost::asio::ip::address> source{};
  std::optional<std::string> interfaceName{};
};

class HttpProbe {
 public:
  using Done = std::function<void(const ProbeResult&)>;

  // `client` outlives the probe. Throws redund::Error when `check` sets
  // both a source address and an interface.
  HttpProbe(HttpClient& client, HttpCheck check);
  // Abandons a running transfer.
  ~HttpProbe();
  HttpProbe(const HttpProbe&) = delete;
  HttpProbe& operator=(const HttpProbe&) = delete;
  HttpProbe(HttpProbe&&) noexcept = default;
  HttpProbe& operator=(HttpProbe&&) = delete;

  // Sends the request; `done` runs once, from the io_context, unless
  // cancel() came first.
  void start(Done done);
  void cancel();

 private:
  struct Transfer;
  // Sets up the easy handle; curl's complaint, or "" when it is ready.
  std::string prepare(Transfer& t) const;
  static void finish(const std::shared_ptr<Transfer>& t, CURLcode code);
  static void report(const std::shared_ptr<Transfer>& t, const ProbeResult& result);

  HttpClient& client_;
  HttpCheck check_;
  // Shared with the client's completion, so cancel() or the probe's end
  // does not leave it a dangling transfer.
  std::shared_ptr<Transfer> transfer_;
};

}  // namespace redund::health
