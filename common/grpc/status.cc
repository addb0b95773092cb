#include "common/grpc/status.h"

#include "absl/strings/str_cat.h"

namespace portal::grpc_server {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

grpc::Status InvalidArgumentWithViolations(grpc::ServerContext* context,
                                           const portal::v1::FieldViolations& violations) {
  context->AddTrailingMetadata(kFieldViolationsKey, violations.SerializeAsString());
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      absl::StrCat(violations.violations_size(),
                                   violations.violations_size() == 1 ? " field is invalid"
                                                                     : " fields are invalid"));
}

std::string RequestId(const grpc::ServerContext* context) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find(kRequestIdKey);
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace portal::grpc_server
