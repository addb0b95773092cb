// portal-health-probe: the health check command of the portal's containers, which have
// no shell or curl. Exits 0 when the server is healthy, 1 when it is not, 2 on a usage
// error, and prints one line saying which.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "services/health_probe/probe_options.h"
#include "services/health_probe/probes.h"

namespace {

constexpr int kExitHealthy = 0;
constexpr int kExitUnhealthy = 1;
constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  absl::StatusOr<portal::health_probe::ProbeOptions> options =
      portal::health_probe::ParseProbeOptions(arguments);
  if (!options.ok()) {
    std::cerr << "portal-health-probe: " << options.status().message() << "\n"
              << portal::health_probe::kUsage;
    return kExitUsage;
  }
  if (options->show_help) {
    std::cout << portal::health_probe::kUsage;
    return kExitHealthy;
  }

  absl::Status health;
  std::string checked;
  if (!options->grpc_target.empty()) {
    health = portal::health_probe::CheckGrpcHealth(options->grpc_target, options->grpc_service,
                                                   options->timeout);
    checked = "grpc " + options->grpc_target;
  } else {
    // ParseProbeOptions has already validated the URL.
    absl::StatusOr<portal::health_probe::HttpUrl> url =
        portal::health_probe::ParseHttpUrl(options->http_url);
    health = portal::health_probe::CheckHttpHealth(*url, options->timeout);
    checked = options->http_url;
  }

  if (!health.ok()) {
    std::cerr << "unhealthy: " << health.message() << "\n";
    return kExitUnhealthy;
  }
  std::cout << "healthy: " << checked << "\n";
  return kExitHealthy;
}
