// Database URLs: "sqlite3:///absolute/path.db", "sqlite3://relative/path.db", or
// "mysql://USER@HOST:PORT/DATABASE?tls=required&ca=/path/ca.pem". A MySQL password is never
// part of the URL: it comes from the environment (see config::ReadSecret). With
// tls=required and no ca=, OpenAndMigrate takes the certificate authority from the
// environment instead (see common/db/setup.h).
#ifndef PORTAL_COMMON_DB_DATABASE_URL_H_
#define PORTAL_COMMON_DB_DATABASE_URL_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace portal::db {

enum class Dialect { kSqlite, kMysql };

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string sqlite_path;  // kSqlite only.
  std::string user;         // kMysql only, from here on.
  std::string host;
  uint16_t port = 3306;
  std::string database;
  bool tls_required = false;
  std::string tls_ca_file;

  // Returns the soci connection string; `password` is used for MySQL only.
  std::string SociConnectString(absl::string_view password) const;

  // Returns the URL as given, safe to log, because it never contains a password.
  std::string ToString() const;
};

// Parses a URL of the forms above. Rejects a password inside the URL, so that it cannot
// leak into logs or process listings.
absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view text);

}  // namespace portal::db

#endif  // PORTAL_COMMON_DB_DATABASE_URL_H_
