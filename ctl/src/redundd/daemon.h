// redundd: every protocol instance of a host (or network namespace) in
// one process, configured by one file. It builds what the configuration
// declares (redund devices, their ports and settings), runs a service for
// each (LACP per lacp-mode device, the VRRP routers of each device and
// family, the health checks, static gateways), and on reload applies only
// the difference: what the edit did not touch keeps running untouched.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "config/model.h"
#include "health/check_service.h"
#include "lacpd/service.h"
#include "redundd/link_control.h"
#include "redundd/sync_groups.h"
#include "runtime/context.h"
#include "runtime/kernel_events.h"
#include "runtime/reactor.h"
#include "runtime/track_bus.h"
#include "vrrpd/caching_host.h"
#include "vrrpd/service.h"
#include "vrrpd/system_host.h"

namespace redund::redundd {

class Daemon final : private SyncMembers {
 public:
  // `events` must have subscribed before anything reads the kernel.
  Daemon(runtime::Reactor& reactor, RedundApi& api, runtime::KernelEvents& events,
         LinkControl& links, std::ostream& log);
  ~Daemon() override;
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  Daemon(Daemon&&) = delete;
  Daemon& operator=(Daemon&&) = delete;

  // Brings the host to `config` (from nothing at start, from the running
  // configuration on reload). Every step that fails is logged and listed
  // in the result; the rest goes on, and what failed is tried again on
  // the next apply.
  std::vector<std::string> apply(const config::Config& config);
  // SIGINT or SIGTERM: every service hands over; the data path stays.
  void stop();

  // The daemon's view for `redundctl status`, every service's status,
  // built a service at a time with the loop running between (at a
  // thousand routers the whole of it held up adverts past Master_Down
  // under emulation): `done` gets it from the loop, or `failed` why a
  // step threw. Nothing comes once the daemon is gone.
  void statusInSteps(std::function<void(runtime::Json)> done,
                     std::function<void(const std::string&)> failed);
  const config::Config& running() const { return running_; }
  // Every service's state changes, for `redundctl monitor`.
  runtime::Notices& notices() { return notices_; }

 private:
  struct VrrpKey {
    std::string device;
    vrrp::Family family;
    auto operator<=>(const VrrpKey&) const = default;
  };
  class StatusBuild;
  struct StatusSteps;
  void runStatusSteps(const std::shared_ptr<StatusSteps>& steps);

  void applyDevice(const config::DeviceConfig& dev, const config::DeviceConfig* before,
                   std::vector<std::string>& failures);
  void applyLacp(const config::Config& config, std::vector<std::string>& failures);
  void applyRouters(const config::Config& config, std::vector<std::string>& failures);
  // Routers that failed to start (no device, no primary address yet) or
  // failed later, tried again after links or addresses changed.
  void retryRouters();
  void applyGateways(const config::Config& config, std::vector<std::string>& failures);
  vrrpd::VrrpService& vrrpService(const VrrpKey& key);
  // A service whose device went away: dropped once the loop is out of it.
  void finished(runtime::Service& service);

  // SyncMembers: the routers of sync groups, by key.
  vrrpd::VrrpService* serviceOf(const config::RouterKey& key) const;
  bool ownFault(const config::RouterKey& key) const override;
  void syncTo(const config::RouterKey& key, vrrp::State member) override;
  void holdInFault(const config::RouterKey& key, bool held) override;

  runtime::Reactor& reactor_;
  RedundApi& api_;
  LinkControl& links_;
  std::ostream& log_;
  runtime::Notices notices_;
  runtime::Context context_;
  vrrpd::SystemHost systemHost_;
  // What the routers read of links and addresses, once per change.
  vrrpd::CachingHost host_{systemHost_};
  runtime::TrackBus bus_;
  health::CheckService checks_;
  std::map<std::string, std::unique_ptr<lacpd::LacpService>> lacp_;  // by device
  std::map<VrrpKey, std::unique_ptr<vrrpd::VrrpService>> vrrp_;
  // What runs, as applied: an object that failed to start is missing
  // here, so the next apply tries it again.
  std::map<std::string, lacpd::RunOptions> lacpOptions_;
  std::map<config::RouterKey, vrrpd::VrrpOptions> routerOptions_;
  std::vector<config::GatewayConfig> gateways_;
  std::optional<runtime::FdWatch> linkWatch_;
  SyncGroups syncGroups_{*this};
  bool stopping_ = false;  // sync groups do not move routers being stopped
  config::Config running_;
  // Work posted to the loop runs only while this lives.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace redund::redundd
