#include "lacpd/run.h"

#include "cli/errors.h"
#include "health/check_spec.h"
#include "lacpd/loop.h"
#include "lacpd/options.h"

namespace redund::lacpd {

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               const cli::ApiFactory& makeApi) {
  RunOptions options;
  try {
    options = parseRunOptions(args);
  } catch (const cli::UsageError& e) {
    err << "redundctl: run: " << e.what() << "\nTry \"redundctl run --help\".\n";
    return cli::kExitUsage;
  } catch (const Error& e) {
    err << "redundctl: run: " << e.what() << '\n';
    return cli::kExitUsage;
  }
  if (options.help) {
    out << runUsage() << '\n' << portCheckHelp();
    return cli::kExitOk;
  }
  try {
    const auto api = makeApi();
    return runLoop(*api, options, err) == 0 ? cli::kExitOk : cli::kExitError;
  } catch (const std::exception& e) {
    err << "redundctl: run " << options.device << ": " << e.what() << '\n';
    return cli::kExitError;
  }
}

}  // namespace redund::lacpd
