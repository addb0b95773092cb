// portal-gateway: the public HTTP/1.1 edge. Turns JSON requests into gRPC calls.
#include <cstdlib>
#include <iostream>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/config/config.h"
#include "common/service/startup.h"
#include "common/logging/log.h"
#include "gateway/client_address.h"
#include "gateway/http_server.h"
#include "gateway/rate_limiter.h"
#include "gateway/registration_backend.h"
#include "gateway/router.h"

ABSL_FLAG(std::string, gateway_listen, "127.0.0.1:8080", "Address to serve HTTP on, IP:port.");
ABSL_FLAG(std::string, gateway_registration_target, "127.0.0.1:50051",
          "gRPC target of the registration service.");
ABSL_FLAG(int, gateway_io_threads, 2, "Threads running the HTTP event loop.");
ABSL_FLAG(int, gateway_max_connections, 10000, "Open connections allowed at once.");
ABSL_FLAG(int, gateway_backend_deadline_ms, 5000, "Deadline of each backend call, in ms.");
ABSL_FLAG(int, gateway_read_timeout_seconds, 10,
          "Seconds allowed to receive a request, and to idle on a kept-alive connection.");
ABSL_FLAG(double, gateway_rate_limit_per_minute, 120,
          "Sustained API requests allowed per client address per minute.");
ABSL_FLAG(double, gateway_rate_limit_burst, 30, "API requests a client address may burst.");
ABSL_FLAG(std::string, gateway_trusted_proxies, "",
          "Comma-separated networks of proxies (the load balancer) whose X-Forwarded-For "
          "is believed, e.g. 10.0.0.0/24,10.0.1.0/24. Empty: use the socket address.");
ABSL_FLAG(std::string, gateway_cors_origins, "",
          "Comma-separated origins allowed to call the API from a browser, e.g. "
          "https://register.example.gov. Empty: no cross-origin calls.");
ABSL_FLAG(std::string, gateway_static_dir, "",
          "Folder of the built registration page to serve at /. For one-machine runs only; "
          "leave empty in production, where CloudFront serves the page.");

namespace {

namespace net = boost::asio;

constexpr absl::string_view kFlags[] = {
    "gateway_listen", "gateway_registration_target", "gateway_io_threads",
    "gateway_max_connections", "gateway_backend_deadline_ms", "gateway_read_timeout_seconds",
    "gateway_rate_limit_per_minute", "gateway_rate_limit_burst", "gateway_trusted_proxies",
    "gateway_cors_origins", "gateway_static_dir", "shutdown_grace_seconds", "log_level"};

int Fail(const absl::Status& status) { return portal::service::Fail("portal-gateway", status); }

absl::Status CheckPositive(absl::string_view flag, double value) {
  if (value > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("invalid --", flag, " ", value,
                                                 ": must be greater than 0"));
}

// Waits for in-flight requests to finish, up to `deadline`, then stops the event loop.
void DrainThenStop(net::io_context& io_context, net::steady_timer& timer,
                   const portal::gateway::HttpServer& server,
                   std::chrono::steady_clock::time_point deadline) {
  if (server.activity().requests_in_flight.load() == 0 ||
      std::chrono::steady_clock::now() >= deadline) {
    portal::log::Info("drain finished",
                      {{"requests_abandoned", server.activity().requests_in_flight.load()}});
    io_context.stop();
    return;
  }
  timer.expires_after(std::chrono::milliseconds(50));
  timer.async_wait([&io_context, &timer, &server, deadline](boost::system::error_code) {
    DrainThenStop(io_context, timer, server, deadline);
  });
}

}  // namespace

