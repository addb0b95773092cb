// portal-audit: the append-only, hash-chained audit log, over gRPC.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/auth/token_verifier.h"
#include "common/config/config.h"
#include "common/service/startup.h"
#include "common/db/setup.h"
#include "common/grpc/server_runner.h"
#include "common/logging/log.h"
#include "services/audit/audit_repository.h"
#include "services/audit/audit_service.h"
#include "services/audit/schema.h"

ABSL_FLAG(std::string, audit_listen, "127.0.0.1:50053",
          "Address to serve gRPC on, host:port. Port 0 picks a free port.");
ABSL_FLAG(std::string, db_url, "sqlite3://portal.db",
          "Database URL: sqlite3://PATH or mysql://USER@HOST:PORT/DB?tls=required&ca=FILE. "
          "The MySQL password comes from PORTAL_DB_PASSWORD.");
ABSL_FLAG(std::string, db_migration_url, "",
          "Database URL of a schema-owner user used only to apply migrations at start-up; "
          "its password comes from PORTAL_DB_MIGRATION_PASSWORD. Empty: use --db_url.");
ABSL_FLAG(int, db_pool_size, 8, "Database connections kept open for the life of the process.");
ABSL_FLAG(std::string, auth_jwks_file, "",
          "JWKS file with the EC P-256 public keys that sign callers' tokens. Required.");
ABSL_FLAG(std::string, auth_issuer, "", "Required \"iss\" claim of callers' tokens.");
ABSL_FLAG(std::string, auth_audience, "", "Required \"aud\" claim of callers' tokens.");
ABSL_FLAG(int, auth_clock_skew_seconds, 60,
          "Seconds of clock difference allowed when checking exp, nbf and iat.");
ABSL_FLAG(int, shutdown_grace_seconds, 20,
          "Seconds that in-flight calls may run after SIGTERM.");
ABSL_FLAG(std::string, log_level, "info", "Minimum log severity: debug, info, warning or error.");

namespace {

constexpr absl::string_view kFlags[] = {"audit_listen",   "db_url",        "db_migration_url",
                                        "db_pool_size",   "auth_jwks_file", "auth_issuer",
                                        "auth_audience",  "auth_clock_skew_seconds",
                                        "shutdown_grace_seconds",
                                        "log_level"};
// Append takes up to 500 events of up to 16 KiB details each.
constexpr int kMaxReceiveMessageBytes = 10 << 20;

int Fail(const absl::Status& status) { return portal::service::Fail("portal-audit", status); }

absl::StatusOr<std::unique_ptr<portal::auth::TokenVerifier>> LoadVerifier() {
  return portal::auth::VerifierFromSettings({absl::GetFlag(FLAGS_auth_jwks_file),
                                             absl::GetFlag(FLAGS_auth_issuer),
                                             absl::GetFlag(FLAGS_auth_audience),
                                             absl::GetFlag(FLAGS_auth_clock_skew_seconds)});
}

}  // namespace

int main(int argc, char** argv) {
  portal::grpc_server::BlockTerminationSignals();
  absl::Status started = portal::service::Start("audit", argc, argv, kFlags);
  if (!started.ok()) return Fail(started);

  absl::StatusOr<std::unique_ptr<portal::auth::TokenVerifier>> verifier = LoadVerifier();
  if (!verifier.ok()) return Fail(verifier.status());

  portal::db::DatabaseSettings database_settings{absl::GetFlag(FLAGS_db_url),
                                                 absl::GetFlag(FLAGS_db_pool_size),
                                                 absl::GetFlag(FLAGS_db_migration_url)};
  absl::StatusOr<std::unique_ptr<portal::db::Database>> database = portal::db::OpenAndMigrate(
      database_settings, portal::audit::kSchemaComponent, portal::audit::Migrations());
  if (!database.ok()) return Fail(database.status());

  portal::audit::AuditRepository repository(**database);
  portal::audit::AuditServiceImpl service(repository, **verifier);

  portal::grpc_server::ServerOptions server_options;
  server_options.listen_address = absl::GetFlag(FLAGS_audit_listen);
  server_options.shutdown_grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  server_options.max_receive_message_bytes = kMaxReceiveMessageBytes;
  server_options.readiness_check = [&database] { return (*database)->Ping(); };
  absl::Status status = portal::grpc_server::RunServer(server_options, {&service});
  if (!status.ok()) return Fail(status);
  return EXIT_SUCCESS;
}
