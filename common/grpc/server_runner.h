// Runs a gRPC server the same way in every service: the standard health service
// (grpc.health.v1) tied to a readiness check, server reflection, JSON logs of start and
// stop, and a graceful drain on SIGTERM or SIGINT.
#ifndef PORTAL_COMMON_GRPC_SERVER_RUNNER_H_
#define PORTAL_COMMON_GRPC_SERVER_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace portal::grpc_server {

struct ServerOptions {
  std::string listen_address;  // host:port; port 0 picks a free port, logged at start.
  // Called periodically; the health service reports SERVING only while it returns OK.
  std::function<absl::Status()> readiness_check;
  absl::Duration readiness_interval = absl::Seconds(5);
  // How long in-flight calls may run after SIGTERM before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(20);
  int max_receive_message_bytes = 1 << 20;
};

// Blocks SIGTERM and SIGINT in the calling thread and in every thread it creates later,
// so that RunServer can wait for them synchronously. REQUIRES: called in main() before
// any thread is started.
void BlockTerminationSignals();

// Starts the server with `services` and blocks until SIGTERM or SIGINT. Then it reports
// NOT_SERVING, stops accepting calls, lets in-flight calls finish within the grace
// period, and returns OK. Returns an error if the server cannot start.
absl::Status RunServer(const ServerOptions& options, const std::vector<grpc::Service*>& services);

}  // namespace portal::grpc_server

#endif  // PORTAL_COMMON_GRPC_SERVER_RUNNER_H_
