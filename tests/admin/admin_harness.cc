#include "tests/admin/admin_harness.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "absl/strings/str_cat.h"
#include "common/auth/jwks.h"
#include "common/crypto/crypto.h"
#include "common/db/setup.h"
#include "services/admin/schema.h"
#include "services/registration/schema.h"

namespace portal::admin::testing {

TestKey GenerateKey() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  TestKey result;
  result.private_key_pem.assign(data, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(key);

  absl::StatusOr<auth::EcPublicJwk> jwk = auth::PublicJwkFromPrivateKeyPem(result.private_key_pem);
  EXPECT_TRUE(jwk.ok()) << jwk.status();
  if (jwk.ok()) result.jwk = *jwk;
  result.kid = auth::JwkThumbprint(result.jwk);
  return result;
}

std::string JwksFor(const std::vector<TestKey>& keys) {
  std::string entries;
  for (const TestKey& key : keys) {
    absl::StrAppend(&entries, entries.empty() ? "" : ",",
                    R"({"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":")", key.kid,
                    R"(","x":")", key.jwk.x, R"(","y":")", key.jwk.y, "\"}");
  }
  return absl::StrCat(R"({"keys":[)", entries, "]}");
}

portal::v1::Registration SampleRegistration(const std::string& distinct) {
  portal::v1::Registration registration;
  portal::v1::Company* company = registration.mutable_company();
  company->set_proposed_name(absl::StrCat("Northwind Analytics ", distinct, " Ltd"));
  company->set_type(portal::v1::PRIVATE_LIMITED_BY_SHARES);
  company->add_activity_codes("62012");
  portal::v1::Address* office = company->mutable_registered_office();
  office->set_line1("12 Harbour Street");
  office->set_locality("Leeds");
  office->set_postal_code("LS1 4AB");
  office->set_country("GB");
  company->mutable_share_capital()->set_currency("GBP");
  company->mutable_share_capital()->set_shares(100);
  company->mutable_share_capital()->set_nominal_value_minor(100);

  portal::v1::Officer* officer = registration.add_officers();
  officer->set_role(portal::v1::DIRECTOR);
  officer->set_given_name("Aoife");
  officer->set_family_name("O'Brien");
  officer->set_date_of_birth("1984-03-09");
  officer->set_nationality("Irish");
  officer->set_country_of_residence("GB");
  *officer->mutable_service_address() = *office;

  registration.mutable_applicant()->set_full_name("Aoife O'Brien");
  registration.mutable_applicant()->set_email("aoife@example.org");
  registration.mutable_declaration()->set_agreed(true);
  return registration;
}

AdminHarness::AdminHarness(const portal::testing::TestDatabase& test_database, int pool_size)
    : trusted_key_(GenerateKey()) {
  absl::StatusOr<std::unique_ptr<db::Database>> database = db::OpenAndMigrate(
      {test_database.url(), pool_size, ""}, registration::kSchemaComponent,
      registration::Migrations());
  EXPECT_TRUE(database.ok()) << database.status();
  if (!database.ok()) return;
  database_ = std::move(*database);
  absl::Status migrated = db::ApplyMigrations(*database_, kSchemaComponent, Migrations());
  EXPECT_TRUE(migrated.ok()) << migrated;

  registration_repository_ = std::make_unique<registration::RegistrationRepository>(*database_);
  registration::RegistrationServiceOptions registration_options;
  registration_options.token_key = crypto::RandomBytes(32);
  registration_service_ = std::make_unique<registration::RegistrationServiceImpl>(
      *registration_repository_, registration_options);

  absl::StatusOr<auth::PublicKeys> keys = auth::ParseJwks(JwksFor({trusted_key_}));
  EXPECT_TRUE(keys.ok()) << keys.status();
  verifier_ = std::make_unique<auth::TokenVerifier>(*keys, auth::VerifierOptions{kIssuer, kAudience});
  admin_repository_ = std::make_unique<AdminRepository>(*database_);
  AdminServiceOptions admin_options;
  admin_options.page_token_key = crypto::RandomBytes(32);
  admin_service_ =
      std::make_unique<AdminServiceImpl>(*admin_repository_, *verifier_, admin_options);

  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(registration_service_.get());
  builder.RegisterService(admin_service_.get());
  server_ = builder.BuildAndStart();
  EXPECT_NE(server_, nullptr);
  EXPECT_GT(port, 0);

  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
  admin_stub_ = portal::v1::AdminService::NewStub(channel);
  registration_stub_ = portal::v1::RegistrationService::NewStub(channel);
}

AdminHarness::~AdminHarness() {
  if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

std::string AdminHarness::Token(const std::string& subject,
                                const std::vector<std::string>& roles) const {
  return TokenWith(trusted_key_, auth::TokenClaims{kIssuer, kAudience, subject, roles,
                                                   absl::Now(), absl::Hours(1)});
}

std::string AdminHarness::TokenWith(const TestKey& key, const auth::TokenClaims& claims) const {
  absl::StatusOr<std::string> token = auth::SignDevelopmentToken(key.private_key_pem, claims);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

std::unique_ptr<grpc::ClientContext> AdminHarness::Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  return context;
}

portal::v1::Receipt AdminHarness::Submit(const std::string& distinct) {
  portal::v1::SubmitRequest request;
  *request.mutable_registration() = SampleRegistration(distinct);
  portal::v1::SubmitResponse response;
  grpc::ClientContext context;
  grpc::Status status = registration_stub_->Submit(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.receipt();
}

portal::v1::StatusView AdminHarness::ApplicantStatus(const portal::v1::Receipt& receipt) {
  portal::v1::GetStatusRequest request;
  request.set_reference(receipt.reference());
  request.set_receipt_token(receipt.receipt_token());
  portal::v1::StatusView view;
  grpc::ClientContext context;
  grpc::Status status = registration_stub_->GetStatus(&context, request, &view);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return view;
}

}  // namespace portal::admin::testing
