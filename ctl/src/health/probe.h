// One check's probe as the runner drives it, whatever layer it probes:
// start() reports once through `done`, from the event loop, unless
// cancel() came first.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
// clang-format on

#include "health/check.h"
#include "health/http_client.h"
#include "health/scheduler.h"

namespace redund::health {

class Probe {
 public:
  using Done = std::function<void(const ProbeResult&)>;

  Probe() = default;
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;
  Probe(Probe&&) = delete;
  Probe& operator=(Probe&&) = delete;
  virtual ~Probe() = default;

  virtual void start(Done done) = 0;
  virtual void cancel() = 0;
};

// The probe `check` asks for, on `io`; HTTP(S) ones through `http`, which
// must outlive them. Throws Error when the check cannot run.
std::unique_ptr<Probe> makeProbe(boost::asio::io_context& io, HttpClient& http,
                                 const CheckConfig& check);

// The probe of a LAG port check (`check.via` set) on `device`; it sends
// nothing while `blocker` gives a reason (port_icmp_probe.h).
std::unique_ptr<Probe> makePortProbe(boost::asio::io_context& io, const std::string& device,
                                     const CheckConfig& check,
                                     std::function<std::optional<std::string>()> blocker);

}  // namespace redund::health
