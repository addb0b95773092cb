// portal-audit: the append-only, hash-chained audit log, over gRPC.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/auth/token_verifier.h"
#include "common/auth/flags.h"
#include "common/config/config.h"
#include "common/service/startup.h"
#include "common/db/flags.h"
#include "common/db/setup.h"
#include "common/grpc/server_runner.h"
#include "common/logging/log.h"
#include "services/audit/audit_repository.h"
#include "services/audit/audit_service.h"
#include "services/audit/schema.h"

ABSL_FLAG(std::string, audit_listen, "127.0.0.1:50053",
          "Address to serve gRPC on, host:port. Port 0 picks a free port.");

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
  return portal::auth::VerifierFromSettings(portal::auth::VerifierSettingsFromFlags());
}

}  // namespace

int main(int argc, char** argv) {
  portal::grpc_server::BlockTerminationSignals();
  absl::Status started = portal::service::Start("audit", argc, argv, kFlags);
  if (!started.ok()) return Fail(started);

  absl::StatusOr<std::unique_ptr<portal::auth::TokenVerifier>> verifier = LoadVerifier();
  if (!verifier.ok()) return Fail(verifier.status());

  const portal::db::DatabaseSettings database_settings = portal::db::DatabaseSettingsFromFlags();
  absl::StatusOr<std::unique_ptr<portal::db::Database>> database = portal::db::OpenAndMigrate(
      database_settings, portal::audit::kSchemaComponent, portal::audit::Migrations());
  if (!database.ok()) return Fail(database.status());

  portal::audit::AuditRepository repository(**database);
  portal::audit::AuditServiceImpl service(repository, **verifier);

  portal::grpc_server::ServerOptions server_options;
  server_options.listen_address = absl::GetFlag(FLAGS_audit_listen);
  server_options.shutdown_grace = portal::service::ShutdownGrace();
  server_options.max_receive_message_bytes = kMaxReceiveMessageBytes;
  server_options.readiness_check = [&database] { return (*database)->Ping(); };
  absl::Status status = portal::grpc_server::RunServer(server_options, {&service});
  if (!status.ok()) return Fail(status);
  return EXIT_SUCCESS;
}
