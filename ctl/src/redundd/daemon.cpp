#include "redundd/daemon.h"

#include <algorithm>
#include <set>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/post.hpp>
// clang-format on

#include "error.h"
#include "util/log.h"

namespace redund::redundd {
namespace {

std::vector<health::CheckConfig> checkList(const config::Config& config) {
  std::vector<health::CheckConfig> checks;
  for (const auto& [name, check] : config.checks) {
    checks.push_back(check);
  }
  return checks;
}

}  // namespace

Daemon::Daemon(runtime::Reactor& reactor, RedundApi& api, runtime::KernelEvents& events,
               LinkControl& links, std::ostream& log)
    : reactor_(reactor),
      api_(api),
      links_(links),
      log_(log),
      context_{.reactor = reactor,
               .api = api,
               .events = events,
               .log = log,
               .finished = [this](runtime::Service& service) { finished(service); },
               .notices = &notices_},
      checks_(context_, bus_, {}, "redundd") {
  linkWatch_.emplace(reactor.io(), systemHost_.linkEventsFd(), [this] {
    if (systemHost_.drainLinkEvents()) {
      host_.invalidate();
      for (auto& [key, service] : vrrp_) {
        service->onLinksChanged();
      }
      retryRouters();
    }
    return true;
  });
  checks_.start();
}

Daemon::~Daemon() = default;

std::vector<std::string> Daemon::apply(const config::Config& config) {
  // A change whose notification is still queued must not look absent.
  host_.invalidate();
  std::vector<std::string> failures;
  const auto failed = [&](const std::string& what) {
    log_ << util::kLogError << what << '\n';
    failures.push_back(what);
  };
  for (const auto& [name, dev] : config.devices) {
    const auto before = running_.devices.find(name);
    try {
      applyDevice(dev, before == running_.devices.end() ? nullptr : &before->second, failures);
    } catch (const std::exception& e) {
      failed("device " + name + ": " + e.what());
    }
  }
  try {
    checks_.apply(checkList(config));
  } catch (const std::exception& e) {
    failed(std::string("checks: ") + e.what());
  }
  applyLacp(config, failures);
  applyRouters(config, failures);
  syncGroups_.set(config.syncGroups);
  applyGateways(config, failures);
  running_ = config;
  return failures;
}

void Daemon::applyDevice(const config::DeviceConfig& dev, const config::DeviceConfig* before,
                         std::vector<std::string>& failures) {
  auto link = links_.link(dev.name);
  if (!link) {
    links_.create(dev.name, "redund");
    log_ << "device " << dev.name << ": created\n";
    link = links_.link(dev.name);
    if (!link) {
      throw Error("created, then gone");
    }
  } else if (link->kind != "redund") {
    throw Error("is a " + (link->kind.empty() ? std::string("plain") : link->kind) +
                " device, not a redund device");
  }
  const DeviceInfo info = api_.getDevice(link->ifindex);
  DeviceSettings settings;
  if (dev.mode && info.mode != *dev.mode) {
    if (info.numPorts != 0) {
      throw Error("is in " + std::string(modeName(info.mode)) + " mode with " +
                  std::to_string(info.numPorts) + " ports; release them to make it " +
                  std::string(modeName(*dev.mode)));
    }
    settings.mode = dev.mode;
  }
  if (dev.hash && info.hash != dev.hash) {
    settings.hash = dev.hash;
  }
  if (dev.minLinks && info.minLinks != dev.minLinks) {
    settings.minLinks = dev.minLinks;
  }
  if (settings != DeviceSettings{}) {
    api_.setDevice(link->ifindex, settings);
    log_ << "device " << dev.name << ": settings applied\n";
  }
  if (dev.portsDeclared) {
    for (const std::string& port : dev.ports) {
      try {
        const auto portLink = links_.link(port);
        if (!portLink) {
          throw Error("does not exist");
        }
        if (portLink->master != link->ifindex) {
          links_.setMaster(portLink->ifindex, link->ifindex);
          log_ << "device " << dev.name << ": port " << port << " enslaved\n";
        }
      } catch (const std::exception& e) {
        const std::string what = "device " + dev.name + ": port " + port + ": " + e.what();
        log_ << util::kLogError << what << '\n';
        failures.push_back(what);
      }
    }
    // Ports this daemon enslaved before and the file no longer lists;
    // ports someone else added are theirs.
    if (before != nullptr && before->portsDeclared) {
      for (const std::string& port : before->ports) {
        if (std::find(dev.ports.begin(), dev.ports.end(), port) != dev.ports.end()) {
          continue;
        }
        const auto portLink = links_.link(port);
        if (portLink && portLink->master == link->ifindex) {
          links_.setMaster(portLink->ifindex, 0);
          log_ << "device " << dev.name << ": port " << port << " released\n";
        }
      }
    }
  }
  if (!link->up) {
    links_.setUp(link->ifindex);
  }
}

void Daemon::applyLacp(const config::Config& config, std::vector<std::string>& failures) {
  std::map<std::string, lacpd::RunOptions> wanted;
  for (const auto& [name, dev] : config.devices) {
    if (dev.mode == Mode::kLacp && dev.lacp) {
      lacpd::RunOptions options = *dev.lacp;
      options.device = name;
      options.stateDir = config.stateDir;
      wanted.emplace(name, std::move(options));
    }
  }
  for (auto it = lacp_.begin(); it != lacp_.end();) {
    const auto want = wanted.find(it->first);
    if (want != wanted.end() && want->second == lacpOptions_[it->first]) {
      wanted.erase(want);  // unchanged: leave it running
      ++it;
      continue;
    }
    // Gone from the file, or changed: the new one takes the ports over
    // from the kernel as they are, so the partner sees no gap.
    it->second->stop();
    lacpOptions_.erase(it->first);
    it = lacp_.erase(it);
  }
  for (auto& [name, options] : wanted) {
    try {
      auto service = std::make_unique<lacpd::LacpService>(context_, options);
      service->start();
      lacp_[name] = std::move(service);
      lacpOptions_[name] = std::move(options);
    } catch (const std::exception& e) {
      const std::string what = "lacp " + name + ": " + e.what();
      log_ << util::kLogError << what << '\n';
      failures.push_back(what);
    }
  }
}

vrrpd::VrrpService& Daemon::vrrpService(const VrrpKey& key) {
  auto& service = vrrp_[key];
  if (!service) {
    try {
      service = std::make_unique<vrrpd::VrrpService>(context_, host_, bus_, &checks_, key.device,
                                                     key.family);
      // After the router's own input is done: the group then acts on
      // routers none of whose handlers is running.
      // A state change is written at once, counters and timers never
      // (status has them live): at 100 routers a refresh every second
      // cost as much CPU as VRRP itself, and at 1000 a refresh every 10 s
      // came as one burst that stalled the loop past Master_Down.
      service->setStateRefresh(std::nullopt);
      service->onTransition([this, key](uint8_t vrid, vrrp::State from, vrrp::State to) {
        boost::asio::post(reactor_.io(), [this, key, vrid, from, to] {
          if (!stopping_) {
            syncGroups_.transition({.device = key.device, .family = key.family, .vrid = vrid}, from,
                                   to);
          }
        });
      });
      service->start();
    } catch (...) {
      vrrp_.erase(key);
      throw;
    }
  }
  return *service;
}

void Daemon::applyRouters(const config::Config& config, std::vector<std::string>& failures) {
  // Removed, changed or failed first: a changed router hands over before
  // its successor starts, and a failed one is tried again.
  for (auto it = routerOptions_.begin(); it != routerOptions_.end();) {
    const auto want = config.routers.find(it->first);
    vrrpd::VrrpOptions options =
        want == config.routers.end() ? vrrpd::VrrpOptions{} : want->second.options;
    options.stateDir = config.stateDir;
    const VrrpKey key{.device = it->first.device, .family = it->first.family};
    const auto service = vrrp_.find(key);
    const bool runs = service != vrrp_.end() && service->second->runs(it->first.vrid);
    if (want != config.routers.end() && options == it->second && runs) {
      ++it;
      continue;
    }
    // A new priority, VIP list or preemption: in place, no state change.
    if (want != config.routers.end() && runs && service->second->updateRouter(options)) {
      it->second = std::move(options);
      ++it;
      continue;
    }
    if (service != vrrp_.end()) {
      service->second->removeRouter(it->first.vrid);
      if (service->second->size() == 0) {
        service->second->stop();
        vrrp_.erase(service);
      }
    }
    it = routerOptions_.erase(it);
  }
  for (const auto& [key, router] : config.routers) {
    if (routerOptions_.contains(key)) {
      continue;
    }
    vrrpd::VrrpOptions options = router.options;
    options.stateDir = config.stateDir;
    // Kept even when the router fails to start: a reload tries it again,
    // and one that removes it clears its failure from status.
    const auto [kept, added] = routerOptions_.emplace(key, std::move(options));
    try {
      vrrpService({.device = key.device, .family = key.family}).addRouter(kept->second);
    } catch (const std::exception& e) {
      const std::string what = key.text() + ": " + e.what();
      log_ << util::kLogError << what << '\n';
      failures.push_back(what);
    }
  }
}

void Daemon::retryRouters() {
  for (const auto& [key, options] : routerOptions_) {
    const VrrpKey serviceKey{.device = key.device, .family = key.family};
    const auto service = vrrp_.find(serviceKey);
    if (service != vrrp_.end() && service->second->runs(key.vrid)) {
      continue;
    }
    try {
      if (service != vrrp_.end()) {
        service->second->removeRouter(key.vrid);
      }
      vrrpService(serviceKey).addRouter(options);
      log_ << key.text() << ": started after a change of links or addresses\n";
      // Its group's holds include it from now on.
      syncGroups_.set(running_.syncGroups);
    } catch (const std::exception&) {
      // Still failing: status shows why; the next change tries again.
    }
  }
}

void Daemon::applyGateways(const config::Config& config, std::vector<std::string>& failures) {
  const auto ifindexOf = [this](const std::string& device) {
    const auto ifindex = api_.ifindexOf(device);
    if (!ifindex) {
      throw Error("no device " + device);
    }
    return *ifindex;
  };
  const auto wanted = [&](const config::GatewayConfig& gw) {
    return std::find(config.gateways.begin(), config.gateways.end(), gw) != config.gateways.end();
  };
  for (auto it = gateways_.begin(); it != gateways_.end();) {
    if (wanted(*it)) {
      ++it;
      continue;
    }
    const bool kept =
        std::any_of(config.gateways.begin(), config.gateways.end(),
                    [&](const auto& gw) { return gw.device == it->device && gw.key == it->key; });
    if (!kept) {
      try {
        api_.deleteGateway(ifindexOf(it->device), it->key);
        log_ << "gateway " << it->device << " vrid " << static_cast<int>(it->key.vrid)
             << ": deleted\n";
      } catch (const std::exception& e) {
        log_ << "gateway " << it->device << " vrid " << static_cast<int>(it->key.vrid) << ": "
             << e.what() << '\n';
      }
    }
    it = gateways_.erase(it);
  }
  for (const config::GatewayConfig& gw : config.gateways) {
    if (std::find(gateways_.begin(), gateways_.end(), gw) != gateways_.end()) {
      continue;
    }
    const std::string name = "gateway " + gw.device + " vrid " + std::to_string(gw.key.vrid);
    try {
      const uint32_t ifindex = ifindexOf(gw.device);
      const auto existing = api_.listGateways(ifindex);
      const bool exists = std::any_of(existing.begin(), existing.end(),
                                      [&](const GatewayInfo& info) { return info.key == gw.key; });
      if (exists) {
        GatewaySettings settings = gw.settings;
        settings.mac.reset();  // fixed once added
        settings.adopt = true;
        api_.setGateway(ifindex, gw.key, settings);
      } else {
        api_.addGateway(ifindex, gw.key, gw.settings);
      }
      log_ << name << ": " << (exists ? "adopted" : "added") << '\n';
      gateways_.push_back(gw);
    } catch (const std::exception& e) {
      const std::string what = name + ": " + e.what();
      log_ << util::kLogError << what << '\n';
      failures.push_back(what);
    }
  }
}

vrrpd::VrrpService* Daemon::serviceOf(const config::RouterKey& key) const {
  const auto it = vrrp_.find({.device = key.device, .family = key.family});
  return it == vrrp_.end() ? nullptr : it->second.get();
}

bool Daemon::ownFault(const config::RouterKey& key) const {
  const vrrpd::VrrpService* service = serviceOf(key);
  return service != nullptr && service->ownFault(key.vrid);
}

void Daemon::syncTo(const config::RouterKey& key, vrrp::State member) {
  if (vrrpd::VrrpService* service = serviceOf(key)) {
    const auto state = service->state(key.vrid);
    if (state && *state != member &&
        (*state == vrrp::State::kMaster || *state == vrrp::State::kBackup)) {
      log_ << key.text() << ": follows its sync group to " << vrrp::stateName(member) << '\n';
    }
    service->syncTo(key.vrid, member);
  }
}

void Daemon::holdInFault(const config::RouterKey& key, bool held) {
  if (vrrpd::VrrpService* service = serviceOf(key)) {
    service->holdInFault(key.vrid, held);
  }
}

void Daemon::finished(runtime::Service& service) {
  // The service calls from inside its own handler: drop it afterwards.
  boost::asio::post(reactor_.io(), [this, target = &service] {
    for (auto it = lacp_.begin(); it != lacp_.end(); ++it) {
      if (it->second.get() == target) {
        log_ << target->name() << ": its device is gone; stopped\n";
        lacpOptions_.erase(it->first);
        lacp_.erase(it);
        return;
      }
    }
    for (auto it = vrrp_.begin(); it != vrrp_.end(); ++it) {
      // Still finished: a router may have been added to it since (a
      // retry in the same handler), or another service may sit at the
      // same address by now.
      if (it->second.get() == target && it->second->finished()) {
        log_ << target->name() << ": its device is gone or its routers failed; stopped\n";
        it->second->stop();
        // Its routers stay declared: retryRouters() brings them back
        // when the device or an address returns.
        vrrp_.erase(it);
        return;
      }
    }
  });
}

void Daemon::stop() {
  stopping_ = true;
  for (auto& [key, service] : vrrp_) {
    service->stop();
  }
  for (auto& [name, service] : lacp_) {
    service->stop();
  }
  checks_.stop();
}

// A status, one service per step: services looked up again at each step,
// since a reload or a device that went away may remove one in between.
class Daemon::StatusBuild {
 public:
  explicit StatusBuild(const Daemon& daemon) : daemon_(daemon) {
    for (const auto& [name, service] : daemon.lacp_) {
      lacpNames_.push_back(name);
    }
    for (const auto& [key, service] : daemon.vrrp_) {
      vrrpKeys_.push_back(key);
    }
  }

