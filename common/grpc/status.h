// Conversions at the gRPC edge of a service: absl::Status to grpc::Status, and the
// request id that the gateway passes as metadata.
#ifndef PORTAL_COMMON_GRPC_STATUS_H_
#define PORTAL_COMMON_GRPC_STATUS_H_

#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "portal/v1/registration.pb.h"

namespace portal::grpc_server {

// Metadata keys shared by every service and the gateway.
inline constexpr char kRequestIdKey[] = "x-request-id";
inline constexpr char kFieldViolationsKey[] = "portal-field-violations-bin";

// Converts with the same code and message; absl and gRPC codes are numerically equal.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Returns INVALID_ARGUMENT and attaches `violations` to the call's trailing metadata.
grpc::Status InvalidArgumentWithViolations(grpc::ServerContext* context,
                                           const portal::v1::FieldViolations& violations);

// Returns the caller's request id, or "" when it sent none.
std::string RequestId(const grpc::ServerContext* context);

}  // namespace portal::grpc_server

#endif  // PORTAL_COMMON_GRPC_STATUS_H_
