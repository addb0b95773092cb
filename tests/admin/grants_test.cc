// deploy/mysql/grants/admin.sql on MariaDB: the admin user can do its whole job and is
// refused everything else.
#include <gtest/gtest.h>
#include <soci/mysql/soci-mysql.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/crypto/crypto.h"
#include "common/db/setup.h"
#include "services/admin/admin_repository.h"
#include "services/admin/review_rules.h"
#include "services/admin/schema.h"
#include "services/registration/reference.h"
#include "services/registration/registration_repository.h"
#include "services/registration/schema.h"
#include "tests/support/test_database.h"

namespace portal::admin {
namespace {

using portal::testing::TestBackend;
using portal::testing::TestDatabase;

constexpr int kTableAccessDenied = 1142;
constexpr int kColumnAccessDenied = 1143;

std::string ReadGrantFile() {
  std::ifstream file(std::string(PORTAL_SOURCE_DIR) + "/deploy/mysql/grants/admin.sql");
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

class AdminGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(database_.ok()) << "the test database could not be created";
    const int port = portal::testing::TestMysqlPort();
    ASSERT_GT(port, 0);

    // The schema is created as root, as the migrator user does in production.
    absl::StatusOr<std::unique_ptr<db::Database>> root = db::OpenAndMigrate(
        {database_.url(), 2, ""}, registration::kSchemaComponent, registration::Migrations());
    ASSERT_TRUE(root.ok()) << root.status();
    root_ = std::move(*root);
    ASSERT_TRUE(db::ApplyMigrations(*root_, kSchemaComponent, Migrations()).ok());

    // The grant script, pointed at this test's database and a user of its own.
    user_ = absl::StrCat("adm_", crypto::HexEncode(crypto::RandomBytes(4)));
    password_ = crypto::HexEncode(crypto::RandomBytes(12));
    database_.Execute(absl::StrCat("CREATE USER '", user_, "'@'%' IDENTIFIED BY '", password_, "'"));
    std::string script;
    for (absl::string_view line : absl::StrSplit(ReadGrantFile(), '\n')) {
      if (!absl::StartsWith(line, "--")) absl::StrAppend(&script, line, "\n");
    }
    script = absl::StrReplaceAll(script, {{"portal.", absl::StrCat("`", database_.name(), "`.")},
                                          {"'portal_admin'", absl::StrCat("'", user_, "'")}});
    int statements = 0;
    for (absl::string_view statement : absl::StrSplit(script, ';', absl::SkipWhitespace())) {
      database_.Execute(std::string(statement));
      ++statements;
    }
    ASSERT_GT(statements, 5);

    connect_string_ = absl::StrCat("db=", database_.name(), " user=", user_, " password=",
                                   password_, " host=127.0.0.1 port=", port);
    absl::StatusOr<db::DatabaseUrl> url = db::ParseDatabaseUrl(
        absl::StrCat("mysql://", user_, "@127.0.0.1:", port, "/", database_.name()));
    ASSERT_TRUE(url.ok()) << url.status();
    absl::StatusOr<std::unique_ptr<db::Database>> admin =
        db::Database::Open(*url, password_, db::DatabaseOptions{});
    ASSERT_TRUE(admin.ok()) << admin.status();
    admin_ = std::move(*admin);
  }

  void TearDown() override {
    if (!user_.empty()) database_.Execute(absl::StrCat("DROP USER IF EXISTS '", user_, "'@'%'"));
  }

  // Stores a registration as the registration service would, as root.
  std::string Submit(const std::string& name) {
    registration::RegistrationRepository repository(*root_);
    registration::NewRegistration record;
    record.reference = registration::NewReference();
    record.status = "SUBMITTED";
    record.company_type = "PRIVATE_LIMITED_BY_SHARES";
    record.proposed_name = name + " Ltd";
    record.normalized_name = name;
    record.name_key = crypto::HexEncode(crypto::Sha256(name));
    record.submission_json = "{}";
    record.receipt_token_hash = registration::HashReceiptToken(registration::NewReceiptToken());
    record.submitted_at = absl::Now();
    record.event = {crypto::RandomUuid(), "public", "registration.submitted", "{}"};
    absl::StatusOr<registration::SubmitResult> result = repository.Submit(record);
    EXPECT_TRUE(result.ok()) << result.status();
    return record.reference;
  }

