#include "cli/options.h"

#include <boost/program_options.hpp>

#include "cli/errors.h"

namespace redund::cli {

namespace po = boost::program_options;

CommandLine parseCommandLine(const std::vector<std::string>& args) {
  CommandLine cmdline;
  po::options_description visible;
  visible.add_options()                                        //
      ("json,j", po::bool_switch(&cmdline.global.json))        //
      ("pretty,p", po::bool_switch(&cmdline.global.pretty))    //
      ("details,d", po::bool_switch(&cmdline.global.details))  //
      ("stats,s", po::bool_switch(&cmdline.global.stats))      //
      ("netns,n", po::value(&cmdline.global.netns))            //
      ("help,h", po::bool_switch(&cmdline.help))               //
      ("version,V", po::bool_switch(&cmdline.version));
  po::options_description all;
  all.add(visible).add_options()("words", po::value(&cmdline.words));
  po::positional_options_description positional;
  positional.add("words", -1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return cmdline;
}

std::string takeLeadingNetns(std::vector<std::string>& args) {
  std::string netns;
  auto it = args.begin();
  while (it != args.end()) {
    if (*it == "-n" || *it == "--netns") {
      if (it + 1 == args.end()) {
        throw UsageError("the required argument for option '" + *it + "' is missing");
      }
      netns = *(it + 1);
      it += 2;
    } else if (it->starts_with("--netns=")) {
      netns = it->substr(std::string_view("--netns=").size());
      ++it;
    } else {
      break;
    }
  }
  args.erase(args.begin(), it);
  return netns;
}

bool matches(std::string_view word, std::string_view keyword) {
  return !word.empty() && keyword.starts_with(word);
}

}  // namespace redund::cli
