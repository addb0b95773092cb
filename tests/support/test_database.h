// Throwaway databases for tests: a SQLite file, or a uniquely named database on the test
// MariaDB server that tests/run starts (PORTAL_TEST_MYSQL_PORT).
#ifndef PORTAL_TESTS_SUPPORT_TEST_DATABASE_H_
#define PORTAL_TESTS_SUPPORT_TEST_DATABASE_H_

#include <string>

namespace portal::testing {

enum class TestBackend { kSqlite, kMariaDb };

// Creates the database in the constructor and drops it (or deletes the file) in the
// destructor. For MariaDB it fails the test with a clear message when
// PORTAL_TEST_MYSQL_PORT is unset.
class TestDatabase {
 public:
  explicit TestDatabase(TestBackend backend);
  ~TestDatabase();

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // A URL for the root user ("mysql://root@127.0.0.1:PORT/NAME" or "sqlite3://PATH").
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  bool ok() const { return ok_; }

  // Runs SQL as root on this database (MariaDB) or file (SQLite).
  void Execute(const std::string& sql) const;

 private:
  TestBackend backend_;
  std::string name_;
  std::string url_;
  std::string sqlite_dir_;
  bool ok_ = false;
};

// Returns the test MariaDB port, or 0 when PORTAL_TEST_MYSQL_PORT is unset.
int TestMysqlPort();

}  // namespace portal::testing

#endif  // PORTAL_TESTS_SUPPORT_TEST_DATABASE_H_
