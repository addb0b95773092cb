// Start-up of a service's database: open the pool and apply the service's migrations.
#ifndef PORTAL_COMMON_DB_SETUP_H_
#define PORTAL_COMMON_DB_SETUP_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/db/database.h"
#include "common/db/migrations.h"

namespace portal::db {

struct DatabaseSettings {
  std::string url;  // The service's own, least-privileged user.
  int pool_size = 8;
  // A user allowed to change the schema, used only to apply migrations at start-up and
  // then disconnected. Empty: the service's own URL applies them (one-machine runs).
  std::string migration_url;
};

// Opens the service's pool and applies `component`'s migrations first. Passwords come
// from PORTAL_DB_PASSWORD and PORTAL_DB_MIGRATION_PASSWORD (or their _FILE variants);
// SQLite needs none. A MySQL URL with tls=required and no ca= takes the certificate
// authority bundle (PEM) from PORTAL_DB_TLS_CA_PEM, written to a private file under
// TMPDIR (default /tmp), so that ECS can pass the RDS bundle as a secret. Fails with a
// message that names the setting at fault.
// NOTE: whether the server's certificate is verified against the bundle follows the
// defaults of Debian's MariaDB Connector/C, which soci gives no option to change; RDS's
// require_secure_transport makes the server refuse plaintext either way.
absl::StatusOr<std::unique_ptr<Database>> OpenAndMigrate(const DatabaseSettings& settings,
                                                         absl::string_view component,
                                                         absl::Span<const Migration> migrations);

}  // namespace portal::db

#endif  // PORTAL_COMMON_DB_SETUP_H_
