#include "tests/audit/audit_test_support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <gtest/gtest.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/jwks.h"
#include "common/auth/token_signer.h"
#include "common/crypto/crypto.h"
#include "common/db/migrations.h"
#include "services/audit/schema.h"

namespace portal::audit_testing {
namespace {

std::string NewPrivateKeyPem() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (key == nullptr) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

}  // namespace

TestIdentity::TestIdentity() : private_key_pem_(NewPrivateKeyPem()) {
  absl::StatusOr<auth::EcPublicJwk> jwk = auth::PublicJwkFromPrivateKeyPem(private_key_pem_);
  EXPECT_TRUE(jwk.ok()) << jwk.status();
  absl::StatusOr<std::string> public_pem = auth::EcP256PublicKeyPem(*jwk);
  EXPECT_TRUE(public_pem.ok()) << public_pem.status();
  auth::PublicKeys keys;
  keys[auth::JwkThumbprint(*jwk)] = *public_pem;
  auth::VerifierOptions options;
  options.issuer = kIssuer;
  options.audience = kAudience;
  verifier_ = std::make_unique<auth::TokenVerifier>(std::move(keys), options);
}

std::string TestIdentity::Token(const std::string& subject,
                                const std::vector<std::string>& roles) const {
  auth::TokenClaims claims;
  claims.issuer = kIssuer;
  claims.audience = kAudience;
  claims.subject = subject;
  claims.roles = roles;
  claims.issued_at = absl::Now();
  claims.lifetime = absl::Hours(1);
  absl::StatusOr<std::string> token = auth::SignDevelopmentToken(private_key_pem_, claims);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.ok() ? *token : "";
}

std::unique_ptr<db::Database> OpenDatabase(const std::string& url, const std::string& password) {
  absl::StatusOr<db::DatabaseUrl> parsed = db::ParseDatabaseUrl(url);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  if (!parsed.ok()) return nullptr;
  db::DatabaseOptions options;
  options.connect_timeout = absl::Seconds(10);
  absl::StatusOr<std::unique_ptr<db::Database>> database =
      db::Database::Open(*parsed, password, options);
  EXPECT_TRUE(database.ok()) << database.status();
  if (!database.ok()) return nullptr;
  return *std::move(database);
}

std::unique_ptr<db::Database> OpenAuditDatabase(const std::string& url) {
  std::unique_ptr<db::Database> database = OpenDatabase(url);
  if (database == nullptr) return nullptr;
  absl::Status migrated =
      db::ApplyMigrations(*database, audit::kSchemaComponent, audit::Migrations());
  EXPECT_TRUE(migrated.ok()) << migrated;
  return database;
}

AuditTestServer::AuditTestServer(db::Database& database, const auth::TokenVerifier& verifier,
                                 int port)
    : repository_(database), service_(repository_, verifier) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials(),
                           &port_);
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
  EXPECT_NE(server_, nullptr) << "the audit test server did not start on port " << port;
  EXPECT_NE(port_, 0);
}

AuditTestServer::~AuditTestServer() { Stop(); }

void AuditTestServer::Stop() {
  if (server_ == nullptr) return;
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server_->Wait();
  server_.reset();
}

std::string AuditTestServer::target() const { return absl::StrCat("127.0.0.1:", port_); }

std::unique_ptr<portal::v1::AuditService::Stub> NewAuditStub(const std::string& target) {
  return portal::v1::AuditService::NewStub(
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
}

std::unique_ptr<grpc::ClientContext> ContextWithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

portal::v1::AuditEvent MakeEvent(const std::string& producer, const std::string& action,
                                 const std::string& reference) {
  portal::v1::AuditEvent event;
  event.set_event_id(crypto::RandomUuid());
  *event.mutable_occurred_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(absl::Now()));
  event.set_actor("public");
  event.set_action(action);
  event.set_registration_reference(reference);
  event.set_details(R"({"company_type":"PRIVATE_LIMITED_BY_SHARES"})");
  event.set_producer(producer);
  return event;
}

std::vector<audit::StoredEvent> ReadAllEvents(db::Database& database) {
  audit::AuditRepository repository(database);
  std::vector<audit::StoredEvent> all;
  int64_t after = 0;
  while (true) {
    absl::StatusOr<std::vector<audit::StoredEvent>> page =
        repository.Find(audit::EventFilter{}, after, INT64_MAX, 1000);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok() || page->empty()) break;
    after = page->back().sequence;
    all.insert(all.end(), page->begin(), page->end());
  }
  return all;
}

}  // namespace portal::audit_testing
