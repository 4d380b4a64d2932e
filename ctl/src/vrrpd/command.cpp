#include "vrrpd/command.h"

#include "cli/errors.h"
#include "health/check_spec.h"
#include "vrrpd/loop.h"
#include "vrrpd/options.h"

namespace redund::vrrpd {

int vrrpCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                const cli::ApiFactory& makeApi) {
  VrrpOptions options;
  try {
    options = parseVrrpOptions(args);
  } catch (const cli::UsageError& e) {
    err << "redundctl: vrrp: " << e.what() << "\nTry \"redundctl vrrp --help\".\n";
    return cli::kExitUsage;
  } catch (const Error& e) {
    err << "redundctl: vrrp: " << e.what() << '\n';
    return cli::kExitUsage;
  }
  if (options.help) {
    out << vrrpUsage() << '\n' << health::checkSpecHelp();
    return cli::kExitOk;
  }
  try {
    const auto api = makeApi();
    return runLoop(*api, options, err) == 0 ? cli::kExitOk : cli::kExitError;
  } catch (const std::exception& e) {
    err << "redundctl: vrrp " << options.name() << ": " << e.what() << '\n';
    return cli::kExitError;
  }
}

}  // namespace redund::vrrpd
