#include "common/auth/jwks.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"

namespace portal::auth {
namespace {

constexpr size_t kCoordinateBytes = 32;
constexpr char kCurveName[] = "prime256v1";  // OpenSSL's name for NIST P-256.

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct PkeyContextFree {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};
struct ParamBuildFree {
  void operator()(OSSL_PARAM_BLD* build) const { OSSL_PARAM_BLD_free(build); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};

using UniqueBio = std::unique_ptr<BIO, BioFree>;
using UniquePkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Returns a string member of a JSON object, or "" when absent or of another type.
std::string StringMember(const boost::json::object& object, absl::string_view name) {
  const boost::json::value* value = object.if_contains(boost::json::string_view(name.data(), name.size()));
  if (value == nullptr || !value->is_string()) return "";
  return std::string(value->get_string());
}

absl::StatusOr<std::string> DecodeCoordinate(absl::string_view encoded, absl::string_view name) {
  absl::StatusOr<std::string> bytes = crypto::Base64UrlDecode(encoded);
  if (!bytes.ok() || bytes->size() != kCoordinateBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JWK coordinate \"", name, "\": expected 32 bytes in base64url"));
  }
  return *bytes;
}

}  // namespace

absl::StatusOr<std::string> EcP256PublicKeyPem(const EcPublicJwk& jwk) {
  absl::StatusOr<std::string> x = DecodeCoordinate(jwk.x, "x");
  if (!x.ok()) return x.status();
  absl::StatusOr<std::string> y = DecodeCoordinate(jwk.y, "y");
  if (!y.ok()) return y.status();

  // The uncompressed SEC 1 point encoding: 0x04 || x || y.
  const std::string point = absl::StrCat("\x04", *x, *y);
  std::unique_ptr<OSSL_PARAM_BLD, ParamBuildFree> build(OSSL_PARAM_BLD_new());
  if (build == nullptr ||
      !OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, kCurveName, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size())) {
    return absl::InternalError("OpenSSL could not build EC key parameters");
  }
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(build.get()));
  std::unique_ptr<EVP_PKEY_CTX, PkeyContextFree> context(
      EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw_key = nullptr;
  if (params == nullptr || context == nullptr || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
      EVP_PKEY_fromdata(context.get(), &raw_key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return absl::InvalidArgumentError("invalid EC P-256 public key: the point is not on the curve");
  }
  UniquePkey key(raw_key);

  std::unique_ptr<EVP_PKEY_CTX, PkeyContextFree> check(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (check == nullptr || EVP_PKEY_public_check(check.get()) != 1) {
    return absl::InvalidArgumentError("invalid EC P-256 public key: the point is not on the curve");
  }

  UniqueBio bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return absl::InternalError("OpenSSL could not write the public key as PEM");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

absl::StatusOr<PublicKeys> ParseJwks(absl::string_view json) {
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(boost::json::string_view(json.data(), json.size()), error);
  if (error || !document.is_object()) {
    return absl::InvalidArgumentError("invalid JWKS: not a JSON object");
  }
  const boost::json::value* keys = document.get_object().if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    return absl::InvalidArgumentError("invalid JWKS: missing the \"keys\" array");
  }

  PublicKeys result;
  for (const boost::json::value& entry : keys->get_array()) {
    if (!entry.is_object()) continue;
    const boost::json::object& key = entry.get_object();
    if (StringMember(key, "kty") != "EC" || StringMember(key, "crv") != "P-256") continue;
    const std::string use = StringMember(key, "use");
    const std::string algorithm = StringMember(key, "alg");
    if ((!use.empty() && use != "sig") || (!algorithm.empty() && algorithm != "ES256")) continue;

    const std::string kid = StringMember(key, "kid");
    if (kid.empty()) return absl::InvalidArgumentError("invalid JWKS: an EC key has no \"kid\"");
    absl::StatusOr<std::string> pem =
        EcP256PublicKeyPem(EcPublicJwk{StringMember(key, "x"), StringMember(key, "y")});
    if (!pem.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid JWKS key \"", kid, "\": ", pem.status().message()));
    }
    if (!result.emplace(kid, *pem).second) {
      return absl::InvalidArgumentError(absl::StrCat("invalid JWKS: kid \"", kid, "\" appears twice"));
    }
  }
  if (result.empty()) {
    return absl::InvalidArgumentError("invalid JWKS: no EC P-256 signing key (ES256) found");
  }
  return result;
}

absl::StatusOr<PublicKeys> LoadJwksFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::FailedPreconditionError(absl::StrCat("cannot read the JWKS file ", path));
  std::ostringstream contents;
  contents << file.rdbuf();
  absl::StatusOr<PublicKeys> keys = ParseJwks(contents.str());
  if (!keys.ok()) {
    return absl::Status(keys.status().code(), absl::StrCat(path, ": ", keys.status().message()));
  }
  return keys;
}

absl::StatusOr<EcPublicJwk> PublicJwkFromPrivateKeyPem(absl::string_view private_key_pem) {
  UniqueBio bio(BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
  UniquePkey key(bio == nullptr ? nullptr
                                : PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) return absl::InvalidArgumentError("not a PEM private key");

  char group[64] = {0};
  size_t group_length = 0;
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
      !EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                      &group_length) ||
      absl::string_view(group, group_length) != kCurveName) {
    return absl::InvalidArgumentError("the private key is not an EC P-256 key");
  }

  unsigned char point[1 + 2 * kCoordinateBytes];
  size_t point_length = 0;
  if (!EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point,
                                       sizeof(point), &point_length) ||
      point_length != sizeof(point) || point[0] != 0x04) {
    return absl::InternalError("OpenSSL could not export the public point of the key");
  }
  const char* coordinates = reinterpret_cast<const char*>(point + 1);
  return EcPublicJwk{
      crypto::Base64UrlEncode(absl::string_view(coordinates, kCoordinateBytes)),
      crypto::Base64UrlEncode(absl::string_view(coordinates + kCoordinateBytes, kCoordinateBytes))};
}

std::string JwkThumbprint(const EcPublicJwk& jwk) {
  // RFC 7638 section 3.2: the required members in lexicographic order, no white space.
  const std::string canonical =
      absl::StrCat(R"({"crv":"P-256","kty":"EC","x":")", jwk.x, R"(","y":")", jwk.y, "\"}");
  return crypto::Base64UrlEncode(crypto::Sha256(canonical));
}

}  // namespace portal::auth
