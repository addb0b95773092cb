#include "services/health_probe/probes.h"

#include <chrono>
#include <exception>
#include <optional>

#include <grpcpp/grpcpp.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace portal::health_probe {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Health responses are a few bytes, so anything larger is not a health endpoint.
constexpr size_t kMaxResponseBodyBytes = 64 * 1024;

const char* ServingStatusName(grpc::health::v1::HealthCheckResponse::ServingStatus status) {
  using Response = grpc::health::v1::HealthCheckResponse;
  switch (status) {
    case Response::SERVING: return "SERVING";
    case Response::NOT_SERVING: return "NOT_SERVING";
    case Response::SERVICE_UNKNOWN: return "SERVICE_UNKNOWN";
    default: return "UNKNOWN";
  }
}

// Resolves, connects, sends the GET and returns the response status code.
asio::awaitable<unsigned> FetchStatus(const HttpUrl& url, std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  beast::tcp_stream stream(executor);

  const tcp::resolver::results_type endpoints =
      co_await resolver.async_resolve(url.host, url.port, asio::use_awaitable);
  stream.expires_after(timeout);
  co_await stream.async_connect(endpoints, asio::use_awaitable);

  http::request<http::empty_body> request(http::verb::get, url.target, 11);
  request.set(http::field::host, url.host);
  request.set(http::field::user_agent, "portal-health-probe");
  request.set(http::field::connection, "close");
  co_await http::async_write(stream, request, asio::use_awaitable);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBodyBytes);
  co_await http::async_read(stream, buffer, parser, asio::use_awaitable);

  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  co_return parser.get().result_int();
}

}  // namespace

absl::Status CheckGrpcHealth(const std::string& target, const std::string& service,
                             absl::Duration timeout) {
  // The probe talks to its own container's loopback address, so a proxy configured in
  // the environment must not carry the call.
  grpc::ChannelArguments channel_arguments;
  channel_arguments.SetInt(GRPC_ARG_ENABLE_HTTP_PROXY, 0);
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      target, grpc::InsecureChannelCredentials(), channel_arguments);
  std::unique_ptr<grpc::health::v1::Health::Stub> stub = grpc::health::v1::Health::NewStub(channel);

  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);

  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::DeadlineExceededError(absl::StrCat(
        "grpc health check of ", target, " timed out after ", absl::FormatDuration(timeout)));
  }
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("grpc health check of ", target,
                                               " failed: ", status.error_message()));
  }
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(absl::StrCat("grpc health check of ", target, " returned ",
                                               ServingStatusName(response.status())));
  }
  return absl::OkStatus();
}

absl::Status CheckHttpHealth(const HttpUrl& url, absl::Duration timeout) {
  const std::string where = absl::StrCat("GET http://", url.host, ":", url.port, url.target);
  const auto chrono_timeout = absl::ToChronoMilliseconds(timeout);

  asio::io_context io_context;
  std::optional<unsigned> status_code;
  boost::system::error_code failure;
  asio::co_spawn(io_context, FetchStatus(url, chrono_timeout),
                 [&](std::exception_ptr error, unsigned code) {
                   if (!error) {
                     status_code = code;
                     return;
                   }
                   try {
                     std::rethrow_exception(error);
                   } catch (const boost::system::system_error& system_error) {
                     failure = system_error.code();
                   }
                 });
  // The stream's expiry bounds connect, write and read. run_for also bounds name
  // resolution, which the stream's timer does not cover.
  io_context.run_for(chrono_timeout);

  if (status_code.has_value()) {
    if (*status_code >= 200 && *status_code < 300) return absl::OkStatus();
    return absl::UnavailableError(absl::StrCat(where, " returned HTTP ", *status_code));
  }
  if (failure && failure != beast::error::timeout) {
    return absl::UnavailableError(absl::StrCat(where, " failed: ", failure.message()));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(where, " timed out after ", absl::FormatDuration(timeout)));
}

}  // namespace portal::health_probe
