// The outbox relay against the real audit service and the test MariaDB: an outage with
// 200 real registrations waiting, three relays at once, and redelivery after a crash.
#include "common/outbox/relay.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"
#include "common/db/migrations.h"
#include "services/registration/reference.h"
#include "services/registration/registration_repository.h"
#include "services/registration/schema.h"
#include "tests/audit/audit_test_support.h"
#include "tests/support/test_database.h"

namespace portal::audit_testing {
namespace {

using portal::testing::TestBackend;
using portal::testing::TestDatabase;

constexpr char kRegistrationOutbox[] = "registration_audit_outbox";

outbox::RelayOptions FastOptions(const std::string& table, const std::string& producer) {
  outbox::RelayOptions options;
  options.table = table;
  options.producer = producer;
  options.poll_interval = absl::Milliseconds(50);
  options.initial_backoff = absl::Milliseconds(50);
  options.max_backoff = absl::Milliseconds(400);
  options.call_timeout = absl::Seconds(5);
  options.backlog_log_interval = absl::Seconds(1);
  return options;
}

registration::NewRegistration MakeRegistration(int index) {
  registration::NewRegistration record;
  record.reference = registration::NewReference();
  record.status = "SUBMITTED";
  record.company_type = "PRIVATE_LIMITED_BY_SHARES";
  record.proposed_name = absl::StrCat("Relay Test ", index, " Ltd");
  record.normalized_name = absl::StrCat("relay test ", index);
  record.name_key = crypto::HexEncode(crypto::Sha256(record.normalized_name));
  record.submission_json = "{}";
  record.receipt_token_hash = crypto::HexEncode(crypto::Sha256(record.reference));
  record.submitted_at = absl::Now();
  record.event = registration::OutboxEvent{crypto::RandomUuid(), "public",
                                           "registration.submitted",
                                           R"({"company_type":"PRIVATE_LIMITED_BY_SHARES"})"};
  return record;
}

// Waits until `relay` reports an empty outbox; false after `timeout`.
bool WaitForEmptyOutbox(outbox::OutboxRelay& relay, absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  while (absl::Now() < give_up) {
    absl::StatusOr<outbox::Backlog> backlog = relay.CountBacklog();
    if (backlog.ok() && backlog->pending == 0) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

class RelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<TestDatabase>(TestBackend::kMariaDb);
    ASSERT_TRUE(test_database_->ok());
    database_ = OpenAuditDatabase(test_database_->url());
    ASSERT_NE(database_, nullptr);
    ASSERT_TRUE(db::ApplyMigrations(*database_, registration::kSchemaComponent,
                                    registration::Migrations())
                    .ok());
    producer_token_ = identity_.Token("registration", {"audit-producer"});
  }

  outbox::TokenProvider Token() {
    return [token = producer_token_]() -> absl::StatusOr<std::string> { return token; };
  }

  TestIdentity identity_;
  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<db::Database> database_;
  std::string producer_token_;
};

TEST_F(RelayTest, BacklogDrainsAfterOutage) {
  // A port that the audit server will use later; nothing listens on it now.
  int port = 0;
  {
    AuditTestServer probe(*database_, identity_.verifier());
    port = probe.port();
  }
  const std::string target = absl::StrCat("127.0.0.1:", port);

  absl::StatusOr<std::unique_ptr<outbox::OutboxRelay>> relay = outbox::OutboxRelay::Create(
      *database_, portal::v1::AuditService::NewStub(outbox::NewAuditChannel(target)), Token(),
      FastOptions(kRegistrationOutbox, "registration"));
  ASSERT_TRUE(relay.ok()) << relay.status();
  (*relay)->Start();

  // Producers keep working while the audit service is away.
  registration::RegistrationRepository registrations(*database_);
  std::set<std::string> submitted_ids;
  for (int i = 0; i < 200; ++i) {
    registration::NewRegistration record = MakeRegistration(i);
    absl::StatusOr<registration::SubmitResult> result = registrations.Submit(record);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_EQ(result->outcome, registration::SubmitOutcome::kCreated);
    submitted_ids.insert(record.event.event_id);
  }
  absl::SleepFor(absl::Seconds(1));
  absl::StatusOr<outbox::Backlog> backlog = (*relay)->CountBacklog();
  ASSERT_TRUE(backlog.ok()) << backlog.status();
  EXPECT_EQ(backlog->pending, 200);
  EXPECT_TRUE(ReadAllEvents(*database_).empty());

  AuditTestServer server(*database_, identity_.verifier(), port);
  ASSERT_EQ(server.port(), port);
  ASSERT_TRUE(WaitForEmptyOutbox(**relay, absl::Seconds(60)));
  (*relay)->Stop();

  const std::vector<audit::StoredEvent> events = ReadAllEvents(*database_);
  ASSERT_EQ(events.size(), 200u);
  std::set<std::string> recorded_ids;
  for (const audit::StoredEvent& event : events) {
    EXPECT_EQ(event.action, "registration.submitted");
    EXPECT_EQ(event.producer, "registration");
    EXPECT_FALSE(event.registration_reference.empty());
    recorded_ids.insert(event.event_id);
  }
  EXPECT_EQ(recorded_ids, submitted_ids);

  absl::StatusOr<audit::VerifyResult> verified = audit::AuditRepository(*database_).Verify();
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->intact);
  EXPECT_EQ(verified->events_checked, 200);
}

TEST_F(RelayTest, RedeliveryAfterLostMarkStoresNothingTwice) {
  AuditTestServer server(*database_, identity_.verifier());
  registration::RegistrationRepository registrations(*database_);
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(registrations.Submit(MakeRegistration(i)).ok());

  outbox::RelayOptions options = FastOptions(kRegistrationOutbox, "registration");
  options.batch_size = 10;
  absl::StatusOr<std::unique_ptr<outbox::OutboxRelay>> relay = outbox::OutboxRelay::Create(
      *database_, portal::v1::AuditService::NewStub(outbox::NewAuditChannel(server.target())),
      Token(), options);
  ASSERT_TRUE(relay.ok()) << relay.status();
  absl::StatusOr<int> delivered = (*relay)->DeliverBatch();
  ASSERT_TRUE(delivered.ok()) << delivered.status();
  EXPECT_EQ(*delivered, 10);

  // As if the relay crashed after Append and before marking the batch delivered.
  test_database_->Execute("UPDATE registration_audit_outbox SET delivered_at_us = NULL");
  for (int i = 0; i < 3; ++i) {
    delivered = (*relay)->DeliverBatch();
    ASSERT_TRUE(delivered.ok()) << delivered.status();
    EXPECT_EQ(*delivered, 10);
  }
  delivered = (*relay)->DeliverBatch();
  ASSERT_TRUE(delivered.ok()) << delivered.status();
  EXPECT_EQ(*delivered, 0);
  EXPECT_EQ(ReadAllEvents(*database_).size(), 30u);
}

TEST_F(RelayTest, ThreeRelaysFormOneChain) {
  AuditTestServer server(*database_, identity_.verifier());
  const std::vector<std::string> producers = {"alpha", "bravo", "charlie"};
  constexpr int kEventsPerProducer = 100;
  for (const std::string& producer : producers) {
    test_database_->Execute(absl::StrCat(
        "CREATE TABLE ", producer, "_audit_outbox (",
        " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, event_id CHAR(36) NOT NULL UNIQUE,"
        " occurred_at_us BIGINT NOT NULL, actor VARCHAR(200) NOT NULL, action VARCHAR(64) NOT NULL,"
        " registration_reference CHAR(14) NULL, details TEXT NOT NULL, delivered_at_us BIGINT NULL)"));
    for (int i = 0; i < kEventsPerProducer; ++i) {
      test_database_->Execute(absl::StrCat(
          "INSERT INTO ", producer, "_audit_outbox (event_id, occurred_at_us, actor, action,"
          " details) VALUES ('", crypto::RandomUuid(), "', ", 1700000000000000 + i,
          ", 'case-worker-1', '", producer, ".step', '{\"index\":", i, "}')"));
    }
  }

  std::vector<std::unique_ptr<outbox::OutboxRelay>> relays;
  for (const std::string& producer : producers) {
    outbox::RelayOptions options = FastOptions(producer + "_audit_outbox", producer);
    options.batch_size = 7;
    absl::StatusOr<std::unique_ptr<outbox::OutboxRelay>> relay = outbox::OutboxRelay::Create(
        *database_, portal::v1::AuditService::NewStub(outbox::NewAuditChannel(server.target())),
        Token(), options);
    ASSERT_TRUE(relay.ok()) << relay.status();
    relays.push_back(*std::move(relay));
  }
  for (auto& relay : relays) relay->Start();
  for (auto& relay : relays) ASSERT_TRUE(WaitForEmptyOutbox(*relay, absl::Seconds(60)));
  for (auto& relay : relays) relay->Stop();

  const std::vector<audit::StoredEvent> events = ReadAllEvents(*database_);
  ASSERT_EQ(events.size(), producers.size() * kEventsPerProducer);
  std::map<std::string, int> next_index;
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i].sequence, static_cast<int64_t>(i + 1));
    if (i > 0) {
      ASSERT_EQ(events[i].previous_hash, events[i - 1].hash);
    }
    // Each producer's events arrive in outbox id order.
    const int expected = next_index[events[i].producer]++;
    EXPECT_EQ(events[i].details, absl::StrCat("{\"index\":", expected, "}"));
  }
  absl::StatusOr<audit::VerifyResult> verified = audit::AuditRepository(*database_).Verify();
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->intact);
}

TEST(OutboxRelayCreate, RejectsUnsafeTableName) {
  TestDatabase test_database(TestBackend::kSqlite);
  std::unique_ptr<db::Database> database = OpenAuditDatabase(test_database.url());
  ASSERT_NE(database, nullptr);
  outbox::RelayOptions options;
  options.table = "outbox; DROP TABLE audit_events";
  options.producer = "registration";
  absl::StatusOr<std::unique_ptr<outbox::OutboxRelay>> relay = outbox::OutboxRelay::Create(
      *database, portal::v1::AuditService::NewStub(outbox::NewAuditChannel("127.0.0.1:1")),
      [] { return absl::StatusOr<std::string>(""); }, options);
  EXPECT_EQ(relay.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace portal::audit_testing
