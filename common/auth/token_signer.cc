#include "common/auth/token_signer.h"

#include <jwt.h>

#include <cstdlib>
#include <memory>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "common/auth/jwks.h"

namespace portal::auth {
namespace {

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

}  // namespace

absl::StatusOr<std::string> SignDevelopmentToken(absl::string_view private_key_pem,
                                                 const TokenClaims& claims,
                                                 absl::string_view kid) {
  std::string key_id(kid);
  if (key_id.empty()) {
    absl::StatusOr<EcPublicJwk> jwk = PublicJwkFromPrivateKeyPem(private_key_pem);
    if (!jwk.ok()) return jwk.status();
    key_id = JwkThumbprint(*jwk);
  }

  boost::json::array roles;
  for (const std::string& role : claims.roles) roles.emplace_back(role);
  const int64_t issued_at = absl::ToUnixSeconds(claims.issued_at);
  const boost::json::object payload{
      {"iss", claims.issuer},
      {"aud", claims.audience},
      {"sub", claims.subject},
      {"roles", roles},
      {"iat", issued_at},
      {"nbf", issued_at},
      {"exp", absl::ToUnixSeconds(claims.issued_at + claims.lifetime)},
  };

  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("libjwt could not allocate a token");
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  const std::string pem(private_key_pem);
  if (jwt_add_grants_json(jwt.get(), boost::json::serialize(payload).c_str()) != 0 ||
      jwt_add_header(jwt.get(), "kid", key_id.c_str()) != 0) {
    return absl::InternalError("libjwt could not set the token's claims");
  }
  if (jwt_set_alg(jwt.get(), JWT_ALG_ES256, reinterpret_cast<const unsigned char*>(pem.data()),
                  static_cast<int>(pem.size())) != 0) {
    return absl::InvalidArgumentError("libjwt rejected the signing key");
  }
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) {
    return absl::InvalidArgumentError("signing failed: the key is not an EC P-256 private key");
  }
  std::string token(encoded);
  std::free(encoded);
  return token;
}

}  // namespace portal::auth
