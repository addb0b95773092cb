// The token verifier and JWKS parsing, without a server.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/strings/str_cat.h"
#include "common/auth/jwks.h"
#include "common/auth/token_signer.h"
#include "common/auth/token_verifier.h"
#include "services/admin/page_token.h"
#include "tests/admin/admin_harness.h"

namespace portal::admin::testing {
namespace {

class TokenVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<auth::PublicKeys> keys = auth::ParseJwks(JwksFor({key_}));
    ASSERT_TRUE(keys.ok()) << keys.status();
    verifier_ = std::make_unique<auth::TokenVerifier>(*keys, auth::VerifierOptions{kIssuer, kAudience});
  }

  std::string Sign(const auth::TokenClaims& claims, const TestKey& key) {
    absl::StatusOr<std::string> token = auth::SignDevelopmentToken(key.private_key_pem, claims);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.value_or("");
  }

  const absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  const auth::TokenClaims valid_{kIssuer, kAudience, "alice", {"reviewer", "approver"}, now_,
                                 absl::Hours(1)};
  TestKey key_ = GenerateKey();
  std::unique_ptr<auth::TokenVerifier> verifier_;
};

TEST_F(TokenVerifierTest, ValidTokenGivesPrincipal) {
  absl::StatusOr<auth::Principal> principal = verifier_->Verify(Sign(valid_, key_), now_);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "alice");
  EXPECT_TRUE(principal->HasRole("approver"));
  EXPECT_FALSE(principal->HasRole("auditor"));
}

TEST_F(TokenVerifierTest, InvalidTokensRejected) {
  auth::TokenClaims expired = valid_;
  expired.lifetime = absl::Minutes(1);
  auth::TokenClaims future = valid_;
  future.issued_at = now_ + absl::Minutes(5);
  auth::TokenClaims no_subject = valid_;
  no_subject.subject = "";
  auth::TokenClaims other_issuer = valid_;
  other_issuer.issuer = "https://elsewhere.test.invalid";
  auth::TokenClaims other_audience = valid_;
  other_audience.audience = "portal-audit";

  const std::string good = Sign(valid_, key_);
  // Flip one character of the signature.
  std::string forged = good;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  // The same claims with "alg": "none" and no signature.
  const std::string unsigned_token =
      absl::StrCat("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.", good.substr(good.find('.') + 1,
                                                                         good.rfind('.') - good.find('.') - 1),
                   ".");

  struct Case {
    std::string name;
    std::string token;
    absl::Time at;
  };
  const std::vector<Case> cases = {
      {"expired", Sign(expired, key_), now_ + absl::Minutes(3)},
      {"issued in the future", Sign(future, key_), now_},
      {"no subject", Sign(no_subject, key_), now_},
      {"other issuer", Sign(other_issuer, key_), now_},
      {"other audience", Sign(other_audience, key_), now_},
      {"unknown key", Sign(valid_, GenerateKey()), now_},
      {"forged signature", forged, now_},
      {"alg none", unsigned_token, now_},
      {"empty", "", now_},
      {"not a token", "abc", now_},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<auth::Principal> principal = verifier_->Verify(c.token, c.at);
    EXPECT_TRUE(absl::IsUnauthenticated(principal.status())) << principal.status();
  }
}

TEST_F(TokenVerifierTest, ClockSkewTolerated) {
  auth::TokenClaims expired = valid_;
  expired.lifetime = absl::Minutes(1);
  // Expired 30 s ago, within the default 60 s skew.
  EXPECT_TRUE(verifier_->Verify(Sign(expired, key_), now_ + absl::Seconds(90)).ok());
}

TEST_F(TokenVerifierTest, SettingsTakeJwksFromEnvironment) {
  setenv("PORTAL_AUTH_JWKS", JwksFor({key_}).c_str(), 1);
  absl::StatusOr<std::unique_ptr<auth::TokenVerifier>> verifier =
      auth::VerifierFromSettings({"", kIssuer, kAudience, 60});
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_TRUE((*verifier)->Verify(Sign(valid_, key_), now_).ok());

  setenv("PORTAL_AUTH_JWKS", "{\"keys\": 5}", 1);
  EXPECT_TRUE(absl::IsInvalidArgument(
      auth::VerifierFromSettings({"", kIssuer, kAudience, 60}).status()));
  unsetenv("PORTAL_AUTH_JWKS");
  EXPECT_TRUE(absl::IsInvalidArgument(
      auth::VerifierFromSettings({"", kIssuer, kAudience, 60}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      auth::VerifierFromSettings({"/any/jwks.json", kIssuer, kAudience, 301}).status()));
}

TEST(JwksTest, RejectsPointOffCurve) {
  TestKey key = GenerateKey();
  std::string jwks = JwksFor({key});
  key.jwk.y = key.jwk.x;
  EXPECT_FALSE(auth::ParseJwks(JwksFor({key})).ok());
  EXPECT_TRUE(auth::ParseJwks(jwks).ok());
}

TEST(JwksTest, RejectsDocumentWithoutKeys) {
  EXPECT_FALSE(auth::ParseJwks(R"({"keys":[]})").ok());
  EXPECT_FALSE(auth::ParseJwks("[]").ok());
  EXPECT_FALSE(auth::ParseJwks(R"({"keys":[{"kty":"RSA","kid":"a","n":"x","e":"AQAB"}]})").ok());
}

TEST(PageTokenTest, RoundTripAndTamper) {
  PageTokenCodec codec(std::string(32, 'k'));
  const std::string token = codec.Encode({1'800'000'000'000'000, 42}, "filters");
  absl::StatusOr<ListCursor> cursor = codec.Decode(token, "filters");
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  EXPECT_EQ(cursor->submitted_at_us, 1'800'000'000'000'000);
  EXPECT_EQ(cursor->id, 42);
  EXPECT_TRUE(absl::IsInvalidArgument(codec.Decode(token, "other filters").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      PageTokenCodec(std::string(32, 'o')).Decode(token, "filters").status()));
}

}  // namespace
}  // namespace portal::admin::testing
