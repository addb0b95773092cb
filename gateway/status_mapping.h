// The one mapping from a backend's gRPC status to the public HTTP response.
#ifndef PORTAL_GATEWAY_STATUS_MAPPING_H_
#define PORTAL_GATEWAY_STATUS_MAPPING_H_

#include <grpcpp/grpcpp.h>

#include "gateway/problem.h"
#include "portal/v1/registration.pb.h"

namespace portal::gateway {

// Maps a failed backend call. INVALID_ARGUMENT becomes 422 with every field violation,
// ALREADY_EXISTS 409, NOT_FOUND 404, UNAVAILABLE/ABORTED/RESOURCE_EXHAUSTED 503 with
// Retry-After, DEADLINE_EXCEEDED 504; anything else is a defect and becomes 500. Backend
// messages are passed on only in 4xx responses, which carry no internal detail.
Problem MapBackendStatus(const grpc::Status& status, const portal::v1::FieldViolations& violations);

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_STATUS_MAPPING_H_
