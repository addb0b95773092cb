#include "services/registration/registration_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"
#include "common/db/setup.h"
#include "services/registration/reference.h"
#include "services/registration/registration_service.h"
#include "services/registration/schema.h"
#include "tests/support/test_database.h"

namespace portal::registration {
namespace {

using testing::TestBackend;
using testing::TestDatabase;

std::string BackendName(const ::testing::TestParamInfo<TestBackend>& info) {
  return info.param == TestBackend::kSqlite ? "Sqlite" : "MariaDb";
}

class RegistrationRepositoryTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(test_database_.ok());
    absl::StatusOr<std::unique_ptr<db::Database>> database =
        db::OpenAndMigrate({test_database_.url(), 8, ""}, kSchemaComponent, Migrations());
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    repository_ = std::make_unique<RegistrationRepository>(*database_);
  }

  NewRegistration MakeRegistration(const std::string& name) {
    NewRegistration registration;
    registration.reference = NewReference();
    registration.status = "SUBMITTED";
    registration.company_type = "PRIVATE_LIMITED_BY_SHARES";
    registration.proposed_name = name + " Ltd";
    registration.normalized_name = name;
    registration.name_key = crypto::HexEncode(crypto::Sha256(name));
    registration.submission_json = absl::StrCat(R"({"company":{"proposed_name":")", name, R"( Ltd"}})");
    registration.receipt_token_hash = HashReceiptToken(NewReceiptToken());
    registration.submitted_at = absl::FromUnixMicros(1'800'000'000'123'456);
    registration.event = {crypto::RandomUuid(), "public", "registration.submitted", "{}"};
    return registration;
  }

  TestDatabase test_database_{GetParam()};
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<RegistrationRepository> repository_;
};

TEST_P(RegistrationRepositoryTest, MigrationsAreIdempotent) {
  EXPECT_TRUE(db::ApplyMigrations(*database_, kSchemaComponent, Migrations()).ok());
  int versions = 0;
  ASSERT_TRUE(database_
                  ->Read([&](soci::session& session) {
                    session << "SELECT COUNT(*) FROM schema_migrations WHERE component = "
                               "'registration'",
                        soci::into(versions);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(versions, static_cast<int>(Migrations().size()));
}

TEST_P(RegistrationRepositoryTest, ConcurrentStartupsMigrateOnce) {
  TestDatabase fresh(GetParam());
  ASSERT_TRUE(fresh.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> replicas;
  for (int i = 0; i < 4; ++i) {
    replicas.emplace_back([&] {
      auto database = db::OpenAndMigrate({fresh.url(), 1, ""}, kSchemaComponent, Migrations());
      if (!database.ok()) failures.fetch_add(1);
    });
  }
  for (std::thread& replica : replicas) replica.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_P(RegistrationRepositoryTest, StoresAndFindsARegistration) {
  NewRegistration registration = MakeRegistration("acme");
  absl::StatusOr<SubmitResult> result = repository_->Submit(registration);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, SubmitOutcome::kCreated);

  absl::StatusOr<StoredStatus> stored = repository_->FindStatus(registration.reference);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->status, "SUBMITTED");
  EXPECT_EQ(stored->receipt_token_hash, registration.receipt_token_hash);
  EXPECT_EQ(stored->submitted_at, registration.submitted_at);
  EXPECT_FALSE(stored->company_number.has_value());
  EXPECT_TRUE(absl::IsNotFound(repository_->FindStatus("AAAA-AAAA-AAAA").status()));
}

TEST_P(RegistrationRepositoryTest, RefusesAClaimedName) {
  ASSERT_EQ(repository_->Submit(MakeRegistration("acme"))->outcome, SubmitOutcome::kCreated);
  EXPECT_EQ(repository_->Submit(MakeRegistration("acme"))->outcome, SubmitOutcome::kNameTaken);
  EXPECT_TRUE(*repository_->IsNameClaimed(crypto::HexEncode(crypto::Sha256("acme"))));
  EXPECT_FALSE(*repository_->IsNameClaimed(crypto::HexEncode(crypto::Sha256("other"))));
}

TEST_P(RegistrationRepositoryTest, ReplaysAnIdempotentRequest) {
  NewRegistration first = MakeRegistration("acme");
  first.idempotency = IdempotencyRecord{"keyhash", "requesthash", "sealed",
                                        first.submitted_at + absl::Hours(24)};
  ASSERT_EQ(repository_->Submit(first)->outcome, SubmitOutcome::kCreated);

  NewRegistration repeat = MakeRegistration("acme");
  repeat.idempotency = first.idempotency;
  absl::StatusOr<SubmitResult> replayed = repository_->Submit(repeat);
  ASSERT_TRUE(replayed.ok());
  EXPECT_EQ(replayed->outcome, SubmitOutcome::kReplayed);
  EXPECT_EQ(replayed->reference, first.reference);
  EXPECT_EQ(replayed->sealed_receipt_token, "sealed");

  repeat.idempotency->request_hash = "another request";
  EXPECT_EQ(repository_->Submit(repeat)->outcome, SubmitOutcome::kKeyReused);
}

TEST_P(RegistrationRepositoryTest, ExpiredKeyMayBeUsedAgain) {
  NewRegistration first = MakeRegistration("acme");
  first.idempotency = IdempotencyRecord{"keyhash", "requesthash", "sealed",
                                        first.submitted_at + absl::Hours(24)};
  ASSERT_EQ(repository_->Submit(first)->outcome, SubmitOutcome::kCreated);

  NewRegistration later = MakeRegistration("other");
  later.submitted_at = first.submitted_at + absl::Hours(25);
  later.idempotency = IdempotencyRecord{"keyhash", "different", "sealed2",
                                        later.submitted_at + absl::Hours(24)};
  EXPECT_EQ(repository_->Submit(later)->outcome, SubmitOutcome::kCreated);
}

TEST_P(RegistrationRepositoryTest, DeletesExpiredIdempotencyKeys) {
  NewRegistration first = MakeRegistration("acme");
  first.idempotency = IdempotencyRecord{"keyhash", "requesthash", "sealed",
                                        first.submitted_at + absl::Hours(24)};
  ASSERT_EQ(repository_->Submit(first)->outcome, SubmitOutcome::kCreated);
  EXPECT_EQ(*repository_->DeleteExpiredIdempotencyKeys(first.submitted_at + absl::Hours(1)), 0);
  EXPECT_EQ(*repository_->DeleteExpiredIdempotencyKeys(first.submitted_at + absl::Hours(25)), 1);
}

TEST_P(RegistrationRepositoryTest, KeepsCharactersOutsideTheBasicPlane) {
  NewRegistration registration = MakeRegistration("𠮷野家 😀 Ромашка");
  ASSERT_EQ(repository_->Submit(registration)->outcome, SubmitOutcome::kCreated);
  std::string stored;
  ASSERT_TRUE(database_
                  ->Read([&](soci::session& session) {
                    session << "SELECT submission FROM registrations WHERE reference = :r",
                        soci::into(stored), soci::use(registration.reference);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(stored, registration.submission_json);
}

TEST_P(RegistrationRepositoryTest, WritesTheOutboxEventWithTheRegistration) {
  NewRegistration registration = MakeRegistration("acme");
  ASSERT_EQ(repository_->Submit(registration)->outcome, SubmitOutcome::kCreated);
  std::string action;
  std::string reference;
  ASSERT_TRUE(database_
                  ->Read([&](soci::session& session) {
                    session << "SELECT action, registration_reference FROM "
                               "registration_audit_outbox WHERE event_id = :id",
                        soci::into(action), soci::into(reference),
                        soci::use(registration.event.event_id);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(action, "registration.submitted");
  EXPECT_EQ(reference, registration.reference);
}

// The service, not only the repository: concurrent submissions of one name through the
// retry loop give exactly one registration.
TEST_P(RegistrationRepositoryTest, ConcurrentSubmissionsOfOneNameCreateOne) {
  RegistrationServiceOptions options;
  options.token_key = crypto::RandomBytes(32);
  options.clock = [] { return absl::FromCivil(absl::CivilDay(2026, 12, 4), absl::UTCTimeZone()); };
  RegistrationServiceImpl service(*repository_, options);

  portal::v1::SubmitRequest request;
  portal::v1::Registration* registration = request.mutable_registration();
  registration->mutable_company()->set_proposed_name("Race Condition Ltd");
  registration->mutable_company()->set_type(portal::v1::PRIVATE_LIMITED_BY_GUARANTEE);
  registration->mutable_company()->add_activity_codes("62012");
  auto* office = registration->mutable_company()->mutable_registered_office();
  office->set_line1("1 Road");
  office->set_locality("Leeds");
  office->set_postal_code("LS1 1AA");
  office->set_country("GB");
  auto* officer = registration->add_officers();
  officer->set_role(portal::v1::DIRECTOR);
  officer->set_given_name("Ada");
  officer->set_family_name("Lovelace");
  officer->set_date_of_birth("1980-01-01");
  officer->set_nationality("British");
  officer->set_country_of_residence("GB");
  *officer->mutable_service_address() = *office;
  registration->mutable_applicant()->set_full_name("Ada Lovelace");
  registration->mutable_applicant()->set_email("ada@example.org");
  registration->mutable_declaration()->set_agreed(true);

  constexpr int kThreads = 8;
  std::atomic<int> created{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      grpc::ServerContext context;
      portal::v1::SubmitResponse response;
      grpc::Status status = service.Submit(&context, &request, &response);
      if (status.ok()) created.fetch_add(1);
      else if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) refused.fetch_add(1);
      else other.fetch_add(1);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistrationRepositoryTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kMariaDb),
                         BackendName);

}  // namespace
}  // namespace portal::registration
