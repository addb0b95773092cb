#include "gateway/http_server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/str_cat.h"
#include "common/logging/log.h"

namespace portal::gateway {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One connection. Each asynchronous step is a Do/On pair; every handler deals with its
// error code first. The session keeps itself alive through shared_from_this.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const ServerLimits& limits, Router& router,
          const ClientAddressResolver& resolver, const std::atomic<bool>& draining,
          std::shared_ptr<ServerActivity> activity)
      : stream_(std::move(socket)), limits_(limits), router_(router), resolver_(resolver),
        draining_(draining), activity_(std::move(activity)) {
    activity_->connections.fetch_add(1);
  }

  ~Session() { activity_->connections.fetch_sub(1); }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

 private:
  void DoRead() {
    parser_.emplace();
    parser_->body_limit(limits_.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
    stream_.expires_after(limits_.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code error, std::size_t) {
    if (error == http::error::end_of_stream || error == beast::error::timeout ||
        error == net::error::connection_reset || error == net::error::eof) {
      return Close();
    }
    RequestContext context;
    if (error) {
      // The request could not be read whole, so respond once and close the connection.
      Problem problem;
      if (error == http::error::body_limit) {
        problem.status = 413;
        problem.detail = absl::StrCat("the body is larger than ", limits_.max_body_bytes,
                                      " bytes");
      } else if (error == http::error::header_limit) {
        problem.status = 431;
        problem.detail = "the request headers are too large";
      } else {
        problem.status = 400;
        problem.detail = "the request is not valid HTTP/1.1";
      }
      context.request_id = RequestIdFor(parser_->get());
      log::Write(log::Severity::kInfo, "request rejected while reading", context.request_id,
                 {{"status", problem.status}, {"error", error.message()}});
      HttpResponse response = router_.ErrorResponse(problem, context, 11);
      response.keep_alive(false);
      return Send(std::move(response));
    }

    request_ = parser_->release();
    context.request_id = RequestIdFor(request_);
    auto forwarded = request_.find("X-Forwarded-For");
    beast::error_code peer_error;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(peer_error);
    if (peer_error) return Close();
    context.client_address = resolver_.Resolve(
        peer.address(), forwarded == request_.end() ? "" : std::string(forwarded->value()));

    started_ = std::chrono::steady_clock::now();
    request_id_ = context.request_id;
    activity_->requests_in_flight.fetch_add(1);
    in_flight_ = true;

    // The router may respond from a gRPC thread, so the response is posted back to this
    // connection's strand before it touches the stream.
    auto self = shared_from_this();
    router_.Handle(request_, context, [self](HttpResponse response) {
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable {
                  self->Send(std::move(response));
                });
    });
  }

  void Send(HttpResponse response) {
    const bool keep_alive = request_.keep_alive() && response.keep_alive() && !draining_.load();
    response.keep_alive(keep_alive);
    response_ = std::make_shared<HttpResponse>(std::move(response));

    if (in_flight_) {
      const auto elapsed = std::chrono::steady_clock::now() - started_;
      log::Write(log::Severity::kInfo, "request", request_id_,
                 {{"method", std::string(request_.method_string())},
                  {"status", response_->result_int()},
                  {"duration_ms",
                   std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()}});
    }

    stream_.expires_after(limits_.write_timeout);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this(),
                                                response_->keep_alive()));
  }

  void OnWrite(bool keep_alive, beast::error_code error, std::size_t) {
    if (in_flight_) {
      activity_->requests_in_flight.fetch_sub(1);
      in_flight_ = false;
    }
    response_.reset();
    if (error || !keep_alive) return Close();
    request_ = {};
    DoRead();
  }

  void Close() {
    if (in_flight_) {
      activity_->requests_in_flight.fetch_sub(1);
      in_flight_ = false;
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  std::shared_ptr<HttpResponse> response_;
  const ServerLimits& limits_;
  Router& router_;
  const ClientAddressResolver& resolver_;
  const std::atomic<bool>& draining_;
  std::shared_ptr<ServerActivity> activity_;
  std::chrono::steady_clock::time_point started_;
  std::string request_id_;
  bool in_flight_ = false;
};

}  // namespace

HttpServer::HttpServer(net::io_context& io_context, ServerLimits limits, Router& router,
                       const ClientAddressResolver& resolver, const std::atomic<bool>& draining)
    : io_context_(io_context), limits_(limits), router_(router), resolver_(resolver),
      draining_(draining), acceptor_(net::make_strand(io_context)) {}

absl::StatusOr<unsigned short> HttpServer::Listen(const std::string& host, unsigned short port) {
  beast::error_code error;
  const net::ip::address address = net::ip::make_address(host, error);
  if (error) {
    return absl::InvalidArgumentError(absl::StrCat("invalid listen address \"", host,
                                                   "\": use an IP address such as 127.0.0.1"));
  }
  const tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", host, ":", port, ": ",
                                               error.message()));
  }
  const unsigned short bound = acceptor_.local_endpoint().port();
  net::dispatch(acceptor_.get_executor(), [this] { Accept(); });
  return bound;
}

void HttpServer::StopAccepting() {
  net::dispatch(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
}

void HttpServer::Accept() {
  acceptor_.async_accept(net::make_strand(io_context_), [this](beast::error_code error,
                                                               tcp::socket socket) {
    if (error == net::error::operation_aborted) return;  // Closed for shutdown.
    if (error) {
      log::Warning("accept failed", {{"error", error.message()}});
    } else if (activity_->connections.load() >= limits_.max_connections) {
      // Over the limit: drop at once rather than queue work we cannot serve.
      static std::atomic<int> dropped{0};
      if (dropped.fetch_add(1) % 1000 == 0) {
        log::Warning("connection limit reached; dropping connections",
                     {{"max_connections", limits_.max_connections}, {"dropped", dropped.load()}});
      }
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<Session>(std::move(socket), limits_, router_, resolver_, draining_,
                                activity_)
          ->Start();
    }
    if (acceptor_.is_open()) Accept();
  });
}

}  // namespace portal::gateway
