#include <memory>
#include <sstream>

#include "cli/errors.h"
#include "cli/netns.h"
#include "cli/options.h"
#include "cli/usage.h"
#include "cli_fixture.h"
#include "nl/family.h"

namespace redund::test {
namespace {

using AppTest = CliTest;

TEST_F(AppTest, Version) {
  for (const char* option : {"--version", "-V"}) {
    const CliResult result = run({option});
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.out, std::string("redundctl ") + REDUND_VERSION + "\n");
    EXPECT_EQ(result.err, "");
  }
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(AppTest, HelpPrintsTheGrammarToStdout) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--help"}, {"-h"}, {"help"}, {"-j", "show", "-h"}}) {
    const CliResult result = run(args);
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.out, cli::usageText());
    EXPECT_EQ(result.err, "");
  }
  EXPECT_NE(cli::usageText().find("redundctl [ OPTIONS ] port set DEV PORT active"),
            std::string::npos);
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(AppTest, HelpListsEveryModeHashAndCommand) {
  const std::string usage(cli::usageText());
  std::string modes;
  for (const Mode mode : kModes) {
    modes += std::string(modes.empty() ? "" : " | ") + std::string(modeName(mode));
  }
  std::string hashes;
  for (const Hash hash : kHashes) {
    hashes += std::string(hashes.empty() ? "" : " | ") + std::string(hashName(hash));
  }
  for (const std::string& line : {
           std::string("redundctl [ OPTIONS ] dev set DEV [ mode MODE ] [ hash HASH ]\n"
                       "                                         [ min-links N ]\n"),
           std::string("redundctl [ OPTIONS ] port set DEV PORT [ collecting { on | off } ]"),
           std::string("[ distributing { on | off } ]"),
           "MODE := { " + modes + " }",
           "HASH := { " + hashes + " }",
           std::string("-n NETNS | --netns NETNS }"),
       }) {
    EXPECT_NE(usage.find(line), std::string::npos) << line;
  }
}

TEST_F(AppTest, UnknownCommandIsUsageError) {
  const CliResult result = run({"frob"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            std::string("redundctl: unknown command \"frob\"\n\n") + std::string(cli::usageText()));
}

TEST_F(AppTest, UnknownOptionIsUsageError) {
  const CliResult result = run({"-x", "show"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err.rfind("redundctl: unrecognised option '-x'\n", 0), 0U) << result.err;
}

TEST_F(AppTest, MissingCommandIsUsageError) {
  EXPECT_EQ(run({}).status, 2);
  EXPECT_EQ(run({"-j"}).status, 2);
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(AppTest, DoubleDashEndsOptions) {
  system_.interfaces["-j"] = 50;
  const CliResult result = run({"show", "--", "-j"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err.rfind("redundctl: -j is not a redund device: ", 0), 0U) << result.err;
}

TEST_F(AppTest, MissingModuleIsReportedOnce) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = cli::run({"show"}, out, err, []() -> std::unique_ptr<RedundApi> {
    throw nl::FamilyNotFound(REDUND_GENL_NAME);
  });
  EXPECT_EQ(status, 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(),
            "redundctl: redund kernel module not loaded (genl family 'redund' not found)\n");
}

TEST_F(AppTest, NetnsNamesAFileUnderRunNetnsOrAPath) {
  EXPECT_EQ(cli::netnsPath("blue"), "/run/netns/blue");
  EXPECT_EQ(cli::netnsPath("/proc/1/ns/net"), "/proc/1/ns/net");
  EXPECT_EQ(cli::parseCommandLine({"-n", "blue", "show"}).global.netns, "blue");
  EXPECT_EQ(cli::parseCommandLine({"show", "--netns=red"}).global.netns, "red");
}

TEST_F(AppTest, LeadingNetnsOptionsAreTakenOffForTheDaemons) {
  std::vector<std::string> args{"-n", "a", "--netns=b", "--netns", "c", "run", "r0", "-n", "x"};
  EXPECT_EQ(cli::takeLeadingNetns(args), "c");
  EXPECT_EQ(args, (std::vector<std::string>{"run", "r0", "-n", "x"}));
  std::vector<std::string> none{"-j", "show"};
  EXPECT_EQ(cli::takeLeadingNetns(none), "");
  EXPECT_EQ(none.size(), 2U);
  std::vector<std::string> missing{"-n"};
  EXPECT_THROW(cli::takeLeadingNetns(missing), cli::UsageError);
}

TEST_F(AppTest, MissingNetnsIsAnErrorBeforeTheKernelIsAsked) {
  const CliResult result = run({"-n", "redund-test-no-such-netns", "show"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err.rfind("redundctl: network namespace \"redund-test-no-such-netns\" "
                             "(/run/netns/redund-test-no-such-netns): No such file or directory",
                             0),
            0U)
      << result.err;
  EXPECT_EQ(system_.apisCreated, 0);
}

}  // namespace
}  // namespace redund::test
