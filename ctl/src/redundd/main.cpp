#include "redundd/main.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>

#include <boost/program_options.hpp>
#include <systemd/sd-daemon.h>

#include "cli/daemon_exec.h"
#include "cli/errors.h"
#include "config/file.h"
#include "control/server.h"
#include "lacpd/run.h"
#include "nl/rtnl_links.h"
#include "redundd/daemon.h"
#include "runtime/kernel_events.h"
#include "runtime/reactor.h"
#include "util/join.h"
#include "util/log.h"
#include "vrrpd/command.h"

#ifndef REDUND_VERSION
#error "REDUND_VERSION is defined by ctl/Makefile"
#endif

namespace redund::redundd {
namespace {

namespace po = boost::program_options;
using util::kLogError;

struct Options {
  std::string configFile{config::kDefaultConfigPath};
  std::optional<std::string> checkConfig{};
  std::string logLevel{"info"};
  bool help = false;
  bool version = false;
};

Options parseOptions(const std::vector<std::string>& args) {
  Options opts;
  std::string check;
  po::options_description table;
  table.add_options()                                          //
      ("config,c", po::value(&opts.configFile))                //
      ("check-config", po::value(&check)->implicit_value(""))  //
      ("log-level", po::value(&opts.logLevel))                 //
      ("help,h", po::bool_switch(&opts.help))                  //
      ("version,V", po::bool_switch(&opts.version));
  try {
    po::variables_map vm;
    // No positional words: `redundd FILE` would otherwise run the
    // default file.
    po::store(po::command_line_parser(args).options(table).positional({}).run(), vm);
    po::notify(vm);
    if (vm.count("check-config") != 0) {
      opts.checkConfig = check.empty() ? opts.configFile : check;
    }
  } catch (const po::error& e) {
    throw cli::UsageError(e.what());
  }
  if (!util::logLevel(opts.logLevel)) {
    throw cli::UsageError("invalid log-level \"" + opts.logLevel +
                          "\" (expected error, warning, info or debug)");
  }
  return opts;
}

int checkConfig(const std::string& path, std::ostream& out, std::ostream& err) {
  try {
    const config::Config config = config::readConfig(path);
    const auto count = [](std::size_t n, const std::string& what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    out << path << ": OK: " << count(config.devices.size(), "device") << ", "
        << count(config.routers.size(), "virtual router") << ", "
        << count(config.checks.size(), "check") << ", " << count(config.gateways.size(), "gateway")
        << ", " << count(config.syncGroups.size(), "sync group") << '\n';
    return cli::kExitOk;
  } catch (const config::ConfigErrors& e) {
    for (const config::ConfigError& error : e.errors()) {
      err << error.text() << '\n';
    }
    err << path << ": " << e.errors().size() << (e.errors().size() == 1 ? " error" : " errors")
        << "; nothing applied\n";
    return cli::kExitError;
  }
}

int64_t unixNow() { return static_cast<int64_t>(std::time(nullptr)); }

// The daemon proper, from start to SIGTERM.
class Redundd {
 public:
  Redundd(RedundApi& api, const Options& options, std::ostream& log)
      : options_(options),
        log_(log),
        events_(reactor_, api, log,
                [this] {
                  log_ << kLogError << "the redund module went away; exiting\n";
                  failed_ = true;
                  reactor_.stop();
                }),
        daemon_(reactor_, api, events_, links_, log),
        control_(
            reactor_.io(),
            [this](const control::Request& request, control::Server::Respond respond) {
              handle(request, std::move(respond));
            },
            log),
        noticeFeed_(daemon_.notices().listen(
            [this](const runtime::Notice& notice) { control_.publish(notice); })) {
    info_.pid = static_cast<int>(getpid());
    info_.configFile = options.configFile;
    info_.startedAt = unixNow();
  }

  int run(const config::Config& config) {
    // What failed to apply at start (logged by apply, retried on reload
    // and, for routers, on link changes) shows in status as the last
    // apply's errors.
    info_.lastReloadErrors = daemon_.apply(config);
    if (!info_.lastReloadErrors.empty()) {
      info_.lastReloadAt = info_.startedAt;
    }
    reactor_.onReload([this] { reload(); });
    startWatchdog();
    sd_notify(0, "READY=1\nSTATUS=running");
    log_ << "redundd " << REDUND_VERSION << ": running " << options_.configFile << '\n';
    const int signal = reactor_.run();
    sd_notify(0, "STOPPING=1");
    if (failed_) {
      return cli::kExitError;
    }
    log_ << "redundd: " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
         << ": handing over; the data path stays\n";
    daemon_.stop();
    return cli::kExitOk;
  }

 private:
  // Reads the file again; a file with errors changes nothing.
  std::vector<std::string> reload() {
    sd_notify(0, "RELOADING=1");
    log_ << "redundd: reloading " << options_.configFile << '\n';
    std::vector<std::string> errors;
    std::string outcome;
    try {
      const config::Config config = config::readConfig(options_.configFile);
      errors = daemon_.apply(config);
      ++info_.reloads;
      outcome = errors.empty() ? "applied" : "applied with failures";
      log_ << "redundd: reloaded" << (errors.empty() ? "" : ", with failures") << '\n';
    } catch (const config::ConfigErrors& e) {
      for (const config::ConfigError& error : e.errors()) {
        errors.push_back(error.text());
        log_ << kLogError << error.text() << '\n';
      }
      outcome = "refused";
      log_ << kLogError << "redundd: reload refused; the running configuration stays\n";
    }
    daemon_.notices().post({.kind = "reload",
                            .object = options_.configFile,
                            .to = outcome,
                            .detail = util::join(errors, "; ")});
    info_.lastReloadAt = unixNow();
    info_.lastReloadErrors = errors;
    sd_notify(0, "READY=1\nSTATUS=running");
    return errors;
  }

  void handle(const control::Request& request, control::Server::Respond respond) {
    control::Reply reply;
    if (request.command == control::Command::kReload) {
      reply.errors = reload();
      reply.ok = reply.errors.empty();
    }
    reply.daemon = info_;
    struct Pending {
      control::Reply reply;
      control::Server::Respond respond;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(reply), std::move(respond)});
    daemon_.statusInSteps(
        [pending](runtime::Json services) {
          pending->reply.services = std::move(services);
          pending->respond(std::move(pending->reply));
        },
        [pending](const std::string& error) {
          pending->reply.ok = false;
          pending->reply.errors.push_back("status: " + error);
          pending->respond(std::move(pending->reply));
        });
  }

  void startWatchdog() {
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
      return;
    }
    watchdog_.emplace(reactor_.io());
    watchdogPeriod_ = std::chrono::microseconds(usec / 2);
    kickWatchdog();
  }

