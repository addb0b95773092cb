// Verification of the ES256 JSON Web Tokens that identify people to internal services.
//
// A token is accepted when its header names alg ES256 and a kid from the configured
// JWKS, its signature verifies with that key (libjwt over OpenSSL), "iss" and "aud"
// match the configuration, "exp" lies in the future and "nbf" and "iat" do not lie in
// the future, each within the allowed clock skew, and "sub" is a non-empty string.
#ifndef PORTAL_COMMON_AUTH_TOKEN_VERIFIER_H_
#define PORTAL_COMMON_AUTH_TOKEN_VERIFIER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/jwks.h"

namespace portal::auth {

// Role names carried in the token's "roles" claim.
inline constexpr char kReviewerRole[] = "reviewer";
inline constexpr char kApproverRole[] = "approver";
inline constexpr char kAuditorRole[] = "auditor";

// The person a verified token names.
struct Principal {
  std::string subject;             // The "sub" claim: a stable person id, at most 200 bytes.
  std::vector<std::string> roles;  // The "roles" claim; empty when absent.

  bool HasRole(absl::string_view role) const;
};

struct VerifierOptions {
  std::string issuer;    // Required "iss".
  std::string audience;  // Must equal "aud", or be one element of it when it is an array.
  // Allowed difference between the issuer's clock and ours, for exp, nbf and iat.
  absl::Duration clock_skew = absl::Seconds(60);
};

class TokenVerifier {
 public:
  // Loads the JWKS file once. NOTE: keys added to the file later (rotation) are seen
  // only after a restart.
  static absl::StatusOr<std::unique_ptr<TokenVerifier>> FromJwksFile(const std::string& path,
                                                                     VerifierOptions options);

  TokenVerifier(PublicKeys keys, VerifierOptions options);

  // Returns the principal of a valid token, or UNAUTHENTICATED with the reason. The
  // reason never repeats the token.
  absl::StatusOr<Principal> Verify(absl::string_view token, absl::Time now) const;

 private:
  PublicKeys keys_;
  VerifierOptions options_;
};

// The auth_* settings of a service that verifies callers' tokens.
struct VerifierSettings {
  // The JWKS file. When empty, the JWKS document itself is read from the environment
  // variable PORTAL_AUTH_JWKS, which suits ECS, where the keys come from a parameter.
  std::string jwks_file;
  std::string issuer;
  std::string audience;
  int clock_skew_seconds = 60;
};

// Checks the settings and loads the JWKS file. INVALID_ARGUMENT names the setting to fix.
absl::StatusOr<std::unique_ptr<TokenVerifier>> VerifierFromSettings(
    const VerifierSettings& settings);

}  // namespace portal::auth

#endif  // PORTAL_COMMON_AUTH_TOKEN_VERIFIER_H_
