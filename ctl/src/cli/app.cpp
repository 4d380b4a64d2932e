#include "cli/app.h"

#include <span>

#include "cli/daemon_exec.h"
#include "cli/dev.h"
#include "cli/errors.h"
#include "cli/gateway.h"
#include "cli/monitor.h"
#include "cli/netns.h"
#include "cli/options.h"
#include "cli/port.h"
#include "cli/show.h"
#include "cli/status.h"
#include "cli/usage.h"
#include "control/client.h"

#ifndef REDUND_VERSION
#error "REDUND_VERSION is defined by ctl/Makefile"
#endif

namespace redund::cli {
namespace {

void dispatch(const CommandLine& cmdline, std::ostream& out, std::ostream& err,
              const ApiFactory& makeApi) {
  if (cmdline.words.empty()) {
    throw UsageError("missing command");
  }
  const std::string& command = cmdline.words.front();
  const std::span<const std::string> words = std::span(cmdline.words).subspan(1);
  if (matches(command, "show")) {
    const ShowCommand cmd = parseShow(words);
    runShow(*makeApi(), cmd, cmdline.global, out);
  } else if (matches(command, "dev")) {
    const DevSetCommand cmd = parseDev(words);
    runDevSet(*makeApi(), cmd);
  } else if (matches(command, "port")) {
    const PortSetCommand cmd = parsePort(words);
    runPortSet(*makeApi(), cmd);
  } else if (matches(command, "gateway")) {
    const GatewayCommand cmd = parseGateway(words);
    runGateway(*makeApi(), cmd, cmdline.global, out, err);
  } else if (matches(command, "monitor")) {
    parseMonitor(words);
    runMonitor(*makeApi(), cmdline.global, out, err);
  } else if (matches(command, "status")) {
    parseStatus(words, "status");
    runStatus([](const control::Request& r) { return control::ask(r); }, cmdline.global, out);
  } else if (matches(command, "reload")) {
    parseStatus(words, "reload");
    runReload([](const control::Request& r) { return control::ask(r); }, cmdline.global, out);
  } else if (matches(command, "help")) {
    out << usageText();
  } else {
    throw UsageError("unknown command \"" + command + "\"");
  }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const ApiFactory& makeApi) {
  try {
    // The daemons have their own option tables (lacpd/options.h,
    // vrrpd/options.h), read by redundd; only -n may come before them.
    std::vector<std::string> daemonArgs = args;
    const std::string netns = takeLeadingNetns(daemonArgs);
    for (const std::string_view mode : {kDaemonRun, kDaemonVrrp}) {
      if (!daemonArgs.empty() && matches(daemonArgs.front(), mode)) {
        if (!netns.empty()) {
          enterNetns(netns, true);
        }
        return execDaemon(mode, {daemonArgs.begin() + 1, daemonArgs.end()}, err);
      }
    }
    const CommandLine cmdline = parseCommandLine(args);
    if (cmdline.help) {
      out << usageText();
    } else if (cmdline.version) {
      out << "redundctl " << REDUND_VERSION << '\n';
    } else {
      if (!cmdline.global.netns.empty()) {
        enterNetns(cmdline.global.netns, false);
      }
      dispatch(cmdline, out, err, makeApi);
    }
    out.flush();
    return kExitOk;
  } catch (const UsageError& e) {
    err << "redundctl: " << e.what() << "\n\n" << usageText();
    return kExitUsage;
  } catch (const std::exception& e) {
    out.flush();
    err << "redundctl: " << e.what() << '\n';
    return kExitError;
  }
}

}  // namespace redund::cli