  // One service's status; false once every one is in.
  bool step() {
    if (nextLacp_ < lacpNames_.size()) {
      if (const auto it = daemon_.lacp_.find(lacpNames_[nextLacp_++]); it != daemon_.lacp_.end()) {
        lacp_.push_back(it->second->status());
      }
      return true;
    }
    if (nextVrrp_ < vrrpKeys_.size()) {
      if (const auto it = daemon_.vrrp_.find(vrrpKeys_[nextVrrp_++]); it != daemon_.vrrp_.end()) {
        vrrp_.push_back(it->second->status());
      }
      return true;
    }
    return false;
  }

  // Moved, not copied: at a thousand routers each copy of the tree cost a
  // tenth of a second under emulation, with the loop blocked.
  runtime::Json take() {
    runtime::Json gateways = runtime::Json::array();
    for (const config::GatewayConfig& gw : daemon_.gateways_) {
      gateways.push_back({{"device", gw.device},
                          {"vrid", gw.key.vrid},
                          {"family", std::string(vrrpd::familyKeyword(gw.key.family))}});
    }
    return {{"lacp", std::move(lacp_)},
            {"vrrp", std::move(vrrp_)},
            {"checks", daemon_.checks_.status().at("checks")},
            {"gateways", std::move(gateways)}};
  }

