#include "gateway/status_mapping.h"

#include "absl/strings/str_cat.h"

namespace portal::gateway {
namespace {

constexpr int kRetryAfterSeconds = 5;

}  // namespace

Problem MapBackendStatus(const grpc::Status& status,
                         const portal::v1::FieldViolations& violations) {
  Problem problem;
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
      problem.status = 422;
      for (const portal::v1::FieldViolation& violation : violations.violations()) {
        problem.errors.push_back({violation.field(), violation.message()});
      }
      problem.detail = problem.errors.size() == 1
                           ? "1 field is invalid"
                           : absl::StrCat(problem.errors.size(), " fields are invalid");
      if (problem.errors.empty()) problem.detail = status.error_message();
      break;
    case grpc::StatusCode::ALREADY_EXISTS:
      problem.status = 409;
      problem.title = "Name not available";
      problem.detail = status.error_message();
      break;
    case grpc::StatusCode::NOT_FOUND:
      problem.status = 404;
      problem.detail = status.error_message();
      break;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      problem.status = 503;
      problem.detail = "the service is temporarily unavailable; nothing was stored, so retry "
                       "shortly with the same Idempotency-Key";
      problem.retry_after_seconds = kRetryAfterSeconds;
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      problem.status = 504;
      problem.detail = "the service did not answer in time; retry with the same "
                       "Idempotency-Key, which never registers twice";
      break;
    default:
      problem.status = 500;
      problem.detail = "an unexpected error occurred; it has been logged with this request id";
      break;
  }
  return problem;
}

}  // namespace portal::gateway
