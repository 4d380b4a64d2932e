#include "cli/checks_view.h"

#include "cli/state_files.h"

namespace redund::cli {

std::string checksText(const Json& owner) {
  if (!owner.contains("checks") || !owner.at("checks").is_array()) {
    return "";
  }
  std::string text;
  for (const Json& c : owner.at("checks")) {
    const bool failing = c.value("failures", 0) > 0;
    text += "        check " + fieldText(c, "name");
    if (c.value("target", "") != c.value("name", "")) {
      text += " (" + fieldText(c, "target") + ")";
    }
    text += ": " + fieldText(c, "state") + ", " + fieldText(c, failing ? "failures" : "successes") +
            (failing ? " failed" : " ok") + " in a row";
    const Json last = c.value("last", Json());
    if (last.is_object()) {
      text += ", last " + std::string(last.value("ok", false) ? "ok" : "failed") + " " +
              fieldText(last, "latency_ms") + " ms \"" + fieldText(last, "detail") + "\"";
    }
    text += ", " + fieldText(c, "transitions") + " transitions\n";
  }
  return text;
}

}  // namespace redund::cli
