// The token verification flags of the services that check callers' tokens, defined once.
#ifndef PORTAL_COMMON_AUTH_FLAGS_H_
#define PORTAL_COMMON_AUTH_FLAGS_H_

#include <string>

#include "absl/flags/declare.h"
#include "common/auth/token_verifier.h"

ABSL_DECLARE_FLAG(std::string, auth_jwks_file);
ABSL_DECLARE_FLAG(std::string, auth_issuer);
ABSL_DECLARE_FLAG(std::string, auth_audience);
ABSL_DECLARE_FLAG(int, auth_clock_skew_seconds);

namespace portal::auth {

// Returns the settings the auth flags hold.
VerifierSettings VerifierSettingsFromFlags();

}  // namespace portal::auth

#endif  // PORTAL_COMMON_AUTH_FLAGS_H_
