#include "util/json_file.h"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace redund::util {

void writeJsonFile(const std::string& path, const nlohmann::ordered_json& json) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << json.dump(2) << '\n';
    out.flush();
    if (!out) {
      throw std::system_error(errno, std::generic_category(), "write " + tmp);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) < 0) {
    throw std::system_error(errno, std::generic_category(), "rename " + tmp);
  }
}

}  // namespace redund::util
