#include "common/db/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, db_url, "sqlite3://portal.db",
          "Database URL: sqlite3://PATH or mysql://USER@HOST:PORT/DB?tls=required&ca=FILE. "
          "The MySQL password comes from PORTAL_DB_PASSWORD.");
ABSL_FLAG(std::string, db_migration_url, "",
          "Database URL of a schema-owner user used only to apply migrations at start-up; "
          "its password comes from PORTAL_DB_MIGRATION_PASSWORD. Empty: use --db_url.");
ABSL_FLAG(int, db_pool_size, 8, "Database connections kept open for the life of the process.");

namespace portal::db {

DatabaseSettings DatabaseSettingsFromFlags() {
  return {absl::GetFlag(FLAGS_db_url), absl::GetFlag(FLAGS_db_pool_size),
          absl::GetFlag(FLAGS_db_migration_url)};
}

}  // namespace portal::db
