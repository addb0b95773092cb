#include "common/db/database_url.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "common/db/setup.h"

namespace portal::db {
namespace {

TEST(ParseDatabaseUrl, ReadsAMysqlUrl) {
  absl::StatusOr<DatabaseUrl> url =
      ParseDatabaseUrl("mysql://portal_admin@db.internal:3307/portal?tls=required&ca=/ca.pem");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->dialect, Dialect::kMysql);
  EXPECT_EQ(url->user, "portal_admin");
  EXPECT_EQ(url->host, "db.internal");
  EXPECT_EQ(url->port, 3307);
  EXPECT_EQ(url->database, "portal");
  EXPECT_TRUE(url->tls_required);
  EXPECT_EQ(url->tls_ca_file, "/ca.pem");
  EXPECT_EQ(url->ToString(), "mysql://portal_admin@db.internal:3307/portal?tls=required&ca=/ca.pem");
}

TEST(ParseDatabaseUrl, ReadsASqliteUrl) {
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl("sqlite3:///var/lib/portal/portal.db");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->dialect, Dialect::kSqlite);
  EXPECT_EQ(url->sqlite_path, "/var/lib/portal/portal.db");
}

TEST(ParseDatabaseUrl, RejectsMalformedUrls) {
  for (const char* text : {"postgres://a@b/c", "mysql://user:secret@host/portal", "mysql://@host/db",
                           "mysql://user@host", "mysql://user@host:0/db", "mysql://user@host:x/db",
                           "mysql://user@host/db?tls=maybe", "mysql://user@host/db?colour=blue",
                           "sqlite3://", "sqlite3:///path with space.db"}) {
    SCOPED_TRACE(text);
    absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(text);
    EXPECT_TRUE(absl::IsInvalidArgument(url.status())) << url.status();
  }
}

TEST(ParseDatabaseUrl, RejectsAndHidesAPasswordInTheUrl) {
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl("mysql://user:hunter2@host/db");
  ASSERT_FALSE(url.ok());
  const std::string message(url.status().message());
  EXPECT_NE(message.find("PORTAL_DB_PASSWORD"), std::string::npos) << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
}

TEST(OpenAndMigrate, TlsWithoutCertificateAuthorityNamesTheSetting) {
  unsetenv("PORTAL_DB_TLS_CA_PEM");
  unsetenv("PORTAL_DB_TLS_CA_PEM_FILE");
  absl::StatusOr<std::unique_ptr<Database>> database =
      OpenAndMigrate({"mysql://portal@127.0.0.1:1/portal?tls=required", 1, ""}, "test", {});
  ASSERT_FALSE(database.ok());
  EXPECT_NE(std::string(database.status().message()).find("PORTAL_DB_TLS_CA_PEM"),
            std::string::npos)
      << database.status();

  setenv("PORTAL_DB_TLS_CA_PEM", "not a certificate", 1);
  database = OpenAndMigrate({"mysql://portal@127.0.0.1:1/portal?tls=required", 1, ""}, "test", {});
  ASSERT_FALSE(database.ok());
  EXPECT_NE(std::string(database.status().message()).find("PEM"), std::string::npos);
  unsetenv("PORTAL_DB_TLS_CA_PEM");
}

TEST(OpenAndMigrate, RejectsAnImpossiblePoolSize) {
  EXPECT_TRUE(absl::IsInvalidArgument(
      OpenAndMigrate({"sqlite3:///tmp/never-opened.db", 0, ""}, "test", {}).status()));
}

}  // namespace
}  // namespace portal::db
