#include "common/auth/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, auth_jwks_file, "",
          "JWKS file with the identity provider's public signing keys. Empty: the JWKS itself "
          "comes from the environment variable PORTAL_AUTH_JWKS.");
ABSL_FLAG(std::string, auth_issuer, "", "Required \"iss\" claim of callers' tokens.");
ABSL_FLAG(std::string, auth_audience, "", "Required \"aud\" claim of callers' tokens.");
ABSL_FLAG(int, auth_clock_skew_seconds, 60,
          "Seconds of clock difference allowed when checking exp, nbf and iat, 0 to 300.");

namespace portal::auth {

VerifierSettings VerifierSettingsFromFlags() {
  return {absl::GetFlag(FLAGS_auth_jwks_file), absl::GetFlag(FLAGS_auth_issuer),
          absl::GetFlag(FLAGS_auth_audience), absl::GetFlag(FLAGS_auth_clock_skew_seconds)};
}

}  // namespace portal::auth
