#include "common/db/database.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/logging/log.h"

namespace portal::db {
namespace {

// MySQL and MariaDB server error numbers that this layer acts on.
constexpr int kMysqlDuplicateKey = 1062;
constexpr int kMysqlLockWaitTimeout = 1205;
constexpr int kMysqlDeadlock = 1213;
// SQLite result codes (primary codes; soci passes the primary code).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

enum class FailureKind { kTransient, kConnectionLost, kUniqueViolation, kPermanent };

struct Failure {
  FailureKind kind;
  std::string code;  // Safe to log: an error number or category, never the server's text.
};

// Classifies a soci error. The server's message text is deliberately not kept: MySQL
// quotes the offending values in it, and those may be personal data.
Failure Classify(const soci::soci_error& error) {
  if (const auto* mysql = dynamic_cast<const soci::mysql_soci_error*>(&error)) {
    const int number = static_cast<int>(mysql->err_num_);
    const std::string code = absl::StrCat("mysql-", number);
    if (number == kMysqlDuplicateKey) return {FailureKind::kUniqueViolation, code};
    if (number == kMysqlDeadlock || number == kMysqlLockWaitTimeout) {
      return {FailureKind::kTransient, code};
    }
    if (error.get_error_category() == soci::soci_error::connection_error) {
      return {FailureKind::kConnectionLost, code};
    }
    return {FailureKind::kPermanent, code};
  }
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    const int result = sqlite->result() & 0xff;
    const std::string code = absl::StrCat("sqlite-", result);
    if (result == kSqliteBusy || result == kSqliteLocked) return {FailureKind::kTransient, code};
    if (result == kSqliteConstraint && absl::StrContains(error.what(), "UNIQUE")) {
      return {FailureKind::kUniqueViolation, code};
    }
    return {FailureKind::kPermanent, code};
  }
  if (error.get_error_category() == soci::soci_error::connection_error) {
    return {FailureKind::kConnectionLost, "connection"};
  }
  return {FailureKind::kPermanent, absl::StrCat("soci-category-", error.get_error_category())};
}

// Holds one pooled connection for the lifetime of the object.
class Lease {
 public:
  Lease(soci::connection_pool& pool, size_t position) : pool_(pool), position_(position) {}
  ~Lease() { pool_.give_back(position_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& session() { return pool_.at(position_); }

 private:
  soci::connection_pool& pool_;
  size_t position_;
};

void ConfigureSession(soci::session& session, Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    // WAL lets readers work while one writer commits; FULL sync keeps every committed
    // submission across a power cut.
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA synchronous=FULL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA busy_timeout=10000";
  } else {
    session << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION'";
    session << "SET SESSION time_zone = '+00:00'";
  }
}

void Rollback(soci::session& session) {
  try {
    session << "ROLLBACK";
  } catch (const soci::soci_error& error) {
    // The connection is probably gone; the next use reconnects it.
    log::Warning("database rollback failed", {{"code", Classify(error).code}});
  }
}

}  // namespace

Database::Database(DatabaseUrl url, DatabaseOptions options)
    : url_(std::move(url)), options_(options),
      pool_(std::make_unique<soci::connection_pool>(options.pool_size)) {}

Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const DatabaseUrl& url,
                                                         const std::string& password,
                                                         const DatabaseOptions& options) {
  std::unique_ptr<Database> database(new Database(url, options));
  const std::string connect_string = url.SociConnectString(password);
  const soci::backend_factory& backend =
      url.dialect == Dialect::kSqlite ? *soci::factory_sqlite3() : *soci::factory_mysql();

  const absl::Time give_up = absl::Now() + options.connect_timeout;
  absl::Duration backoff = absl::Milliseconds(200);
  for (size_t i = 0; i < options.pool_size; ++i) {
    for (int attempt = 1;; ++attempt) {
      try {
        soci::session& session = database->pool_->at(i);
        session.open(backend, connect_string);
        ConfigureSession(session, url.dialect);
        break;
      } catch (const soci::soci_error& error) {
        const Failure failure = Classify(error);
        if (absl::Now() + backoff > give_up || failure.kind == FailureKind::kPermanent) {
          log::Error("database connection failed",
                     {{"url", url.ToString()}, {"code", failure.code}, {"attempt", attempt}});
          return absl::UnavailableError(absl::StrCat("cannot connect to the database at ",
                                                     url.ToString(), " (", failure.code, ")"));
        }
        log::Warning("database connection failed, retrying",
                     {{"url", url.ToString()},
                      {"code", failure.code},
                      {"attempt", attempt},
                      {"retry_in_ms", absl::ToInt64Milliseconds(backoff)}});
        std::this_thread::sleep_for(absl::ToChronoMilliseconds(backoff));
        backoff = std::min(backoff * 2, absl::Seconds(5));
      }
    }
  }
  return database;
}