 private:
  const Daemon& daemon_;
  std::vector<std::string> lacpNames_;
  std::vector<VrrpKey> vrrpKeys_;
  std::size_t nextLacp_ = 0;
  std::size_t nextVrrp_ = 0;
  runtime::Json lacp_ = runtime::Json::array();
  runtime::Json vrrp_ = runtime::Json::array();
};

struct Daemon::StatusSteps {
  StatusBuild build;
  std::function<void(runtime::Json)> done;
  std::function<void(const std::string&)> failed;
};

void Daemon::statusInSteps(std::function<void(runtime::Json)> done,
                           std::function<void(const std::string&)> failed) {
  runStatusSteps(std::make_shared<StatusSteps>(StatusSteps{
      .build = StatusBuild(*this), .done = std::move(done), .failed = std::move(failed)}));
}

void Daemon::runStatusSteps(const std::shared_ptr<StatusSteps>& steps) {
  // From a posted handler an exception would end the loop, and redundd.
  try {
    if (!steps->build.step()) {
      steps->done(steps->build.take());
      return;
    }
  } catch (const std::exception& e) {
    log_ << util::kLogError << "status: " << e.what() << '\n';
    steps->failed(e.what());
    return;
  }
  boost::asio::post(reactor_.io(), [this, alive = std::weak_ptr(alive_), steps] {
    if (alive.lock()) {
      runStatusSteps(steps);
    }
  });
}

}  // namespace redund::redundd
