#include "services/health_probe/probe_options.h"

#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace portal::health_probe {

const char kUsage[] =
    "usage: portal-health-probe (--target HOST:PORT [--service NAME] | --http-url URL)\n"
    "                           [--timeout-ms MILLISECONDS]\n"
    "\n"
    "Checks one server and exits 0 when it is healthy, 1 when it is not, 2 on a usage error.\n"
    "  --target HOST:PORT   call grpc.health.v1.Health/Check; healthy when SERVING\n"
    "  --service NAME       the service name to check with --target (default: the whole server)\n"
    "  --http-url URL       send GET to an http:// URL; healthy on a 2xx status\n"
    "  --timeout-ms N       deadline of the whole check in milliseconds (default 3000)\n";

namespace {

constexpr int64_t kMaxTimeoutMs = 60'000;

// An option's name without the leading "--", and its value.
struct FlagValue {
  std::string name;
  std::string value;
};

// Reads the option at `*index`. "--name=value" carries its value, and a bare "--name"
// takes the next argument as its value and advances `*index`.
absl::StatusOr<FlagValue> NextFlag(const std::vector<std::string>& arguments, size_t* index) {
  const std::string& argument = arguments[*index];
  if (!absl::StartsWith(argument, "--")) {
    return absl::InvalidArgumentError(
        absl::StrCat("unexpected argument \"", argument, "\": options start with --"));
  }
  FlagValue flag;
  const size_t equals = argument.find('=');
  if (equals != std::string::npos) {
    flag.name = argument.substr(2, equals - 2);
    flag.value = argument.substr(equals + 1);
    return flag;
  }
  flag.name = argument.substr(2);
  if (flag.name == "help") return flag;
  if (*index + 1 >= arguments.size()) {
    return absl::InvalidArgumentError(absl::StrCat("missing value for --", flag.name));
  }
  *index += 1;
  flag.value = arguments[*index];
  return flag;
}

}  // namespace

absl::StatusOr<ProbeOptions> ParseProbeOptions(const std::vector<std::string>& arguments) {
  ProbeOptions options;
  for (size_t index = 0; index < arguments.size(); ++index) {
    absl::StatusOr<FlagValue> flag = NextFlag(arguments, &index);
    if (!flag.ok()) return flag.status();

    if (flag->name == "help") {
      options.show_help = true;
    } else if (flag->name == "target") {
      options.grpc_target = flag->value;
    } else if (flag->name == "service") {
      options.grpc_service = flag->value;
    } else if (flag->name == "http-url") {
      options.http_url = flag->value;
    } else if (flag->name == "timeout-ms") {
      int64_t milliseconds = 0;
      if (!absl::SimpleAtoi(flag->value, &milliseconds) || milliseconds < 1 ||
          milliseconds > kMaxTimeoutMs) {
        return absl::InvalidArgumentError(absl::StrCat(
            "invalid --timeout-ms \"", flag->value, "\": use 1 to ", kMaxTimeoutMs));
      }
      options.timeout = absl::Milliseconds(milliseconds);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option --", flag->name));
    }
  }

  if (options.show_help) return options;
  if (options.grpc_target.empty() == options.http_url.empty()) {
    return absl::InvalidArgumentError("give exactly one of --target and --http-url");
  }
  if (!options.grpc_service.empty() && options.grpc_target.empty()) {
    return absl::InvalidArgumentError("--service needs --target");
  }
  if (!options.http_url.empty()) {
    absl::StatusOr<HttpUrl> url = ParseHttpUrl(options.http_url);
    if (!url.ok()) return url.status();
  }
  return options;
}

absl::StatusOr<HttpUrl> ParseHttpUrl(const std::string& text) {
  absl::string_view rest = text;
  if (!absl::ConsumePrefix(&rest, "http://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --http-url \"", text, "\": it must start with http://"));
  }

  HttpUrl url;
  const size_t slash = rest.find('/');
  absl::string_view authority = rest.substr(0, slash);
  url.target = slash == absl::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.empty() || absl::StrContains(authority, '@')) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --http-url \"", text, "\": expected http://HOST[:PORT]/PATH"));
  }

  // A bracketed IPv6 literal may contain colons; the port follows the closing bracket.
  size_t port_colon = authority.rfind(':');
  if (port_colon != absl::string_view::npos && authority.find(']', port_colon) != absl::string_view::npos) {
    port_colon = absl::string_view::npos;
  }
  absl::string_view host = authority.substr(0, port_colon);
  url.port = port_colon == absl::string_view::npos ? "80"
                                                   : std::string(authority.substr(port_colon + 1));
  if (absl::ConsumePrefix(&host, "[") && !absl::ConsumeSuffix(&host, "]")) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --http-url \"", text, "\": unclosed [ in the host"));
  }
  url.host = std::string(host);

  int port = 0;
  if (url.host.empty() || !absl::SimpleAtoi(url.port, &port) || port < 1 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --http-url \"", text, "\": expected http://HOST[:PORT]/PATH with a port of 1 to 65535"));
  }
  return url;
}

}  // namespace portal::health_probe
