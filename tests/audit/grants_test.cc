// deploy/mysql/grants/audit.sql on the test MariaDB: the audit user can append and
// verify, and the server rejects its UPDATE and DELETE.
#include <gtest/gtest.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/crypto/crypto.h"
#include "tests/audit/audit_test_support.h"
#include "tests/support/test_database.h"

namespace portal::audit_testing {
namespace {

using portal::testing::TestBackend;
using portal::testing::TestDatabase;
using portal::testing::TestMysqlPort;

constexpr int kMysqlTableAccessDenied = 1142;

// Returns the grant script's statements, rewritten for this test's database and user.
std::vector<std::string> GrantStatements(const std::string& database, const std::string& user) {
  std::ifstream file(std::string(PORTAL_TEST_SOURCE_DIR) + "/deploy/mysql/grants/audit.sql");
  EXPECT_TRUE(file.good()) << "deploy/mysql/grants/audit.sql not found";
  std::stringstream text;
  text << file.rdbuf();
  std::string script;
  for (absl::string_view line : absl::StrSplit(text.str(), '\n')) {
    if (absl::StartsWith(line, "--")) continue;
    absl::StrAppend(&script, line, "\n");
  }
  script = absl::StrReplaceAll(script, {{"portal.", database + "."},
                                        {"'portal_audit'@'%'", "'" + user + "'@'%'"}});
  std::vector<std::string> statements;
  for (absl::string_view statement : absl::StrSplit(script, ';', absl::SkipWhitespace())) {
    statements.emplace_back(absl::StripAsciiWhitespace(statement));
  }
  return statements;
}

// Runs `sql` as the audit user; returns the MySQL error number, or 0 on success.
int ErrorNumberOf(soci::session& session, const std::string& sql) {
  try {
    session << sql;
    return 0;
  } catch (const soci::mysql_soci_error& error) {
    return static_cast<int>(error.err_num_);
  }
}

TEST(AuditGrants, UpdateAndDeleteRejected) {
  TestDatabase test_database(TestBackend::kMariaDb);
  ASSERT_TRUE(test_database.ok());
  // The tables exist before the grants, as the migrator creates them in production.
  ASSERT_NE(OpenAuditDatabase(test_database.url()), nullptr);

  const std::string user = "portal_audit_" + crypto::HexEncode(crypto::RandomBytes(4));
  const std::string password = crypto::HexEncode(crypto::RandomBytes(16));
  test_database.Execute(absl::StrCat("CREATE USER '", user, "'@'%' IDENTIFIED BY '", password, "'"));
  for (const std::string& statement : GrantStatements(test_database.name(), user)) {
    SCOPED_TRACE(statement);
    test_database.Execute(statement);
  }

  {
    // The service itself works as this user: append, lock the chain, verify.
    const std::string url = absl::StrCat("mysql://", user, "@127.0.0.1:", TestMysqlPort(), "/",
                                         test_database.name());
    std::unique_ptr<db::Database> database = OpenDatabase(url, password);
    ASSERT_NE(database, nullptr);
    audit::AuditRepository repository(*database);
    audit::NewEvent event;
    event.event_id = crypto::RandomUuid();
    event.occurred_at_us = 1700000000000000;
    event.producer = "registration";
    event.actor = "public";
    event.action = "registration.submitted";
    event.details = "{}";
    absl::StatusOr<audit::AppendResult> appended = repository.Append({event}, absl::Now());
    ASSERT_TRUE(appended.ok()) << appended.status();
    EXPECT_EQ(appended->appended_count, 1);
    absl::StatusOr<audit::VerifyResult> verified = repository.Verify();
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_TRUE(verified->intact);

    soci::session session(*soci::factory_mysql(),
                          absl::StrCat("host=127.0.0.1 port=", TestMysqlPort(), " user=", user,
                                       " password=", password, " dbname=", test_database.name()));
    EXPECT_EQ(ErrorNumberOf(session, "UPDATE audit_events SET actor = 'x' WHERE sequence = 1"),
              kMysqlTableAccessDenied);
    EXPECT_EQ(ErrorNumberOf(session, "DELETE FROM audit_events WHERE sequence = 1"),
              kMysqlTableAccessDenied);
    EXPECT_EQ(ErrorNumberOf(session, "DELETE FROM audit_chain_lock"), kMysqlTableAccessDenied);
    EXPECT_EQ(ErrorNumberOf(session, "UPDATE audit_chain_lock SET id = 2"),
              kMysqlTableAccessDenied);
  }
  test_database.Execute(absl::StrCat("DROP USER '", user, "'@'%'"));
}

}  // namespace
}  // namespace portal::audit_testing