int main(int argc, char** argv) {
  absl::Status started = portal::service::Start("gateway", argc, argv, kFlags);
  if (!started.ok()) return Fail(started);

  absl::StatusOr<portal::config::HostPort> listen =
      portal::config::ParseHostPort(absl::GetFlag(FLAGS_gateway_listen));
  if (!listen.ok()) return Fail(listen.status());
  absl::StatusOr<std::vector<portal::gateway::Network>> trusted =
      portal::gateway::ParseNetworks(absl::GetFlag(FLAGS_gateway_trusted_proxies));
  if (!trusted.ok()) return Fail(trusted.status());
  for (auto [flag, value] : {std::pair{"gateway_rate_limit_per_minute",
                                       absl::GetFlag(FLAGS_gateway_rate_limit_per_minute)},
                             std::pair{"gateway_rate_limit_burst",
                                       absl::GetFlag(FLAGS_gateway_rate_limit_burst)},
                             std::pair{"gateway_io_threads",
                                       double(absl::GetFlag(FLAGS_gateway_io_threads))},
                             std::pair{"gateway_max_connections",
                                       double(absl::GetFlag(FLAGS_gateway_max_connections))},
                             std::pair{"gateway_backend_deadline_ms",
                                       double(absl::GetFlag(FLAGS_gateway_backend_deadline_ms))},
                             std::pair{"gateway_read_timeout_seconds",
                                       double(absl::GetFlag(FLAGS_gateway_read_timeout_seconds))}}) {
    if (absl::Status status = CheckPositive(flag, value); !status.ok()) return Fail(status);
  }

  portal::gateway::RegistrationBackend backend(
      absl::GetFlag(FLAGS_gateway_registration_target),
      std::chrono::milliseconds(absl::GetFlag(FLAGS_gateway_backend_deadline_ms)));
  portal::gateway::RateLimiter rate_limiter({absl::GetFlag(FLAGS_gateway_rate_limit_per_minute),
                                             absl::GetFlag(FLAGS_gateway_rate_limit_burst)});
  portal::gateway::ClientAddressResolver resolver(*trusted);

  portal::gateway::RouterOptions router_options;
  for (absl::string_view origin :
       absl::StrSplit(absl::GetFlag(FLAGS_gateway_cors_origins), ',', absl::SkipWhitespace())) {
    router_options.cors_origins.emplace_back(absl::StripAsciiWhitespace(origin));
  }
  router_options.static_dir = absl::GetFlag(FLAGS_gateway_static_dir);
  if (!router_options.static_dir.empty()) {
    portal::log::Warning("serving static files; this is for one-machine runs only",
                         {{"folder", router_options.static_dir}});
  }

  std::atomic<bool> draining{false};
  portal::gateway::Router router(backend, rate_limiter, router_options, draining);

  const int thread_count = absl::GetFlag(FLAGS_gateway_io_threads);
  net::io_context io_context(thread_count);
  portal::gateway::ServerLimits limits;
  limits.read_timeout = std::chrono::seconds(absl::GetFlag(FLAGS_gateway_read_timeout_seconds));
  limits.max_connections = static_cast<size_t>(absl::GetFlag(FLAGS_gateway_max_connections));
  portal::gateway::HttpServer server(io_context, limits, router, resolver, draining);
  absl::StatusOr<unsigned short> port = server.Listen(listen->host, listen->port);
  if (!port.ok()) return Fail(port.status());
  portal::log::Info("server started", {{"address", absl::GetFlag(FLAGS_gateway_listen)},
                                       {"port", *port}});

  net::signal_set signals(io_context, SIGTERM, SIGINT);
  net::steady_timer drain_timer(io_context);
  signals.async_wait([&](boost::system::error_code error, int signal_number) {
    if (error) return;
    const auto grace = absl::ToChronoSeconds(portal::service::ShutdownGrace());
    portal::log::Info("shutdown requested; draining",
                      {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"},
                       {"grace_ms", std::chrono::milliseconds(grace).count()}});
    draining.store(true);
    server.StopAccepting();
    DrainThenStop(io_context, drain_timer, server, std::chrono::steady_clock::now() + grace);
  });

  std::vector<std::thread> threads;
  for (int i = 1; i < thread_count; ++i) threads.emplace_back([&io_context] { io_context.run(); });
  io_context.run();
  for (std::thread& thread : threads) thread.join();

  portal::log::Info("server stopped");
  return EXIT_SUCCESS;
}
