#include "common/auth/token_verifier.h"

#include <jwt.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace portal::auth {
namespace {

// Longer tokens are rejected before any parsing; real ones are well under 2 KiB.
constexpr size_t kMaxTokenBytes = 8192;
constexpr size_t kMaxSubjectBytes = 200;

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using UniqueJwt = std::unique_ptr<jwt_t, JwtFree>;

absl::Status Invalid(absl::string_view reason) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", reason));
}

// Reads a NumericDate claim (seconds since the epoch). Returns nullopt when absent and
// an error when present but not an integer.
absl::StatusOr<std::optional<absl::Time>> TimeClaim(const boost::json::object& claims,
                                                    const char* name) {
  const boost::json::value* value = claims.if_contains(name);
  if (value == nullptr) return std::optional<absl::Time>();
  if (value->is_int64()) return std::optional<absl::Time>(absl::FromUnixSeconds(value->get_int64()));
  if (value->is_uint64()) {
    return Invalid(absl::StrCat("\"", name, "\" is out of range"));
  }
  return Invalid(absl::StrCat("\"", name, "\" is not a whole number of seconds"));
}

bool AudienceMatches(const boost::json::value* audience, absl::string_view expected) {
  if (audience == nullptr) return false;
  if (audience->is_string()) return std::string_view(audience->get_string()) == std::string_view(expected.data(), expected.size());
  if (!audience->is_array()) return false;
  const boost::json::array& values = audience->get_array();
  return std::any_of(values.begin(), values.end(), [&](const boost::json::value& value) {
    return value.is_string() &&
           std::string_view(value.get_string()) == std::string_view(expected.data(), expected.size());
  });
}

}  // namespace

bool Principal::HasRole(absl::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

absl::StatusOr<std::unique_ptr<TokenVerifier>> TokenVerifier::FromJwksFile(
    const std::string& path, VerifierOptions options) {
  if (options.issuer.empty() || options.audience.empty()) {
    return absl::InvalidArgumentError("the token issuer and audience must both be set");
  }
  absl::StatusOr<PublicKeys> keys = LoadJwksFile(path);
  if (!keys.ok()) return keys.status();
  return std::make_unique<TokenVerifier>(*std::move(keys), std::move(options));
}

TokenVerifier::TokenVerifier(PublicKeys keys, VerifierOptions options)
    : keys_(std::move(keys)), options_(std::move(options)) {}

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token, absl::Time now) const {
  if (token.empty()) return Invalid("empty");
  if (token.size() > kMaxTokenBytes) return Invalid("longer than 8192 bytes");
  const std::string token_text(token);

  // 1. Read the header without trusting it, to choose the key. The algorithm is fixed
  // here, so that a token cannot pick HS256 and have the public key used as an HMAC
  // secret, nor pick "none".
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token_text.c_str(), nullptr, 0) != 0) return Invalid("malformed");
  UniqueJwt unverified(raw);
  // libjwt 1.10 reports JWT_ALG_NONE for any token decoded without a key, so the header's
  // own "alg" is read here.
  const char* algorithm = jwt_get_header(unverified.get(), "alg");
  if (algorithm == nullptr || std::string_view(algorithm) != "ES256") {
    return Invalid("the algorithm is not ES256");
  }
  const char* kid = jwt_get_header(unverified.get(), "kid");
  if (kid == nullptr) return Invalid("the header has no key id (kid)");
  auto key = keys_.find(kid);
  if (key == keys_.end()) return Invalid("signed by an unknown key");

  // 2. Verify the signature with that key.
  raw = nullptr;
  if (jwt_decode(&raw, token_text.c_str(), reinterpret_cast<const unsigned char*>(key->second.data()),
                 static_cast<int>(key->second.size())) != 0) {
    return Invalid("the signature does not verify");
  }
  UniqueJwt verified(raw);
  if (jwt_get_alg(verified.get()) != JWT_ALG_ES256) return Invalid("the algorithm is not ES256");

  // 3. Check the claims, parsed from libjwt's JSON form so that each type is checked.
  char* claims_json = jwt_get_grants_json(verified.get(), nullptr);
  if (claims_json == nullptr) return Invalid("the claims are not a JSON object");
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(claims_json, error);
  std::free(claims_json);
  if (error || !document.is_object()) return Invalid("the claims are not a JSON object");
  const boost::json::object& claims = document.get_object();

  const boost::json::value* issuer = claims.if_contains("iss");
  if (issuer == nullptr || !issuer->is_string() || issuer->get_string() != options_.issuer) {
    return Invalid("the issuer is not accepted");
  }
  if (!AudienceMatches(claims.if_contains("aud"), options_.audience)) {
    return Invalid("the audience is not this service");
  }

  absl::StatusOr<std::optional<absl::Time>> expires = TimeClaim(claims, "exp");
  if (!expires.ok()) return expires.status();
  if (!expires->has_value()) return Invalid("no expiry (exp)");
  if (**expires + options_.clock_skew <= now) return Invalid("expired");
  for (const char* name : {"nbf", "iat"}) {
    absl::StatusOr<std::optional<absl::Time>> claimed = TimeClaim(claims, name);
    if (!claimed.ok()) return claimed.status();
    if (claimed->has_value() && **claimed - options_.clock_skew > now) {
      return Invalid(absl::StrCat("\"", name, "\" lies in the future"));
    }
  }

  Principal principal;
  const boost::json::value* subject = claims.if_contains("sub");
  if (subject == nullptr || !subject->is_string() || subject->get_string().empty()) {
    return Invalid("no subject (sub)");
  }
  if (subject->get_string().size() > kMaxSubjectBytes) return Invalid("the subject is too long");
  principal.subject = std::string(subject->get_string());

  if (const boost::json::value* roles = claims.if_contains("roles"); roles != nullptr) {
    if (!roles->is_array()) return Invalid("\"roles\" is not an array of strings");
    for (const boost::json::value& role : roles->get_array()) {
      if (!role.is_string()) return Invalid("\"roles\" is not an array of strings");
      principal.roles.emplace_back(role.get_string());
    }
  }
  return principal;
}

