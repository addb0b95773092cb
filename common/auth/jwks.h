// JSON Web Key Sets (RFC 7517) of EC P-256 public keys, converted to OpenSSL PEM form.
#ifndef PORTAL_COMMON_AUTH_JWKS_H_
#define PORTAL_COMMON_AUTH_JWKS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace portal::auth {

// PEM-encoded SubjectPublicKeyInfo by key id ("kid").
using PublicKeys = absl::flat_hash_map<std::string, std::string>;

// The public half of an EC P-256 key as a JWK carries it: base64url coordinates.
struct EcPublicJwk {
  std::string x;
  std::string y;
};

// Parses a JWKS document {"keys": [...]}. Accepts only keys with "kty": "EC",
// "crv": "P-256", a non-empty "kid", and coordinates that lie on the curve; a key with
// "use" other than "sig" or "alg" other than "ES256" is skipped. Fails when no key is
// usable or two keys share a kid.
absl::StatusOr<PublicKeys> ParseJwks(absl::string_view json);

// Reads and parses a JWKS file. The error names the file.
absl::StatusOr<PublicKeys> LoadJwksFile(const std::string& path);

// Converts base64url JWK coordinates into a PEM public key, checking the point.
absl::StatusOr<std::string> EcP256PublicKeyPem(const EcPublicJwk& jwk);

// Derives the public JWK from a PEM EC P-256 private key.
absl::StatusOr<EcPublicJwk> PublicJwkFromPrivateKeyPem(absl::string_view private_key_pem);

// Returns the RFC 7638 thumbprint of the key: base64url SHA-256 of
// {"crv":"P-256","kty":"EC","x":...,"y":...}. deploy/local/dev-identity uses it as the kid.
std::string JwkThumbprint(const EcPublicJwk& jwk);

}  // namespace portal::auth

#endif  // PORTAL_COMMON_AUTH_JWKS_H_
