// Pooled database access through soci, for SQLite (one machine) and MySQL (production).
//
// Repositories hand a function to Transaction() or Read(). The function uses soci freely
// and may throw soci errors; Database catches them, translates them to absl::Status in
// this one place, and retries the whole unit of work when the failure is transient.
#ifndef PORTAL_COMMON_DB_DATABASE_H_
#define PORTAL_COMMON_DB_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <soci/soci.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/database_url.h"

namespace portal::db {

struct RetryPolicy {
  int max_attempts = 4;  // Attempts in all, the first included.
  absl::Duration initial_backoff = absl::Milliseconds(25);
  absl::Duration max_backoff = absl::Seconds(1);
};

struct DatabaseOptions {
  size_t pool_size = 8;
  // How long a caller waits for a free pooled connection before UNAVAILABLE.
  absl::Duration acquire_timeout = absl::Seconds(5);
  // How long Open() keeps trying to connect, for a database that starts after us.
  absl::Duration connect_timeout = absl::Seconds(60);
  RetryPolicy retry;
};

class Database {
 public:
  // Opens `options.pool_size` connections. Retries with backoff, logging each retry,
  // until `options.connect_timeout` passes; then UNAVAILABLE.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const DatabaseUrl& url,
                                                        const std::string& password,
                                                        const DatabaseOptions& options);
  ~Database();

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return url_.dialect; }

  using Work = std::function<absl::Status(soci::session&)>;

  // Runs `work` in one write transaction: committed when it returns OK, rolled back when
  // it returns an error or throws. Deadlocks, lock timeouts, busy databases and lost
  // connections before the commit are retried per the retry policy; a failure during the
  // commit is not retried, because the outcome is unknown.
  // Returns: work's own status; ALREADY_EXISTS for a unique-key violation; UNAVAILABLE
  // when the database stays unreachable or busy; INTERNAL for any other database error.
  absl::Status Transaction(const Work& work);

  // Runs read-only `work` without an explicit transaction, with the same retries and
  // error translation as Transaction().
  absl::Status Read(const Work& work);

  // Checks that a pooled connection responds to a trivial query.
  absl::Status Ping();

  // Returns " FOR UPDATE" on MySQL and "" on SQLite, whose write transactions
  // (BEGIN IMMEDIATE) already hold the database's single write lock.
  const char* ForUpdate() const;

 private:
  Database(DatabaseUrl url, DatabaseOptions options);
  absl::Status Execute(const Work& work, bool write);

  DatabaseUrl url_;
  DatabaseOptions options_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// Returns microseconds since the Unix epoch: the storage form of every timestamp.
int64_t ToStorageTime(absl::Time time);
absl::Time FromStorageTime(int64_t microseconds);

}  // namespace portal::db

#endif  // PORTAL_COMMON_DB_DATABASE_H_
