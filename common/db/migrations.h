// Versioned schema migrations, applied at start-up.
//
// Each component (registration, admin, audit) owns its own numbered list. Applying is
// idempotent: versions already recorded in schema_migrations are skipped. It is safe when
// several replicas start at once: MySQL takes a named lock (GET_LOCK) for the component,
// and SQLite runs everything inside one BEGIN IMMEDIATE transaction.
#ifndef PORTAL_COMMON_DB_MIGRATIONS_H_
#define PORTAL_COMMON_DB_MIGRATIONS_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "common/db/database.h"

namespace portal::db {

struct Migration {
  int version;  // 1, 2, 3, ... in order, never reused.
  std::string description;
  // The statements for each dialect. MySQL runs DDL outside transactions, so each MySQL
  // statement must be safe to re-run after a crash half-way (IF NOT EXISTS and the like).
  std::vector<std::string> sqlite_statements;
  std::vector<std::string> mysql_statements;
};

// Applies the migrations of `component` that are not yet recorded.
absl::Status ApplyMigrations(Database& database, absl::string_view component,
                             absl::Span<const Migration> migrations);

}  // namespace portal::db

#endif  // PORTAL_COMMON_DB_MIGRATIONS_H_
