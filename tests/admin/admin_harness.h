// A real admin service, with the real registration service beside it, on a free
// loopback port of one in-process gRPC server, over a throwaway database. Tokens are
// signed with keys generated for the test.
#ifndef PORTAL_TESTS_ADMIN_ADMIN_HARNESS_H_
#define PORTAL_TESTS_ADMIN_ADMIN_HARNESS_H_

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "common/auth/token_signer.h"
#include "common/auth/token_verifier.h"
#include "common/db/database.h"
#include "portal/v1/admin.grpc.pb.h"
#include "portal/v1/registration.grpc.pb.h"
#include "services/admin/admin_repository.h"
#include "services/admin/admin_service.h"
#include "services/registration/registration_repository.h"
#include "services/registration/registration_service.h"
#include "tests/support/test_database.h"

namespace portal::admin::testing {

inline constexpr char kIssuer[] = "https://identity.test.invalid";
inline constexpr char kAudience[] = "portal-admin";

// A fresh EC P-256 key: its PEM private key and its public JWK with the thumbprint kid.
struct TestKey {
  std::string private_key_pem;
  std::string kid;
  auth::EcPublicJwk jwk;
};
TestKey GenerateKey();

// Returns a JWKS document listing `keys`.
std::string JwksFor(const std::vector<TestKey>& keys);

// Returns a submission that passes every rule; `distinct` makes the company name unique.
portal::v1::Registration SampleRegistration(const std::string& distinct);

class AdminHarness {
 public:
  // REQUIRES: `database.ok()`.
  explicit AdminHarness(const portal::testing::TestDatabase& database, int pool_size = 8);
  ~AdminHarness();

  // A token for `subject` with `roles`, signed by the trusted key, valid for an hour.
  std::string Token(const std::string& subject, const std::vector<std::string>& roles) const;
  // A token with every claim under the test's control, signed by `key`.
  std::string TokenWith(const TestKey& key, const auth::TokenClaims& claims) const;

  // A client context carrying "authorization: Bearer <token>" unless `token` is empty.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);

  // Submits a sample registration through the registration service; returns its receipt.
  portal::v1::Receipt Submit(const std::string& distinct);
  portal::v1::StatusView ApplicantStatus(const portal::v1::Receipt& receipt);

  portal::v1::AdminService::Stub& admin() { return *admin_stub_; }
  portal::v1::RegistrationService::Stub& registration() { return *registration_stub_; }
  db::Database& database() { return *database_; }
  const TestKey& trusted_key() const { return trusted_key_; }

 private:
  TestKey trusted_key_;
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<registration::RegistrationRepository> registration_repository_;
  std::unique_ptr<registration::RegistrationServiceImpl> registration_service_;
  std::unique_ptr<AdminRepository> admin_repository_;
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::unique_ptr<AdminServiceImpl> admin_service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<portal::v1::AdminService::Stub> admin_stub_;
  std::unique_ptr<portal::v1::RegistrationService::Stub> registration_stub_;
};

}  // namespace portal::admin::testing

#endif  // PORTAL_TESTS_ADMIN_ADMIN_HARNESS_H_
