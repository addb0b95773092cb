#include "tests/support/test_database.h"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"
#include "tests/support/process.h"

namespace portal::testing {
namespace {

std::string RootConnectString(int port, const std::string& database) {
  return absl::StrCat("host=127.0.0.1 port=", port, " user=root charset=utf8mb4",
                      database.empty() ? "" : " dbname=" + database);
}

}  // namespace

int TestMysqlPort() {
  const char* text = std::getenv("PORTAL_TEST_MYSQL_PORT");
  int port = 0;
  if (text == nullptr || !absl::SimpleAtoi(text, &port)) return 0;
  return port;
}

TestDatabase::TestDatabase(TestBackend backend) : backend_(backend) {
  name_ = "portal_test_" + crypto::HexEncode(crypto::RandomBytes(6));
  if (backend == TestBackend::kSqlite) {
    sqlite_dir_ = MakeTempDir("portal-sqlite");
    url_ = absl::StrCat("sqlite3://", sqlite_dir_, "/", name_, ".db");
    ok_ = true;
    return;
  }
  const int port = TestMysqlPort();
  if (port == 0) {
    ADD_FAILURE() << "PORTAL_TEST_MYSQL_PORT is not set: run the tests with ./tests/run, or "
                     "start a server with tests/lib/mariadb start DIR and export its port";
    return;
  }
  soci::session root(*soci::factory_mysql(), RootConnectString(port, ""));
  root << "CREATE DATABASE " + name_ + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
  url_ = absl::StrCat("mysql://root@127.0.0.1:", port, "/", name_);
  ok_ = true;
}

TestDatabase::~TestDatabase() {
  if (!ok_) return;
  if (backend_ == TestBackend::kSqlite) {
    std::error_code ignored;
    std::filesystem::remove_all(sqlite_dir_, ignored);
    return;
  }
  try {
    soci::session root(*soci::factory_mysql(), RootConnectString(TestMysqlPort(), ""));
    root << "DROP DATABASE IF EXISTS " + name_;
  } catch (const soci::soci_error& error) {
    ADD_FAILURE() << "could not drop test database " << name_ << ": " << error.what();
  }
}

void TestDatabase::Execute(const std::string& sql) const {
  if (backend_ == TestBackend::kSqlite) {
    soci::session session(*soci::factory_sqlite3(), "db=" + url_.substr(std::string("sqlite3://").size()));
    session << sql;
    return;
  }
  soci::session session(*soci::factory_mysql(), RootConnectString(TestMysqlPort(), name_));
  session << sql;
}

}  // namespace portal::testing
