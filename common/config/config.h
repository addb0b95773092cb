// Settings from command-line flags and environment variables.
//
// Every setting is an absl flag named in snake_case, and the environment variable
// PORTAL_<FLAG NAME IN CAPITALS> sets it too, so ECS task definitions can pass it. A flag
// given on the command line wins over the environment. Secrets are never flags, because
// flags show in the process list: they come from an environment variable or a file.
#ifndef PORTAL_COMMON_CONFIG_CONFIG_H_
#define PORTAL_COMMON_CONFIG_CONFIG_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace portal::config {

// Returns the environment variable bound to a flag: "db_url" -> "PORTAL_DB_URL".
std::string EnvironmentName(absl::string_view flag_name);

// Sets each named flag from its environment variable, then parses the command line,
// which overrides the environment. Fails naming the variable and the reason when a value
// does not parse. Returns the positional arguments, program name first.
absl::StatusOr<std::vector<char*>> ParseFlagsAndEnvironment(
    int argc, char** argv, absl::Span<const absl::string_view> flag_names);

// Logs the effective value of each named flag, one "configuration" line in all.
void LogEffectiveValues(absl::Span<const absl::string_view> flag_names);

// Reads a secret from the environment variable `env_name`, or failing that from the file
// that `env_name`_FILE names (trailing newlines dropped). NOT_FOUND when neither is set.
absl::StatusOr<std::string> ReadSecret(absl::string_view env_name);

struct HostPort {
  std::string host;
  uint16_t port = 0;
};

// Parses "host:port" or "[v6]:port". Port 0 is allowed: the server picks a free one.
absl::StatusOr<HostPort> ParseHostPort(absl::string_view text);

}  // namespace portal::config

#endif  // PORTAL_COMMON_CONFIG_CONFIG_H_
