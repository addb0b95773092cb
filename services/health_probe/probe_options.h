// Command line of portal-health-probe. Hand-parsed because the flags are spelled with
// hyphens (--http-url), as the ECS task definitions call them, which absl flags cannot do.
#ifndef PORTAL_SERVICES_HEALTH_PROBE_PROBE_OPTIONS_H_
#define PORTAL_SERVICES_HEALTH_PROBE_PROBE_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace portal::health_probe {

struct ProbeOptions {
  std::string grpc_target;  // HOST:PORT of a grpc.health.v1 server; empty when not set.
  std::string grpc_service;  // The HealthCheckRequest service name; empty is the whole server.
  std::string http_url;  // http://HOST[:PORT]/PATH; empty when not set.
  absl::Duration timeout = absl::Seconds(3);
  bool show_help = false;
};

struct HttpUrl {
  std::string host;
  std::string port;
  std::string target;  // The request target: the path and query, "/" at least.
};

// Parses the arguments after the program name. Exactly one of --target and --http-url
// must be given. Accepts "--flag value" and "--flag=value".
absl::StatusOr<ProbeOptions> ParseProbeOptions(const std::vector<std::string>& arguments);

// Parses "http://HOST[:PORT][/PATH]". Rejects https and user information, because the
// probe only checks a server on the container's own loopback interface.
absl::StatusOr<HttpUrl> ParseHttpUrl(const std::string& text);

// The --help text.
extern const char kUsage[];

}  // namespace portal::health_probe

#endif  // PORTAL_SERVICES_HEALTH_PROBE_PROBE_OPTIONS_H_
