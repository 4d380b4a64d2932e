#pragma once

#include <string_view>

namespace redund::cli {

// The grammar, as printed by --help and "help".
std::string_view usageText();

}  // namespace redund::cli
