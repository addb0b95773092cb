#include "common/config/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <boost/json/object.hpp>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/logging/log.h"

namespace portal::config {

std::string EnvironmentName(absl::string_view flag_name) {
  return absl::StrCat("PORTAL_", absl::AsciiStrToUpper(flag_name));
}

absl::StatusOr<std::vector<char*>> ParseFlagsAndEnvironment(
    int argc, char** argv, absl::Span<const absl::string_view> flag_names) {
  // The environment is applied first and the command line parsed after it, so that a
  // flag given on the command line overrides its environment variable.
  for (absl::string_view name : flag_names) {
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) {
      return absl::InternalError(absl::StrCat("no flag named --", name, " is defined"));
    }
    const std::string env_name = EnvironmentName(name);
    const char* value = std::getenv(env_name.c_str());
    if (value == nullptr) continue;

    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid value \"", value, "\" in ", env_name, ": ", error));
    }
  }
  return absl::ParseCommandLine(argc, argv);
}

void LogEffectiveValues(absl::Span<const absl::string_view> flag_names) {
  boost::json::object settings;
  for (absl::string_view name : flag_names) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag != nullptr) settings[std::string(name)] = flag->CurrentValue();
  }
  log::Info("configuration", {{"settings", settings}});
}

absl::StatusOr<std::string> ReadSecret(absl::string_view env_name) {
  const std::string name(env_name);
  if (const char* value = std::getenv(name.c_str()); value != nullptr && *value != '\0') {
    return std::string(value);
  }

  const std::string file_env = name + "_FILE";
  const char* path = std::getenv(file_env.c_str());
  if (path == nullptr || *path == '\0') {
    return absl::NotFoundError(absl::StrCat(name, " is not set; set it or ", file_env));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the file named by ", file_env, ": ", path));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  std::string secret = contents.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("the file named by ", file_env, " is empty"));
  }
  return secret;
}

absl::StatusOr<HostPort> ParseHostPort(absl::string_view text) {
  HostPort result;
  absl::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == absl::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid address \"", text, "\": expected [ipv6]:port"));
    }
    result.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == absl::string_view::npos || colon == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid address \"", text, "\": expected host:port"));
    }
    result.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  uint32_t port = 0;
  if (!absl::SimpleAtoi(port_text, &port) || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid port in \"", text, "\": expected 0 to 65535"));
  }
  result.port = static_cast<uint16_t>(port);
  return result;
}

}  // namespace portal::config
