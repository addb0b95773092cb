// The two health checks of portal-health-probe. Each returns OK when the server is
// healthy. Otherwise the error message describes what failed, and ECS shows it in the
// health check output.
#ifndef PORTAL_SERVICES_HEALTH_PROBE_PROBES_H_
#define PORTAL_SERVICES_HEALTH_PROBE_PROBES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/health_probe/probe_options.h"

namespace portal::health_probe {

// Calls grpc.health.v1.Health/Check on `target` over plaintext. Healthy when the status
// is SERVING. The services report NOT_SERVING until their database responds to a ping,
// so this is a readiness check as well as a liveness check.
absl::Status CheckGrpcHealth(const std::string& target, const std::string& service,
                             absl::Duration timeout);

// Sends "GET url.target" over HTTP/1.1 and reads the response. Healthy on a 2xx status.
// `timeout` bounds name resolution, connect, write and read together.
absl::Status CheckHttpHealth(const HttpUrl& url, absl::Duration timeout);

}  // namespace portal::health_probe

#endif  // PORTAL_SERVICES_HEALTH_PROBE_PROBES_H_