  // Runs the steps from claim to confirmation as the restricted user.
  absl::StatusOr<ReviewSnapshot> Decide(const std::string& reference,
                                        portal::v1::Decision decision) {
    AdminRepository repository(*admin_);
    const Actor reviewer{"alice", false};
    const Actor approver{"bob", true};
    const absl::Time now = absl::Now();
    auto event = [](absl::StatusOr<ReviewChange> change) {
      if (change.ok()) change->event.event_id = crypto::RandomUuid();
      return change;
    };
    absl::StatusOr<ReviewSnapshot> state = repository.Change(
        reference, 1, now, [&](const ReviewSnapshot& s) { return event(ClaimStep(s, reviewer, now)); });
    if (!state.ok()) return state;
    state = repository.Change(reference, state->version, now, [&](const ReviewSnapshot& s) {
      return event(NoteStep(s, "checked"));
    });
    if (!state.ok()) return state;
    const std::string reason = decision == portal::v1::REJECT ? "Not acceptable." : "";
    state = repository.Change(reference, state->version, now, [&](const ReviewSnapshot& s) {
      return event(ProposeStep(s, reviewer, decision, reason, now));
    });
    if (!state.ok()) return state;
    return repository.Change(reference, state->version, now, [&](const ReviewSnapshot& s) {
      return event(ConfirmStep(s, approver, portal::v1::CONFIRM, now));
    });
  }

  TestDatabase database_{TestBackend::kMariaDb};
  std::unique_ptr<db::Database> root_;
  std::unique_ptr<db::Database> admin_;
  std::string user_;
  std::string password_;
  std::string connect_string_;
};

TEST_F(AdminGrantsTest, AdminUserCanReviewAndDecide) {
  absl::StatusOr<ReviewSnapshot> approved = Decide(Submit("granted one"), portal::v1::APPROVE);
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->status, "APPROVED");
  EXPECT_TRUE(approved->company_number.has_value());

  absl::StatusOr<ReviewSnapshot> rejected = Decide(Submit("granted two"), portal::v1::REJECT);
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->status, "REJECTED");

  AdminRepository repository(*admin_);
  absl::StatusOr<std::vector<ListedRegistration>> listed = repository.List(ListQuery{});
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->size(), 2u);
  absl::StatusOr<RegistrationRecord> found = repository.Find(approved->reference);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->notes.size(), 1u);
}

TEST_F(AdminGrantsTest, AdminUserRefusedOutsideItsGrants) {
  Submit("refused");
  struct Case {
    std::string sql;
    int expected_error;
  };
  const std::vector<Case> cases = {
      {"DELETE FROM registrations", kTableAccessDenied},
      {"INSERT INTO registrations (reference) VALUES ('X')", kTableAccessDenied},
      {"UPDATE registrations SET submission = '{}'", kColumnAccessDenied},
      {"UPDATE registrations SET proposed_name = 'Other Ltd'", kColumnAccessDenied},
      {"UPDATE registrations SET receipt_token_hash = ''", kColumnAccessDenied},
      {"SELECT COUNT(*) FROM idempotency_keys", kTableAccessDenied},
      {"DELETE FROM idempotency_keys", kTableAccessDenied},
      {"SELECT COUNT(*) FROM registration_audit_outbox", kTableAccessDenied},
      {"INSERT INTO name_claims (name_key, registration_id, claimed_at_us) VALUES ('k', 1, 1)",
       kTableAccessDenied},
      {"DELETE FROM admin_audit_outbox", kTableAccessDenied},
      {"UPDATE admin_audit_outbox SET actor = 'someone else'", kColumnAccessDenied},
      {"DELETE FROM admin_notes", kTableAccessDenied},
      {"UPDATE admin_notes SET text = 'rewritten'", kTableAccessDenied},
      {"DELETE FROM admin_company_numbers", kTableAccessDenied},
      {"DROP TABLE admin_notes", kTableAccessDenied},
      {"INSERT INTO schema_migrations VALUES ('admin', 99, 'x', 0)", kTableAccessDenied},
  };
  soci::session session(*soci::factory_mysql(), connect_string_);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    try {
      session << c.sql;
      ADD_FAILURE() << "the statement was allowed";
    } catch (const soci::mysql_soci_error& error) {
      EXPECT_EQ(static_cast<int>(error.err_num_), c.expected_error) << error.what();
    }
  }
}

}  // namespace
}  // namespace portal::admin