absl::Status Database::Transaction(const Work& work) { return Execute(work, /*write=*/true); }

absl::Status Database::Read(const Work& work) { return Execute(work, /*write=*/false); }

absl::Status Database::Ping() {
  return Read([](soci::session& session) {
    int one = 0;
    session << "SELECT 1", soci::into(one);
    return one == 1 ? absl::OkStatus() : absl::InternalError("SELECT 1 returned another value");
  });
}

const char* Database::ForUpdate() const {
  return url_.dialect == Dialect::kMysql ? " FOR UPDATE" : "";
}

absl::Status Database::Execute(const Work& work, bool write) {
  size_t position = 0;
  if (!pool_->try_lease(position,
                        static_cast<int>(absl::ToInt64Milliseconds(options_.acquire_timeout)))) {
    log::Warning("database pool exhausted",
                 {{"pool_size", options_.pool_size},
                  {"waited_ms", absl::ToInt64Milliseconds(options_.acquire_timeout)}});
    return absl::UnavailableError("all database connections are busy; retry shortly");
  }
  Lease lease(*pool_, position);
  soci::session& session = lease.session();

  absl::Duration backoff = options_.retry.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    bool committing = false;
    try {
      if (write) {
        session << (url_.dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION");
      }
      absl::Status status = work(session);
      if (!write) return status;
      if (!status.ok()) {
        Rollback(session);
        return status;
      }
      committing = true;
      session << "COMMIT";
      return absl::OkStatus();
    } catch (const soci::soci_error& error) {
      const Failure failure = Classify(error);
      if (write && !committing) Rollback(session);

      if (failure.kind == FailureKind::kUniqueViolation) {
        return absl::AlreadyExistsError(absl::StrCat("unique key violated (", failure.code, ")"));
      }
      if (failure.kind == FailureKind::kPermanent) {
        log::Error("database error", {{"code", failure.code}});
        return absl::InternalError(absl::StrCat("database error ", failure.code));
      }
      if (committing) {
        log::Error("database connection lost during commit; outcome unknown",
                   {{"code", failure.code}});
        return absl::UnavailableError("the database connection was lost during commit");
      }
      if (attempt >= options_.retry.max_attempts) {
        log::Error("database operation failed after retries",
                   {{"code", failure.code}, {"attempts", attempt}});
        return absl::UnavailableError(
            absl::StrCat("the database is unavailable or busy (", failure.code, ")"));
      }

      log::Warning("database operation failed, retrying",
                   {{"code", failure.code},
                    {"attempt", attempt},
                    {"retry_in_ms", absl::ToInt64Milliseconds(backoff)}});
      std::this_thread::sleep_for(absl::ToChronoMicroseconds(backoff));
      backoff = std::min(backoff * 2, options_.retry.max_backoff);
      if (failure.kind == FailureKind::kConnectionLost) {
        try {
          session.reconnect();
          ConfigureSession(session, url_.dialect);
        } catch (const soci::soci_error& reconnect_error) {
          log::Warning("database reconnect failed", {{"code", Classify(reconnect_error).code}});
        }
      }
    } catch (const std::exception& error) {
      // A type mismatch between a column and its C++ variable: a defect, never retried.
      if (write && !committing) Rollback(session);
      log::Error("database result could not be read", {{"error", error.what()}});
      return absl::InternalError("database result could not be read");
    }
  }
}

int64_t ToStorageTime(absl::Time time) { return absl::ToUnixMicros(time); }

absl::Time FromStorageTime(int64_t microseconds) { return absl::FromUnixMicros(microseconds); }

}  // namespace portal::db