  void kickWatchdog() {
    sd_notify(0, "WATCHDOG=1");
    watchdog_->expires_after(watchdogPeriod_);
    watchdog_->async_wait([this](boost::system::error_code ec) {
      if (!ec) {
        kickWatchdog();
      }
    });
  }

  const Options& options_;
  std::ostream& log_;
  runtime::Reactor reactor_;
  runtime::KernelEvents events_;
  nl::RtnlLinks links_;
  Daemon daemon_;
  control::Server control_;
  runtime::Notices::Registration noticeFeed_;
  control::DaemonInfo info_;
  std::optional<boost::asio::steady_timer> watchdog_;
  std::chrono::microseconds watchdogPeriod_{};
  bool failed_ = false;
};

}  // namespace

std::string_view usage() {
  return R"(Usage: redundd [ -c FILE ] [ --log-level LEVEL ]
       redundd --check-config [ FILE ]
       redundd run DEV [ OPTIONS ]     (what `redundctl run` execs; see its --help)
       redundd vrrp DEV [ OPTIONS ]    (what `redundctl vrrp` execs; see its --help)
       redundd { -h | --help | -V | --version }

Runs every redund protocol instance of this host (or network namespace)
that FILE declares, in the foreground: devices and their ports, LACP,
VRRP routers, health checks, static gateways. SIGHUP or `redundctl
reload` applies the edited file's difference; a file with errors is
refused whole. `redundctl status` asks it what runs.

  -c, --config FILE      the configuration (default /etc/redund/redund.conf)
      --check-config [FILE]
                         check FILE (default: the -c one) and exit: every
                         error as FILE:LINE:COLUMN, exit 1 when any
      --log-level LEVEL  error, warning, info (default) or debug
)";
}

int main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
         const cli::ApiFactory& makeApi) {
  if (!args.empty() && args.front() == cli::kDaemonRun) {
    return lacpd::runCommand({args.begin() + 1, args.end()}, out, err, makeApi);
  }
  if (!args.empty() && args.front() == cli::kDaemonVrrp) {
    return vrrpd::vrrpCommand({args.begin() + 1, args.end()}, out, err, makeApi);
  }
  Options options;
  try {
    options = parseOptions(args);
  } catch (const cli::UsageError& e) {
    err << "redundd: " << e.what() << "\n\n" << usage();
    return cli::kExitUsage;
  }
  if (options.help) {
    out << usage();
    return cli::kExitOk;
  }
  if (options.version) {
    out << "redundd " << REDUND_VERSION << '\n';
    return cli::kExitOk;
  }
  if (options.checkConfig) {
    return checkConfig(*options.checkConfig, out, err);
  }
  // Levels and, under systemd, the journal's priority prefixes.
  util::LogBuffer logBuffer(err.rdbuf(), std::getenv("JOURNAL_STREAM") != nullptr,
                            *util::logLevel(options.logLevel));
  std::ostream log(&logBuffer);
  try {
    const config::Config config = config::readConfig(options.configFile);
    const auto api = makeApi();
    Redundd daemon(*api, options, log);
    return daemon.run(config);
  } catch (const config::ConfigErrors& e) {
    for (const config::ConfigError& error : e.errors()) {
      log << kLogError << error.text() << '\n';
    }
    log << kLogError << "redundd: " << e.errors().size()
        << (e.errors().size() == 1 ? " error" : " errors")
        << " in the configuration; nothing applied\n";
    return cli::kExitError;
  } catch (const std::exception& e) {
    log << kLogError << "redundd: " << e.what() << '\n';
    return cli::kExitError;
  }
}

}  // namespace redund::redundd
