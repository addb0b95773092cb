// Routes public HTTP requests to handlers and gives every response the same headers.
#ifndef PORTAL_GATEWAY_ROUTER_H_
#define PORTAL_GATEWAY_ROUTER_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <boost/beast/http.hpp>

#include "gateway/problem.h"
#include "gateway/rate_limiter.h"
#include "gateway/registration_backend.h"

namespace portal::gateway {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;
// Delivers the response. Callers call it exactly once, from any thread.
using Respond = std::function<void(HttpResponse)>;

struct RequestContext {
  std::string request_id;
  std::string client_address;
};

struct RouterOptions {
  std::vector<std::string> cors_origins;  // Exact origins, e.g. "https://register.example.gov".
  std::string static_dir;                 // Empty: no static files (production).
  std::chrono::milliseconds readiness_deadline{1000};
};

// Returns the incoming X-Request-Id when it is 1 to 128 characters of letters, digits and
// . _ : -, else a new random UUID.
std::string RequestIdFor(const HttpRequest& request);

class Router {
 public:
  Router(RegistrationBackend& backend, RateLimiter& rate_limiter, RouterOptions options,
         const std::atomic<bool>& draining);

  void Handle(const HttpRequest& request, const RequestContext& context, Respond respond);

  // Returns a problem response with the common headers, for errors found while reading a
  // request, before it can be routed.
  HttpResponse ErrorResponse(const Problem& problem, const RequestContext& context,
                             unsigned version) const;

 private:
  void Submit(const HttpRequest& request, const RequestContext& context, Respond respond);
  void GetStatus(const HttpRequest& request, const std::string& reference,
                 const RequestContext& context, Respond respond);
  void CheckName(const HttpRequest& request, const std::string& name,
                 const RequestContext& context, Respond respond);
  void Ready(const HttpRequest& request, const RequestContext& context, Respond respond);
  void ServeStatic(const HttpRequest& request, const std::string& path,
                   const RequestContext& context, Respond respond);
  void Preflight(const HttpRequest& request, const std::string& allowed_methods,
                 const RequestContext& context, Respond respond);

  HttpResponse Json(const HttpRequest& request, http::status status, std::string body,
                    const RequestContext& context) const;
  HttpResponse ProblemFor(const HttpRequest& request, const Problem& problem,
                          const RequestContext& context) const;
  // Sets the security headers, X-Request-Id and, for an allowed Origin, the CORS headers.
  void Finish(HttpResponse& response, const HttpRequest* request,
              const RequestContext& context) const;
  bool IsAllowedOrigin(const std::string& origin) const;

  RegistrationBackend& backend_;
  RateLimiter& rate_limiter_;
  RouterOptions options_;
  const std::atomic<bool>& draining_;
};

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_ROUTER_H_
