// What the runtime asks of every protocol instance it hosts (the LACP of
// one device, the VRRP routers of one device and family, the health
// checks; later the MC-LAG session and BFD): start, hand over, say what
// it is doing. The pure protocol cores stay inside, behind this.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace redund::runtime {

using Json = nlohmann::ordered_json;

class Service {
 public:
  Service() = default;
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;
  Service(Service&&) = delete;
  Service& operator=(Service&&) = delete;
  virtual ~Service() = default;

  // "lacp r0", "vrrp r0 inet", "checks": names it in logs and status.
  virtual std::string name() const = 0;
  // Takes the kernel state over (adopting what a previous daemon left)
  // and starts. Undoes what it did and throws Error when it cannot.
  virtual void start() = 0;
  // Hands over on SIGINT or SIGTERM: what the data path keeps and what
  // the peers are told is the service's to decide (a VRRP master sends
  // priority 0; LACP leaves every port as it is). Errors are logged.
  virtual void stop() = 0;
  // Its device is gone: nothing left to run.
  virtual bool finished() const { return false; }
  // What `redundctl status` shows of it.
  virtual Json status() const = 0;
};

}  // namespace redund::runtime
