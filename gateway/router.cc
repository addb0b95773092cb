#include "gateway/router.h"

#include <boost/url/parse.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/crypto/crypto.h"
#include "common/util/idempotency_key.h"
#include "gateway/json_codec.h"
#include "gateway/static_files.h"
#include "gateway/status_mapping.h"

namespace portal::gateway {
namespace {

constexpr char kApiCsp[] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
constexpr char kPageCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'";
constexpr char kRegistrationsPath[] = "/api/v1/registrations";
constexpr char kRegistrationPrefix[] = "/api/v1/registrations/";
constexpr char kAvailabilityPath[] = "/api/v1/names/availability";
constexpr size_t kMaxReferenceLength = 64;
constexpr size_t kMaxTokenLength = 512;
constexpr size_t kMaxRequestIdLength = 128;

bool IsRequestIdCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
         c == '-';
}

bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (size_t j = 1; j < length; ++j) {
      if ((static_cast<unsigned char>(text[i + j]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string HeaderValue(const HttpRequest& request, http::field field) {
  auto it = request.find(field);
  if (it == request.end()) return "";
  return std::string(it->value());
}

Problem MakeProblem(int status, std::string detail) {
  Problem problem;
  problem.status = status;
  problem.detail = std::move(detail);
  return problem;
}

}  // namespace

std::string RequestIdFor(const HttpRequest& request) {
  auto it = request.find("X-Request-Id");
  const std::string incoming = it == request.end() ? "" : std::string(it->value());
  if (!incoming.empty() && incoming.size() <= kMaxRequestIdLength &&
      std::all_of(incoming.begin(), incoming.end(), IsRequestIdCharacter)) {
    return incoming;
  }
  return crypto::RandomUuid();
}

Router::Router(RegistrationBackend& backend, RateLimiter& rate_limiter, RouterOptions options,
               const std::atomic<bool>& draining)
    : backend_(backend), rate_limiter_(rate_limiter), options_(std::move(options)),
      draining_(draining) {}

void Router::Handle(const HttpRequest& request, const RequestContext& context, Respond respond) {
  boost::system::result<boost::urls::url_view> target =
      boost::urls::parse_origin_form(request.target());
  if (!target) {
    respond(ProblemFor(request, MakeProblem(400, "the request target is not a valid path"), context));
    return;
  }
  const std::string path = target->path();  // Percent-decoded.
  const http::verb method = request.method();

  if (path == "/healthz") {
    if (method != http::verb::get) {
      Problem problem = MakeProblem(405, "use GET");
      problem.allow = "GET";
      respond(ProblemFor(request, problem, context));
      return;
    }
    respond(Json(request, http::status::ok, R"({"status":"ok"})", context));
    return;
  }
  if (path == "/readyz") {
    if (method != http::verb::get) {
      Problem problem = MakeProblem(405, "use GET");
      problem.allow = "GET";
      respond(ProblemFor(request, problem, context));
      return;
    }
    Ready(request, context, std::move(respond));
    return;
  }

  if (absl::StartsWith(path, "/api/")) {
    if (int retry_after = rate_limiter_.Acquire(context.client_address); retry_after > 0) {
      Problem problem = MakeProblem(429, "too many requests from this address; wait and retry");
      problem.retry_after_seconds = retry_after;
      respond(ProblemFor(request, problem, context));
      return;
    }

    auto not_allowed = [&](const char* allow) {
      Problem problem = MakeProblem(405, absl::StrCat("use ", allow));
      problem.allow = allow;
      respond(ProblemFor(request, problem, context));
    };

    if (path == kRegistrationsPath) {
      if (method == http::verb::post) return Submit(request, context, std::move(respond));
      if (method == http::verb::options) {
        return Preflight(request, "POST", context, std::move(respond));
      }
      return not_allowed("POST, OPTIONS");
    }
    if (absl::StartsWith(path, kRegistrationPrefix)) {
      const std::string reference = path.substr(sizeof(kRegistrationPrefix) - 1);
      if (reference.empty() || reference.size() > kMaxReferenceLength ||
          absl::StrContains(reference, '/')) {
        respond(ProblemFor(request, MakeProblem(404, "no such resource"), context));
        return;
      }
      if (method == http::verb::get) {
        return GetStatus(request, reference, context, std::move(respond));
      }
      if (method == http::verb::options) {
        return Preflight(request, "GET", context, std::move(respond));
      }
      return not_allowed("GET, OPTIONS");
    }
    if (path == kAvailabilityPath) {
      if (method == http::verb::get) {
        auto params = target->params();
        auto it = params.find("name");
        std::string name = it == params.end() ? "" : std::string((*it).value);
        return CheckName(request, name, context, std::move(respond));
      }
      if (method == http::verb::options) {
        return Preflight(request, "GET", context, std::move(respond));
      }
      return not_allowed("GET, OPTIONS");
    }
    respond(ProblemFor(request, MakeProblem(404, "no such API resource"), context));
    return;
  }

  if (!options_.static_dir.empty() && method == http::verb::get) {
    return ServeStatic(request, path, context, std::move(respond));
  }
  respond(ProblemFor(request, MakeProblem(404, "no such resource"), context));
}

void Router::Submit(const HttpRequest& request, const RequestContext& context, Respond respond) {
  const std::string content_type = absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(HeaderValue(request, http::field::content_type)));
  const absl::string_view media_type = absl::StripAsciiWhitespace(
      absl::string_view(content_type).substr(0, content_type.find(';')));
  if (media_type != "application/json") {
    respond(ProblemFor(request,
                       MakeProblem(415, "send the body as JSON with Content-Type: application/json"),
                       context));
    return;
  }
  if (!request.has_content_length() && !request.chunked()) {
    respond(ProblemFor(request, MakeProblem(411, "send a Content-Length header with the body"),
                       context));
    return;
  }

  portal::v1::SubmitRequest submit;
  const std::string key = std::string(request["Idempotency-Key"]);
  if (request.find("Idempotency-Key") != request.end()) {
    if (!IsValidIdempotencyKey(key)) {
      Problem problem = MakeProblem(
          400, "Idempotency-Key must be 1 to 64 characters from \"!\" to \"~\", without spaces");
      problem.errors.push_back({"Idempotency-Key", "is malformed"});
      respond(ProblemFor(request, problem, context));
      return;
    }
    submit.set_idempotency_key(key);
  }

  std::vector<FieldError> errors;
  absl::Status parsed = ParseStrictJson(request.body(), submit.mutable_registration(), &errors);
  if (!parsed.ok()) {
    Problem problem = MakeProblem(400, std::string(parsed.message()));
    problem.errors = std::move(errors);
    respond(ProblemFor(request, problem, context));
    return;
  }
  submit.set_client_address(context.client_address);

  auto request_copy = std::make_shared<HttpRequest>(request.base(), "");
  backend_.Submit(
      std::move(submit), context.request_id,
      [this, request_copy, context, respond](const grpc::Status& status,
                                              portal::v1::SubmitResponse& response,
                                              const portal::v1::FieldViolations& violations) {
        if (!status.ok()) {
          respond(ProblemFor(*request_copy, MapBackendStatus(status, violations), context));
          return;
        }
        HttpResponse http_response =
            Json(*request_copy, http::status::created, ToJson(response.receipt()), context);
        if (response.replayed()) http_response.set("Idempotent-Replayed", "true");
        respond(std::move(http_response));
      });
}

void Router::GetStatus(const HttpRequest& request, const std::string& reference,
                       const RequestContext& context, Respond respond) {
  const Problem not_found =
      MakeProblem(404, "no registration matches this reference and receipt token");
  const std::string authorization = HeaderValue(request, http::field::authorization);
  constexpr absl::string_view kBearer = "bearer ";
  if (authorization.size() <= kBearer.size() ||
      absl::AsciiStrToLower(authorization.substr(0, kBearer.size())) != kBearer ||
      authorization.size() > kBearer.size() + kMaxTokenLength) {
    respond(ProblemFor(request, not_found, context));
    return;
  }

  portal::v1::GetStatusRequest lookup;
  lookup.set_reference(reference);
  lookup.set_receipt_token(
      std::string(absl::StripAsciiWhitespace(authorization.substr(kBearer.size()))));
  if (!IsValidUtf8(lookup.reference()) || !IsValidUtf8(lookup.receipt_token())) {
    respond(ProblemFor(request, not_found, context));
    return;
  }

  auto request_copy = std::make_shared<HttpRequest>(request.base(), "");
  backend_.GetStatus(std::move(lookup), context.request_id,
                     [this, request_copy, context, respond](
                         const grpc::Status& status, portal::v1::StatusView& view,
                         const portal::v1::FieldViolations& violations) {
                       if (!status.ok()) {
                         respond(ProblemFor(*request_copy, MapBackendStatus(status, violations),
                                            context));
                         return;
                       }
                       respond(Json(*request_copy, http::status::ok, ToJson(view), context));
                     });
}

void Router::CheckName(const HttpRequest& request, const std::string& name,
                       const RequestContext& context, Respond respond) {
  if (name.empty()) {
    Problem problem = MakeProblem(400, "give the name to check as ?name=...");
    problem.errors.push_back({"name", "is required"});
    respond(ProblemFor(request, problem, context));
    return;
  }
  if (!IsValidUtf8(name)) {
    Problem problem = MakeProblem(400, "the name is not valid UTF-8");
    problem.errors.push_back({"name", "must be valid UTF-8"});
    respond(ProblemFor(request, problem, context));
    return;
  }

  portal::v1::CheckNameAvailabilityRequest check;
  check.set_name(name);
  auto request_copy = std::make_shared<HttpRequest>(request.base(), "");
  backend_.CheckNameAvailability(
      std::move(check), context.request_id,
      [this, request_copy, context, respond](const grpc::Status& status,
                                              portal::v1::NameAvailability& availability,
                                              const portal::v1::FieldViolations& violations) {
        if (!status.ok()) {
          Problem problem = MapBackendStatus(status, violations);
          if (problem.status == 422) problem.status = 400;
          respond(ProblemFor(*request_copy, problem, context));
          return;
        }
        respond(Json(*request_copy, http::status::ok, ToJson(availability), context));
      });
}

void Router::Ready(const HttpRequest& request, const RequestContext& context, Respond respond) {
  if (draining_.load()) {
    Problem problem = MakeProblem(503, "the gateway is shutting down");
    problem.retry_after_seconds = 5;
    respond(ProblemFor(request, problem, context));
    return;
  }
  auto request_copy = std::make_shared<HttpRequest>(request.base(), "");
  backend_.CheckHealth(options_.readiness_deadline,
                       [this, request_copy, context, respond](bool serving) {
                         if (serving) {
                           respond(Json(*request_copy, http::status::ok,
                                        R"({"status":"ready"})", context));
                           return;
                         }
                         Problem problem =
                             MakeProblem(503, "the registration service is not serving");
                         problem.retry_after_seconds = 5;
                         respond(ProblemFor(*request_copy, problem, context));
                       });
}

void Router::ServeStatic(const HttpRequest& request, const std::string& path,
                         const RequestContext& context, Respond respond) {
  std::optional<StaticFile> file = ReadStaticFile(options_.static_dir, path);
  if (!file.has_value()) {
    respond(ProblemFor(request, MakeProblem(404, "no such page"), context));
    return;
  }
  HttpResponse response{http::status::ok, request.version()};
  response.set(http::field::content_type, file->content_type);
  response.set("Content-Security-Policy", kPageCsp);
  response.body() = std::move(file->contents);
  Finish(response, &request, context);
  respond(std::move(response));
}

void Router::Preflight(const HttpRequest& request, const std::string& allowed_methods,
                       const RequestContext& context, Respond respond) {
  const std::string origin = HeaderValue(request, http::field::origin);
  if (!IsAllowedOrigin(origin)) {
    respond(ProblemFor(request, MakeProblem(403, "cross-origin requests from this origin are "
                                                 "not allowed"),
                       context));
    return;
  }
  HttpResponse response{http::status::no_content, request.version()};
  response.set(http::field::access_control_allow_methods, allowed_methods);
  response.set(http::field::access_control_allow_headers,
               "Content-Type, Idempotency-Key, Authorization, X-Request-Id");
  response.set(http::field::access_control_max_age, "600");
  Finish(response, &request, context);
  respond(std::move(response));
}

HttpResponse Router::Json(const HttpRequest& request, http::status status, std::string body,
                          const RequestContext& context) const {
  HttpResponse response{status, request.version()};
  response.set(http::field::content_type, "application/json");
  response.body() = std::move(body);
  Finish(response, &request, context);
  return response;
}

HttpResponse Router::ProblemFor(const HttpRequest& request, const Problem& problem,
                                const RequestContext& context) const {
  HttpResponse response = ErrorResponse(problem, context, request.version());
  Finish(response, &request, context);
  return response;
}

HttpResponse Router::ErrorResponse(const Problem& problem, const RequestContext& context,
                                   unsigned version) const {
  HttpResponse response{static_cast<http::status>(problem.status), version};
  response.set(http::field::content_type, "application/problem+json");
  if (problem.retry_after_seconds.has_value()) {
    response.set(http::field::retry_after, std::to_string(*problem.retry_after_seconds));
  }
  if (!problem.allow.empty()) response.set(http::field::allow, problem.allow);
  response.body() = ProblemBody(problem, context.request_id);
  Finish(response, nullptr, context);
  return response;
}

void Router::Finish(HttpResponse& response, const HttpRequest* request,
                    const RequestContext& context) const {
  response.set("X-Request-Id", context.request_id);
  response.set("X-Content-Type-Options", "nosniff");
  response.set(http::field::cache_control, "no-store");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
  if (response.find("Content-Security-Policy") == response.end()) {
    response.set("Content-Security-Policy", kApiCsp);
  }
  if (request != nullptr) {
    const std::string origin = HeaderValue(*request, http::field::origin);
    if (IsAllowedOrigin(origin)) {
      response.set(http::field::access_control_allow_origin, origin);
      response.set(http::field::access_control_expose_headers,
                   "X-Request-Id, Idempotent-Replayed, Retry-After");
      response.set(http::field::vary, "Origin");
    }
  }
  response.prepare_payload();
}

bool Router::IsAllowedOrigin(const std::string& origin) const {
  if (origin.empty()) return false;
  return std::find(options_.cors_origins.begin(), options_.cors_origins.end(), origin) !=
         options_.cors_origins.end();
}

}  // namespace portal::gateway
