#include "common/db/migrations.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/logging/log.h"

namespace portal::db {
namespace {

constexpr int kLockTimeoutSeconds = 120;

const char* CreateHistoryTable(Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    return "CREATE TABLE IF NOT EXISTS schema_migrations ("
           " component TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL,"
           " applied_at_us INTEGER NOT NULL, PRIMARY KEY (component, version))";
  }
  return "CREATE TABLE IF NOT EXISTS schema_migrations ("
         " component VARCHAR(64) NOT NULL, version INT NOT NULL,"
         " description VARCHAR(200) NOT NULL, applied_at_us BIGINT NOT NULL,"
         " PRIMARY KEY (component, version))"
         " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
}

// Applies the pending migrations on `session`, which the caller has made exclusive.
absl::Status ApplyPending(soci::session& session, Dialect dialect, absl::string_view component,
                          absl::Span<const Migration> migrations) {
  session << CreateHistoryTable(dialect);

  const std::string component_name(component);
  int current = 0;
  soci::indicator current_indicator = soci::i_ok;
  session << "SELECT MAX(version) FROM schema_migrations WHERE component = :component",
      soci::into(current, current_indicator), soci::use(component_name);
  if (current_indicator == soci::i_null) current = 0;

  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    const auto& statements =
        dialect == Dialect::kSqlite ? migration.sqlite_statements : migration.mysql_statements;
    for (const std::string& statement : statements) session << statement;

    long long applied_at = ToStorageTime(absl::Now());
    int version = migration.version;
    std::string description = migration.description;
    session << "INSERT INTO schema_migrations (component, version, description, applied_at_us)"
               " VALUES (:component, :version, :description, :applied_at)",
        soci::use(component_name), soci::use(version), soci::use(description),
        soci::use(applied_at);
    log::Info("schema migration applied",
              {{"component", component_name}, {"version", version},
               {"description", migration.description}});
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyMigrations(Database& database, absl::string_view component,
                             absl::Span<const Migration> migrations) {
  const Dialect dialect = database.dialect();
  if (dialect == Dialect::kSqlite) {
    // SQLite DDL is transactional, so one write transaction applies all or nothing.
    return database.Transaction([&](soci::session& session) {
      return ApplyPending(session, dialect, component, migrations);
    });
  }

  // MySQL: DDL commits implicitly, so a named lock keeps two replicas apart instead.
  return database.Read([&](soci::session& session) -> absl::Status {
    const std::string lock_name = absl::StrCat("portal_migrations_", component);
    int locked = 0;
    soci::indicator locked_indicator = soci::i_ok;
    session << "SELECT GET_LOCK(:name, :timeout)", soci::into(locked, locked_indicator),
        soci::use(lock_name), soci::use(kLockTimeoutSeconds);
    if (locked_indicator == soci::i_null || locked != 1) {
      return absl::UnavailableError(absl::StrCat("could not take the migration lock ", lock_name,
                                                 " within ", kLockTimeoutSeconds, " s"));
    }
    absl::Status status;
    try {
      status = ApplyPending(session, dialect, component, migrations);
    } catch (...) {
      int released = 0;
      session << "SELECT RELEASE_LOCK(:name)", soci::into(released), soci::use(lock_name);
      throw;
    }
    int released = 0;
    session << "SELECT RELEASE_LOCK(:name)", soci::into(released), soci::use(lock_name);
    return status;
  });
}

}  // namespace portal::db
