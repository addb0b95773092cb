// The person behind a gRPC call: the "authorization: Bearer <JWT>" metadata, verified.
#ifndef PORTAL_COMMON_AUTH_CALL_CREDENTIALS_H_
#define PORTAL_COMMON_AUTH_CALL_CREDENTIALS_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/token_verifier.h"

namespace portal::auth {

inline constexpr char kAuthorizationKey[] = "authorization";

// Returns the principal of the call's bearer token. UNAUTHENTICATED when the metadata
// is missing, is not "Bearer <token>", or the token is invalid.
absl::StatusOr<Principal> AuthenticateCall(const grpc::ServerContext& context,
                                           const TokenVerifier& verifier, absl::Time now);

}  // namespace portal::auth

#endif  // PORTAL_COMMON_AUTH_CALL_CREDENTIALS_H_
