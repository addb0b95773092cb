#include "gateway/status_mapping.h"

#include <gtest/gtest.h>

namespace portal::gateway {
namespace {

TEST(MapBackendStatus, MapsEachCodeOnce) {
  struct Case {
    grpc::StatusCode code;
    int http_status;
    bool retry_after;
  };
  const Case cases[] = {
      {grpc::StatusCode::INVALID_ARGUMENT, 422, false},
      {grpc::StatusCode::ALREADY_EXISTS, 409, false},
      {grpc::StatusCode::NOT_FOUND, 404, false},
      {grpc::StatusCode::UNAVAILABLE, 503, true},
      {grpc::StatusCode::ABORTED, 503, true},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 503, true},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 504, false},
      {grpc::StatusCode::INTERNAL, 500, false},
      {grpc::StatusCode::UNKNOWN, 500, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    Problem problem = MapBackendStatus(grpc::Status(c.code, "backend detail"), {});
    EXPECT_EQ(problem.status, c.http_status);
    EXPECT_EQ(problem.retry_after_seconds.has_value(), c.retry_after);
  }
}

TEST(MapBackendStatus, HidesBackendMessagesOnServerErrors) {
  Problem problem =
      MapBackendStatus(grpc::Status(grpc::StatusCode::INTERNAL, "SELECT * FROM secrets"), {});
  EXPECT_EQ(problem.detail.find("SELECT"), std::string::npos);
}

TEST(MapBackendStatus, CarriesEveryFieldViolation) {
  portal::v1::FieldViolations violations;
  for (const char* field : {"applicant.email", "declaration.agreed"}) {
    auto* violation = violations.add_violations();
    violation->set_field(field);
    violation->set_message("is invalid");
  }
  Problem problem =
      MapBackendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "2 fields"), violations);
  ASSERT_EQ(problem.errors.size(), 2u);
  EXPECT_EQ(problem.errors[0].field, "applicant.email");
  EXPECT_EQ(problem.errors[1].field, "declaration.agreed");
  EXPECT_EQ(problem.detail, "2 fields are invalid");
}

}  // namespace
}  // namespace portal::gateway
