// AuditService over a real gRPC channel, backed by the test MariaDB (and SQLite where
// noted): idempotent appends, tampering found by Verify, concurrent producers, paging,
// and authentication.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/audit/audit_test_support.h"
#include "tests/support/test_database.h"

namespace portal::audit_testing {
namespace {

using portal::testing::TestBackend;
using portal::testing::TestDatabase;

class AuditServiceTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(test_database_->ok());
    database_ = OpenAuditDatabase(test_database_->url());
    ASSERT_NE(database_, nullptr);
    server_ = std::make_unique<AuditTestServer>(*database_, identity_.verifier());
    stub_ = NewAuditStub(server_->target());
    producer_token_ = identity_.Token("registration", {"audit-producer"});
    auditor_token_ = identity_.Token("auditor-7", {"auditor"});
  }

  void TearDown() override {
    server_.reset();
    database_.reset();
    test_database_.reset();
  }

  grpc::Status Append(const portal::v1::AppendRequest& request,
                      portal::v1::AppendResponse* response) {
    return stub_->Append(ContextWithToken(producer_token_).get(), request, response);
  }

  // Appends `count` events, one per call, and fails the test on error.
  void AppendEvents(int count, const std::string& reference = "") {
    for (int i = 0; i < count; ++i) {
      portal::v1::AppendRequest request;
      *request.add_events() = MakeEvent("registration", "registration.submitted", reference);
      portal::v1::AppendResponse response;
      const grpc::Status status = Append(request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
  }

  portal::v1::VerifyResponse Verify() {
    portal::v1::VerifyResponse response;
    const grpc::Status status =
        stub_->Verify(ContextWithToken(auditor_token_).get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  TestIdentity identity_;
  std::unique_ptr<TestDatabase> test_database_;
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<AuditTestServer> server_;
  std::unique_ptr<portal::v1::AuditService::Stub> stub_;
  std::string producer_token_;
  std::string auditor_token_;
};

TEST_P(AuditServiceTest, RepeatedBatchStoredOnce) {
  portal::v1::AppendRequest request;
  for (int i = 0; i < 3; ++i) *request.add_events() = MakeEvent("registration", "registration.submitted");

  portal::v1::AppendResponse first;
  ASSERT_TRUE(Append(request, &first).ok());
  EXPECT_EQ(first.appended_count(), 3);
  EXPECT_EQ(first.duplicate_count(), 0);
  EXPECT_EQ(first.head_sequence(), 3);

  portal::v1::AppendResponse second;
  const grpc::Status status = Append(request, &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(second.appended_count(), 0);
  EXPECT_EQ(second.duplicate_count(), 3);
  EXPECT_EQ(second.head_sequence(), 3);
  EXPECT_EQ(ReadAllEvents(*database_).size(), 3u);
}

TEST_P(AuditServiceTest, ChangedContentUnderSameIdRejected) {
  portal::v1::AppendRequest request;
  *request.add_events() = MakeEvent("registration", "registration.submitted");
  portal::v1::AppendResponse response;
  ASSERT_TRUE(Append(request, &response).ok());

  portal::v1::AppendRequest changed = request;
  changed.mutable_events(0)->set_action("registration.withdrawn");
  *changed.add_events() = MakeEvent("registration", "registration.submitted");
  const grpc::Status status = Append(changed, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReadAllEvents(*database_).size(), 1u);
}

TEST_P(AuditServiceTest, InvalidEventRejected) {
  struct Case {
    const char* name;
    std::function<void(portal::v1::AuditEvent*)> change;
  };
  const std::vector<Case> cases = {
      {"event_id", [](portal::v1::AuditEvent* e) { e->set_event_id("not-a-uuid"); }},
      {"occurred_at", [](portal::v1::AuditEvent* e) { e->clear_occurred_at(); }},
      {"actor", [](portal::v1::AuditEvent* e) { e->set_actor(""); }},
      {"action", [](portal::v1::AuditEvent* e) { e->set_action("Registration Submitted"); }},
      {"producer", [](portal::v1::AuditEvent* e) { e->set_producer(""); }},
      {"details", [](portal::v1::AuditEvent* e) { e->set_details("[1,2]"); }},
      {"registration_reference", [](portal::v1::AuditEvent* e) { e->set_registration_reference("x y"); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    portal::v1::AppendRequest request;
    portal::v1::AuditEvent* event = request.add_events();
    *event = MakeEvent("registration", "registration.submitted");
    c.change(event);
    portal::v1::AppendResponse response;
    const grpc::Status status = Append(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(status.error_message().find(c.name), std::string::npos) << status.error_message();
  }
  EXPECT_TRUE(ReadAllEvents(*database_).empty());
}

TEST_P(AuditServiceTest, VerifyIntactChain) {
  AppendEvents(12);
  const portal::v1::VerifyResponse result = Verify();
  EXPECT_TRUE(result.intact());
  EXPECT_EQ(result.events_checked(), 12);
  EXPECT_EQ(result.first_failed_sequence(), 0);
  EXPECT_EQ(result.head_sequence(), 12);
  EXPECT_EQ(result.head_hash().size(), 64u);

  // The check itself is the 13th event, and the chain stays intact with it.
  const std::vector<audit::StoredEvent> events = ReadAllEvents(*database_);
  ASSERT_EQ(events.size(), 13u);
  EXPECT_EQ(events.back().action, "audit.verified");
  EXPECT_EQ(events.back().actor, "auditor-7");
  EXPECT_EQ(events.back().producer, "audit");
  EXPECT_TRUE(Verify().intact());
}

TEST_P(AuditServiceTest, ThreeConcurrentProducersFormOneChain) {
  constexpr int kProducers = 3;
  constexpr int kBatches = 20;
  constexpr int kBatchSize = 5;
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([this, p] {
      auto stub = NewAuditStub(server_->target());
      const std::string token = identity_.Token(absl::StrCat("producer-", p), {"audit-producer"});
      for (int b = 0; b < kBatches; ++b) {
        portal::v1::AppendRequest request;
        for (int i = 0; i < kBatchSize; ++i) {
          *request.add_events() = MakeEvent(absl::StrCat("producer-", p), "registration.submitted");
        }
        portal::v1::AppendResponse response;
        const grpc::Status status = stub->Append(ContextWithToken(token).get(), request, &response);
        EXPECT_TRUE(status.ok()) << status.error_message();
      }
    });
  }
  for (std::thread& producer : producers) producer.join();

  const std::vector<audit::StoredEvent> events = ReadAllEvents(*database_);
  ASSERT_EQ(events.size(), static_cast<size_t>(kProducers * kBatches * kBatchSize));
  for (size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i].sequence, static_cast<int64_t>(i + 1));
    if (i > 0) {
      ASSERT_EQ(events[i].previous_hash, events[i - 1].hash);
    }
  }
  EXPECT_TRUE(Verify().intact());
}

TEST_P(AuditServiceTest, QueryFiltersAndPages) {
  AppendEvents(7, "ABCD-EFGH-JKMN");
  AppendEvents(3, "WXYZ-2345-6789");

  std::vector<int64_t> sequences;
  std::string page_token;
  int pages = 0;
  do {
    portal::v1::QueryRequest request;
    request.set_registration_reference("ABCD-EFGH-JKMN");
    request.set_page_size(3);
    request.set_page_token(page_token);
    portal::v1::QueryResponse response;
    const grpc::Status status =
        stub_->Query(ContextWithToken(auditor_token_).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& event : response.events()) {
      EXPECT_EQ(event.event().registration_reference(), "ABCD-EFGH-JKMN");
      EXPECT_EQ(event.hash().size(), 64u);
      sequences.push_back(event.sequence());
    }
    page_token = response.next_page_token();
    ++pages;
  } while (!page_token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(sequences, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
}

TEST_P(AuditServiceTest, QueryRecordedAsAuditEvent) {
  AppendEvents(2, "ABCD-EFGH-JKMN");
  portal::v1::QueryRequest request;
  request.set_registration_reference("ABCD-EFGH-JKMN");
  portal::v1::QueryResponse response;
  ASSERT_TRUE(stub_->Query(ContextWithToken(auditor_token_).get(), request, &response).ok());
  EXPECT_EQ(response.events_size(), 2);

  const std::vector<audit::StoredEvent> events = ReadAllEvents(*database_);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].action, "audit.queried");
  EXPECT_EQ(events[2].actor, "auditor-7");
  EXPECT_EQ(events[2].registration_reference, "ABCD-EFGH-JKMN");
  EXPECT_NE(events[2].details.find("\"returned\":2"), std::string::npos) << events[2].details;
}

TEST_P(AuditServiceTest, PageTokenBoundToFilters) {
  AppendEvents(4, "ABCD-EFGH-JKMN");
  portal::v1::QueryRequest request;
  request.set_page_size(1);
  portal::v1::QueryResponse response;
  ASSERT_TRUE(stub_->Query(ContextWithToken(auditor_token_).get(), request, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());

  request.set_page_token(response.next_page_token());
  request.set_action("registration.submitted");
  const grpc::Status status =
      stub_->Query(ContextWithToken(auditor_token_).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(AuditServiceTest, MissingTokenUnauthenticated) {
  portal::v1::QueryResponse query;
  EXPECT_EQ(stub_->Query(ContextWithToken("").get(), {}, &query).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  portal::v1::VerifyResponse verify;
  EXPECT_EQ(stub_->Verify(ContextWithToken("").get(), {}, &verify).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  portal::v1::AppendRequest request;
  *request.add_events() = MakeEvent("registration", "registration.submitted");
  portal::v1::AppendResponse append;
  EXPECT_EQ(stub_->Append(ContextWithToken("").get(), request, &append).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->Append(ContextWithToken("not.a.jwt").get(), request, &append).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(ReadAllEvents(*database_).empty());
}

TEST_P(AuditServiceTest, MissingRolePermissionDenied) {
  const std::string reviewer = identity_.Token("reviewer-1", {"reviewer", "audit-producer"});
  portal::v1::QueryResponse query;
  EXPECT_EQ(stub_->Query(ContextWithToken(reviewer).get(), {}, &query).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  portal::v1::VerifyResponse verify;
  EXPECT_EQ(stub_->Verify(ContextWithToken(reviewer).get(), {}, &verify).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // An auditor may read but not write.
  portal::v1::AppendRequest request;
  *request.add_events() = MakeEvent("registration", "registration.submitted");
  portal::v1::AppendResponse append;
  EXPECT_EQ(stub_->Append(ContextWithToken(auditor_token_).get(), request, &append).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(ReadAllEvents(*database_).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditServiceTest,
                         ::testing::Values(TestBackend::kMariaDb, TestBackend::kSqlite),
                         [](const ::testing::TestParamInfo<TestBackend>& info) {
                           return info.param == TestBackend::kMariaDb ? "MariaDb" : "Sqlite";
                         });

// Tampering is done as root directly in MariaDB, the way someone with database access
// would do it; Verify must name the exact sequence number.
class AuditTamperingTest : public AuditServiceTest {
 protected:
  void Tamper(const std::string& sql) { test_database_->Execute(sql); }
};

TEST_P(AuditTamperingTest, ChangedFieldNamed) {
  AppendEvents(10);
  Tamper("UPDATE audit_events SET actor = 'someone-else' WHERE sequence = 6");
  const portal::v1::VerifyResponse result = Verify();
  EXPECT_FALSE(result.intact());
  EXPECT_EQ(result.first_failed_sequence(), 6);
  EXPECT_EQ(result.failure(), portal::v1::HASH_MISMATCH);
  EXPECT_EQ(result.events_checked(), 6);
}

TEST_P(AuditTamperingTest, DeletedEventNamed) {
  AppendEvents(10);
  Tamper("DELETE FROM audit_events WHERE sequence = 4");
  const portal::v1::VerifyResponse result = Verify();
  EXPECT_FALSE(result.intact());
  EXPECT_EQ(result.first_failed_sequence(), 4);
  EXPECT_EQ(result.failure(), portal::v1::SEQUENCE_GAP);
}

TEST_P(AuditTamperingTest, SwappedEventsNamed) {
  AppendEvents(10);
  Tamper("UPDATE audit_events SET sequence = -1 WHERE sequence = 7");
  Tamper("UPDATE audit_events SET sequence = 7 WHERE sequence = 8");
  Tamper("UPDATE audit_events SET sequence = 8 WHERE sequence = -1");
  const portal::v1::VerifyResponse result = Verify();
  EXPECT_FALSE(result.intact());
  EXPECT_EQ(result.first_failed_sequence(), 7);
  EXPECT_EQ(result.failure(), portal::v1::HASH_MISMATCH);
}

TEST_P(AuditTamperingTest, RehashedEventNamedAtSuccessor) {
  AppendEvents(10);
  // A forger who recomputes the changed row's hash still breaks the link after it.
  std::vector<audit::StoredEvent> events = ReadAllEvents(*database_);
  audit::StoredEvent forged = events[4];
  forged.details = R"({"company_type":"PUBLIC_LIMITED"})";
  const std::string hash = audit::ComputeHash(forged.previous_hash, forged);
  Tamper(absl::StrCat("UPDATE audit_events SET details = '", forged.details, "', hash = '", hash,
                      "' WHERE sequence = 5"));
  const portal::v1::VerifyResponse result = Verify();
  EXPECT_FALSE(result.intact());
  EXPECT_EQ(result.first_failed_sequence(), 6);
  EXPECT_EQ(result.failure(), portal::v1::PREVIOUS_HASH_MISMATCH);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTamperingTest, ::testing::Values(TestBackend::kMariaDb),
                         [](const ::testing::TestParamInfo<TestBackend>&) { return "MariaDb"; });

}  // namespace
}  // namespace portal::audit_testing
