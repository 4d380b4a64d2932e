// LACP on one lacp-mode redund device, as a service of the runtime: the
// pure logic of daemon.h fed from one AF_PACKET socket per port, the
// module's events for the device, a timer at the core's next deadline
// and the device's port checks; and the state file a restarted daemon
// takes the partners over from.
#pragma once

#include <memory>
#include <string>

#include "lacpd/options.h"
#include "runtime/context.h"
#include "runtime/service.h"

namespace redund::lacpd {

class LacpService final : public runtime::Service {
 public:
  LacpService(runtime::Context& context, const RunOptions& options);
  ~LacpService() override;

  std::string name() const override;
  // Reads the device (refusing one in another mode with ports, switching
  // an empty one to lacp mode) and takes its ports over: ports the kernel
  // has forwarding keep forwarding. Throws Error.
  void start() override;
  // The kernel keeps every port forwarding or not as it is.
  void stop() override;
  bool finished() const override;
  runtime::Json status() const override;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace redund::lacpd