absl::StatusOr<std::unique_ptr<TokenVerifier>> VerifierFromSettings(
    const VerifierSettings& settings) {
  const char* inline_jwks = std::getenv("PORTAL_AUTH_JWKS");
  const bool has_inline_jwks = inline_jwks != nullptr && *inline_jwks != '\0';
  if ((settings.jwks_file.empty() && !has_inline_jwks) || settings.issuer.empty() ||
      settings.audience.empty()) {
    return absl::InvalidArgumentError(
        "set --auth_jwks_file (or the JWKS itself in PORTAL_AUTH_JWKS), --auth_issuer and "
        "--auth_audience (PORTAL_AUTH_JWKS_FILE, PORTAL_AUTH_ISSUER, PORTAL_AUTH_AUDIENCE): "
        "every call needs a verified token");
  }
  if (settings.clock_skew_seconds < 0 || settings.clock_skew_seconds > 300) {
    return absl::InvalidArgumentError(absl::StrCat("invalid --auth_clock_skew_seconds ",
                                                   settings.clock_skew_seconds,
                                                   ": use 0 to 300"));
  }
  VerifierOptions options;
  options.issuer = settings.issuer;
  options.audience = settings.audience;
  options.clock_skew = absl::Seconds(settings.clock_skew_seconds);
  if (!settings.jwks_file.empty()) return TokenVerifier::FromJwksFile(settings.jwks_file, options);

  absl::StatusOr<PublicKeys> keys = ParseJwks(inline_jwks);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JWKS in PORTAL_AUTH_JWKS: ", keys.status().message()));
  }
  return std::make_unique<TokenVerifier>(*std::move(keys), std::move(options));
}

}  // namespace portal::auth
