// Signing of ES256 tokens, for development and tests only.
//
// Production tokens come from the identity provider, and no production setting loads a
// signing key. portal-admin dev-token and the test suites use this with a key generated
// by deploy/local/dev-identity.
#ifndef PORTAL_COMMON_AUTH_TOKEN_SIGNER_H_
#define PORTAL_COMMON_AUTH_TOKEN_SIGNER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace portal::auth {

struct TokenClaims {
  std::string issuer;
  std::string audience;
  std::string subject;
  std::vector<std::string> roles;
  absl::Time issued_at;  // Also the "nbf" time.
  absl::Duration lifetime = absl::Hours(8);
};

// Signs `claims` with a PEM EC P-256 private key. `kid` goes into the header; empty
// means the RFC 7638 thumbprint of the key, which is the kid deploy/local/dev-identity
// writes into its JWKS.
absl::StatusOr<std::string> SignDevelopmentToken(absl::string_view private_key_pem,
                                                 const TokenClaims& claims,
                                                 absl::string_view kid = {});

}  // namespace portal::auth

#endif  // PORTAL_COMMON_AUTH_TOKEN_SIGNER_H_
