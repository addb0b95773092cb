// Shared pieces of the audit tests: signed tokens from a key made per test, an
// in-process audit server on a free loopback port, and migrated databases.
#ifndef PORTAL_TESTS_AUDIT_AUDIT_TEST_SUPPORT_H_
#define PORTAL_TESTS_AUDIT_AUDIT_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "common/auth/token_verifier.h"
#include "common/db/database.h"
#include "portal/v1/audit.grpc.pb.h"
#include "services/audit/audit_repository.h"
#include "services/audit/audit_service.h"

namespace portal::audit_testing {

inline constexpr char kIssuer[] = "https://identity.test.invalid";
inline constexpr char kAudience[] = "portal-audit";

// An EC P-256 key made for one test, the verifier that trusts it, and tokens it signs.
class TestIdentity {
 public:
  TestIdentity();

  const auth::TokenVerifier& verifier() const { return *verifier_; }

  // Returns a token for `subject` with `roles`, valid for an hour.
  std::string Token(const std::string& subject, const std::vector<std::string>& roles) const;

 private:
  std::string private_key_pem_;
  std::unique_ptr<auth::TokenVerifier> verifier_;
};

// Opens a database by URL (root on the test MariaDB, or a SQLite file). Fails the test
// on error and returns nullptr.
std::unique_ptr<db::Database> OpenDatabase(const std::string& url,
                                           const std::string& password = "");

// Opens a database like OpenDatabase() and applies the audit migrations.
std::unique_ptr<db::Database> OpenAuditDatabase(const std::string& url);

// The real AuditServiceImpl behind a real gRPC server on 127.0.0.1.
class AuditTestServer {
 public:
  // Starts on `port`, or on a free port when 0.
  AuditTestServer(db::Database& database, const auth::TokenVerifier& verifier, int port = 0);
  ~AuditTestServer();

  // Stops accepting calls and waits for calls in flight.
  void Stop();

  int port() const { return port_; }
  std::string target() const;

 private:
  audit::AuditRepository repository_;
  audit::AuditServiceImpl service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// A stub on a new channel to `target`.
std::unique_ptr<portal::v1::AuditService::Stub> NewAuditStub(const std::string& target);

// A client context that carries `token` as a bearer token, or no authorization when empty.
std::unique_ptr<grpc::ClientContext> ContextWithToken(const std::string& token);

// Returns a valid event for Append with a fresh id.
portal::v1::AuditEvent MakeEvent(const std::string& producer, const std::string& action,
                                 const std::string& reference = "");

// Reads every event in sequence order straight from the database.
std::vector<audit::StoredEvent> ReadAllEvents(db::Database& database);

}  // namespace portal::audit_testing

#endif  // PORTAL_TESTS_AUDIT_AUDIT_TEST_SUPPORT_H_
