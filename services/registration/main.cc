// portal-registration: validates and stores public registrations over gRPC.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/config/config.h"
#include "common/outbox/flags.h"
#include "common/service/startup.h"
#include "common/crypto/crypto.h"
#include "common/db/flags.h"
#include "common/db/setup.h"
#include "common/grpc/server_runner.h"
#include "common/logging/log.h"
#include "common/outbox/relay.h"
#include "common/util/periodic_task.h"
#include "services/registration/registration_repository.h"
#include "services/registration/registration_service.h"
#include "services/registration/schema.h"

ABSL_FLAG(std::string, registration_listen, "127.0.0.1:50051",
          "Address to serve gRPC on, host:port. Port 0 picks a free port.");
ABSL_FLAG(std::string, jurisdiction, "GB",
          "ISO 3166-1 alpha-2 country where registered offices must be.");
namespace {

constexpr absl::string_view kFlags[] = {"registration_listen", "db_url", "db_migration_url",
                                        "db_pool_size", "jurisdiction",
                                        "shutdown_grace_seconds", "log_level", "audit_target"};
constexpr size_t kTokenKeyBytes = 32;

int Fail(const absl::Status& status) { return portal::service::Fail("portal-registration", status); }

absl::StatusOr<std::string> LoadTokenKey() {
  absl::StatusOr<std::string> key =
      portal::service::LoadBase64Key("PORTAL_REGISTRATION_TOKEN_KEY", kTokenKeyBytes);
  if (absl::IsNotFound(key.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        key.status().message(),
        ": it must hold 32 random bytes in base64, for example from `openssl rand -base64 32`"));
  }
  return key;
}

}  // namespace

int main(int argc, char** argv) {
  portal::grpc_server::BlockTerminationSignals();
  absl::Status started = portal::service::Start("registration", argc, argv, kFlags);
  if (!started.ok()) return Fail(started);

  const std::string jurisdiction = absl::GetFlag(FLAGS_jurisdiction);
  if (jurisdiction.size() != 2) {
    return Fail(absl::InvalidArgumentError(absl::StrCat(
        "invalid --jurisdiction \"", jurisdiction, "\": use an ISO 3166-1 alpha-2 code")));
  }
  absl::StatusOr<std::string> token_key = LoadTokenKey();
  if (!token_key.ok()) return Fail(token_key.status());

  const portal::db::DatabaseSettings database_settings = portal::db::DatabaseSettingsFromFlags();
  absl::StatusOr<std::unique_ptr<portal::db::Database>> database = portal::db::OpenAndMigrate(
      database_settings, portal::registration::kSchemaComponent,
      portal::registration::Migrations());
  if (!database.ok()) return Fail(database.status());

  portal::registration::RegistrationRepository repository(**database);
  absl::StatusOr<std::unique_ptr<portal::outbox::OutboxRelay>> relay =
      portal::outbox::StartAuditRelay(**database, {absl::GetFlag(FLAGS_audit_target),
                                                   "registration_audit_outbox", "registration"});
  if (!relay.ok()) return Fail(relay.status());
  portal::registration::RegistrationServiceOptions options;
  options.jurisdiction = jurisdiction;
  options.token_key = *token_key;
  portal::registration::RegistrationServiceImpl service(repository, options);

  // Expired idempotency keys hold sealed receipt tokens; delete them promptly.
  portal::PeriodicTask purge(std::chrono::minutes(10), [&repository] {
    absl::StatusOr<int> deleted = repository.DeleteExpiredIdempotencyKeys(absl::Now());
    if (!deleted.ok()) {
      portal::log::Warning("expired idempotency keys not deleted",
                           {{"error", std::string(deleted.status().message())}});
    } else if (*deleted > 0) {
      portal::log::Info("expired idempotency keys deleted", {{"count", *deleted}});
    }
  });

  portal::grpc_server::ServerOptions server_options;
  server_options.listen_address = absl::GetFlag(FLAGS_registration_listen);
  server_options.shutdown_grace = portal::service::ShutdownGrace();
  server_options.readiness_check = [&database] { return (*database)->Ping(); };
  absl::Status status = portal::grpc_server::RunServer(server_options, {&service});
  if (!status.ok()) return Fail(status);
  return EXIT_SUCCESS;
}
