#include "common/auth/call_credentials.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace portal::auth {

absl::StatusOr<Principal> AuthenticateCall(const grpc::ServerContext& context,
                                           const TokenVerifier& verifier, absl::Time now) {
  const auto& metadata = context.client_metadata();
  auto entry = metadata.find(kAuthorizationKey);
  if (entry == metadata.end()) {
    return absl::UnauthenticatedError(
        "missing \"authorization: Bearer <token>\" metadata; sign in and send the token");
  }
  const absl::string_view value(entry->second.data(), entry->second.size());
  constexpr absl::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size() || !absl::StartsWithIgnoreCase(value, kScheme)) {
    return absl::UnauthenticatedError("the authorization metadata must be \"Bearer <token>\"");
  }
  return verifier.Verify(absl::StripAsciiWhitespace(value.substr(kScheme.size())), now);
}

}  // namespace portal::auth
