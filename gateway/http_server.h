// The asynchronous HTTP/1.1 server: accepts connections, reads requests within limits
// and timeouts, hands them to the Router, and writes responses, with keep-alive.
#ifndef PORTAL_GATEWAY_HTTP_SERVER_H_
#define PORTAL_GATEWAY_HTTP_SERVER_H_

#include <atomic>
#include <chrono>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "absl/status/statusor.h"
#include "gateway/client_address.h"
#include "gateway/router.h"

namespace portal::gateway {

struct ServerLimits {
  size_t max_body_bytes = 64 * 1024;
  size_t max_header_bytes = 16 * 1024;
  // Time allowed to receive a whole request, and to wait for the next one on a kept-alive
  // connection; a slow client is disconnected when it passes.
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
  size_t max_connections = 10000;
};

// Counts of work in progress, for the drain on shutdown.
struct ServerActivity {
  std::atomic<size_t> connections{0};
  std::atomic<size_t> requests_in_flight{0};
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io_context, ServerLimits limits, Router& router,
             const ClientAddressResolver& resolver, const std::atomic<bool>& draining);

  // Binds and starts accepting. Returns the bound port (useful with port 0).
  absl::StatusOr<unsigned short> Listen(const std::string& host, unsigned short port);

  // Stops accepting new connections. Open connections finish their current request and
  // then close, because responses during the drain carry "Connection: close".
  void StopAccepting();

  const ServerActivity& activity() const { return *activity_; }

 private:
  void Accept();

  boost::asio::io_context& io_context_;
  ServerLimits limits_;
  Router& router_;
  const ClientAddressResolver& resolver_;
  const std::atomic<bool>& draining_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<ServerActivity> activity_ = std::make_shared<ServerActivity>();
};

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_HTTP_SERVER_H_
