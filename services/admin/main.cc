// portal-admin-server: case-worker review of registrations over gRPC.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/auth/token_verifier.h"
#include "common/auth/flags.h"
#include "common/config/config.h"
#include "common/outbox/flags.h"
#include "common/service/startup.h"
#include "common/crypto/crypto.h"
#include "common/db/flags.h"
#include "common/db/setup.h"
#include "common/grpc/server_runner.h"
#include "common/logging/log.h"
#include "common/outbox/relay.h"
#include "services/admin/admin_repository.h"
#include "services/admin/admin_service.h"
#include "services/admin/schema.h"

ABSL_FLAG(std::string, admin_listen, "127.0.0.1:50052",
          "Address to serve gRPC on, host:port. Port 0 picks a free port.");
namespace {

constexpr absl::string_view kFlags[] = {
    "admin_listen",  "db_url",      "db_migration_url",        "db_pool_size",
    "auth_jwks_file", "auth_issuer", "auth_audience",           "auth_clock_skew_seconds",
    "shutdown_grace_seconds", "log_level", "audit_target"};
constexpr size_t kPageTokenKeyBytes = 32;
constexpr char kPageTokenKeyVariable[] = "PORTAL_ADMIN_PAGE_TOKEN_KEY";

int Fail(const absl::Status& status) { return portal::service::Fail("portal-admin-server", status); }

// Page tokens are signed with this key. Without a configured key each process makes its
// own, which is safe but makes tokens from before a restart, or from another replica,
// invalid.
absl::StatusOr<std::string> LoadPageTokenKey() {
  absl::StatusOr<std::string> key =
      portal::service::LoadBase64Key(kPageTokenKeyVariable, kPageTokenKeyBytes);
  if (absl::IsNotFound(key.status())) {
    portal::log::Warning(
        "no page token key set; using a random one, so page tokens will not survive a restart "
        "or work across replicas",
        {{"variable", kPageTokenKeyVariable}});
    return portal::crypto::RandomBytes(kPageTokenKeyBytes);
  }
  return key;
}

absl::StatusOr<std::unique_ptr<portal::auth::TokenVerifier>> LoadVerifier() {
  return portal::auth::VerifierFromSettings(portal::auth::VerifierSettingsFromFlags());
}

}  // namespace

int main(int argc, char** argv) {
  portal::grpc_server::BlockTerminationSignals();
  absl::Status started = portal::service::Start("admin", argc, argv, kFlags);
  if (!started.ok()) return Fail(started);

  absl::StatusOr<std::unique_ptr<portal::auth::TokenVerifier>> verifier = LoadVerifier();
  if (!verifier.ok()) return Fail(verifier.status());
  absl::StatusOr<std::string> page_token_key = LoadPageTokenKey();
  if (!page_token_key.ok()) return Fail(page_token_key.status());

  const portal::db::DatabaseSettings database_settings = portal::db::DatabaseSettingsFromFlags();
  absl::StatusOr<std::unique_ptr<portal::db::Database>> database = portal::db::OpenAndMigrate(
      database_settings, portal::admin::kSchemaComponent, portal::admin::Migrations());
  if (!database.ok()) return Fail(database.status());

  portal::admin::AdminRepository repository(**database);
  absl::StatusOr<std::unique_ptr<portal::outbox::OutboxRelay>> relay =
      portal::outbox::StartAuditRelay(**database, {absl::GetFlag(FLAGS_audit_target),
                                                   "admin_audit_outbox", "admin"});
  if (!relay.ok()) return Fail(relay.status());
  portal::admin::AdminServiceOptions options;
  options.page_token_key = *page_token_key;
  portal::admin::AdminServiceImpl service(repository, **verifier, options);

  portal::grpc_server::ServerOptions server_options;
  server_options.listen_address = absl::GetFlag(FLAGS_admin_listen);
  server_options.shutdown_grace = portal::service::ShutdownGrace();
  server_options.readiness_check = [&database] { return (*database)->Ping(); };
  absl::Status status = portal::grpc_server::RunServer(server_options, {&service});
  if (!status.ok()) return Fail(status);
  return EXIT_SUCCESS;
}
