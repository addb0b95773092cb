// The admin service over a real gRPC channel, on SQLite and on MariaDB.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/admin/admin_harness.h"

namespace portal::admin::testing {
namespace {

using portal::testing::TestBackend;
using portal::testing::TestDatabase;

std::string BackendName(const ::testing::TestParamInfo<TestBackend>& info) {
  return info.param == TestBackend::kSqlite ? "Sqlite" : "MariaDb";
}

class AdminServiceTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(database_.ok()) << "the test database could not be created";
    harness_ = std::make_unique<AdminHarness>(database_, 16);
    reviewer_ = harness_->Token("alice", {"reviewer"});
    approver_ = harness_->Token("bob", {"approver"});
    second_approver_ = harness_->Token("carol", {"approver"});
    auditor_ = harness_->Token("dave", {"auditor"});
  }

  portal::v1::RegistrationDetail Get(const std::string& reference, const std::string& token) {
    portal::v1::GetRegistrationRequest request;
    request.set_reference(reference);
    portal::v1::RegistrationDetail detail;
    grpc::Status status = harness_->admin().GetRegistration(AdminHarness::Context(token).get(),
                                                            request, &detail);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return detail;
  }

  grpc::Status Claim(const std::string& reference, int64_t version, const std::string& token,
                     portal::v1::RegistrationState* state) {
    portal::v1::ClaimRegistrationRequest request;
    request.set_reference(reference);
    request.set_version(version);
    return harness_->admin().ClaimRegistration(AdminHarness::Context(token).get(), request, state);
  }

  grpc::Status Propose(const std::string& reference, int64_t version, portal::v1::Decision decision,
                       const std::string& reason, const std::string& token,
                       portal::v1::RegistrationState* state) {
    portal::v1::ProposeDecisionRequest request;
    request.set_reference(reference);
    request.set_version(version);
    request.set_decision(decision);
    request.set_reason(reason);
    return harness_->admin().ProposeDecision(AdminHarness::Context(token).get(), request, state);
  }

  grpc::Status Confirm(const std::string& reference, int64_t version,
                       portal::v1::ConfirmAction action, const std::string& token,
                       portal::v1::RegistrationState* state) {
    portal::v1::ConfirmDecisionRequest request;
    request.set_reference(reference);
    request.set_version(version);
    request.set_action(action);
    return harness_->admin().ConfirmDecision(AdminHarness::Context(token).get(), request, state);
  }

  // Submits a registration, claims it as alice and proposes `decision`. Returns the state.
  portal::v1::RegistrationState Proposed(const std::string& distinct, portal::v1::Decision decision,
                                         const std::string& reason = "") {
    const portal::v1::Receipt receipt = harness_->Submit(distinct);
    portal::v1::RegistrationState claimed;
    grpc::Status status = Claim(receipt.reference(), 1, reviewer_, &claimed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    portal::v1::RegistrationState proposed;
    status = Propose(receipt.reference(), claimed.version(), decision, reason, reviewer_, &proposed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return proposed;
  }

  int CountEvents(const std::string& action, const std::string& actor) {
    int count = 0;
    absl::Status status = harness_->database().Read([&](soci::session& session) {
      session << "SELECT COUNT(*) FROM admin_audit_outbox WHERE action = :action AND actor = :actor",
          soci::into(count), soci::use(action), soci::use(actor);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return count;
  }

  TestDatabase database_{GetParam()};
  std::unique_ptr<AdminHarness> harness_;
  std::string reviewer_, approver_, second_approver_, auditor_;
};

INSTANTIATE_TEST_SUITE_P(Backends, AdminServiceTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kMariaDb),
                         BackendName);

TEST_P(AdminServiceTest, AuthorizationMatrix) {
  const portal::v1::Receipt receipt = harness_->Submit("matrix");
  const TestKey unknown_key = GenerateKey();
  const absl::Time now = absl::Now();
  const auth::TokenClaims valid{kIssuer, kAudience, "erin", {"approver"}, now, absl::Hours(1)};
  auth::TokenClaims expired = valid;
  expired.issued_at = now - absl::Hours(2);
  auth::TokenClaims wrong_issuer = valid;
  wrong_issuer.issuer = "https://other-issuer.test.invalid";
  auth::TokenClaims wrong_audience = valid;
  wrong_audience.audience = "portal-audit";
  auth::TokenClaims not_yet_valid = valid;
  not_yet_valid.issued_at = now + absl::Hours(1);

  struct Caller {
    std::string name;
    std::string token;
    std::set<std::string> roles;  // Empty for callers that are not authenticated.
  };
  const std::vector<Caller> callers = {
      {"reviewer", reviewer_, {"reviewer"}},
      {"approver", approver_, {"approver"}},
      {"auditor", auditor_, {"auditor"}},
      {"no role", harness_->Token("frank", {}), {"-"}},
      {"no token", "", {}},
      {"expired", harness_->TokenWith(harness_->trusted_key(), expired), {}},
      {"not yet valid", harness_->TokenWith(harness_->trusted_key(), not_yet_valid), {}},
      {"wrong issuer", harness_->TokenWith(harness_->trusted_key(), wrong_issuer), {}},
      {"wrong audience", harness_->TokenWith(harness_->trusted_key(), wrong_audience), {}},
      {"unknown key", harness_->TokenWith(unknown_key, valid), {}},
      {"garbage", "not.a.token", {}},
  };

  struct Rpc {
    std::string name;
    std::set<std::string> allowed_roles;
    std::string denied_message;
    std::function<grpc::Status(grpc::ClientContext*)> call;
  };
  const std::string reference = receipt.reference();
  portal::v1::AdminService::Stub& admin = harness_->admin();
  const std::vector<Rpc> rpcs = {
      {"ListRegistrations", {"reviewer", "approver", "auditor"},
       "listing registrations needs the reviewer, approver or auditor role",
       [&](grpc::ClientContext* context) {
         portal::v1::ListRegistrationsResponse response;
         return admin.ListRegistrations(context, {}, &response);
       }},
      {"GetRegistration", {"reviewer", "approver", "auditor"},
       "reading a registration needs the reviewer, approver or auditor role",
       [&](grpc::ClientContext* context) {
         portal::v1::GetRegistrationRequest request;
         request.set_reference(reference);
         portal::v1::RegistrationDetail response;
         return admin.GetRegistration(context, request, &response);
       }},
      {"ClaimRegistration", {"reviewer", "approver"}, "claiming a registration needs the reviewer role",
       [&](grpc::ClientContext* context) {
         portal::v1::ClaimRegistrationRequest request;
         request.set_reference(reference);
         request.set_version(999);  // Stale on purpose: the matrix changes nothing.
         portal::v1::RegistrationState response;
         return admin.ClaimRegistration(context, request, &response);
       }},
      {"ReleaseRegistration", {"reviewer", "approver"},
       "releasing a registration needs the reviewer role",
       [&](grpc::ClientContext* context) {
         portal::v1::ReleaseRegistrationRequest request;
         request.set_reference(reference);
         request.set_version(999);
         portal::v1::RegistrationState response;
         return admin.ReleaseRegistration(context, request, &response);
       }},
      {"ProposeDecision", {"reviewer", "approver"}, "proposing a decision needs the reviewer role",
       [&](grpc::ClientContext* context) {
         portal::v1::ProposeDecisionRequest request;
         request.set_reference(reference);
         request.set_version(999);
         request.set_decision(portal::v1::APPROVE);
         portal::v1::RegistrationState response;
         return admin.ProposeDecision(context, request, &response);
       }},
      {"ConfirmDecision", {"approver"}, "confirming a decision needs the approver role",
       [&](grpc::ClientContext* context) {
         portal::v1::ConfirmDecisionRequest request;
         request.set_reference(reference);
         request.set_version(999);
         request.set_action(portal::v1::CONFIRM);
         portal::v1::RegistrationState response;
         return admin.ConfirmDecision(context, request, &response);
       }},
      {"AddNote", {"reviewer", "approver"}, "adding a note needs the reviewer role",
       [&](grpc::ClientContext* context) {
         portal::v1::AddNoteRequest request;
         request.set_reference(reference);
         request.set_version(999);
         request.set_text("checked the address");
         portal::v1::RegistrationState response;
         return admin.AddNote(context, request, &response);
       }},
  };

  for (const Rpc& rpc : rpcs) {
    for (const Caller& caller : callers) {
      SCOPED_TRACE(absl::StrCat(rpc.name, " as ", caller.name));
      const grpc::Status status = rpc.call(AdminHarness::Context(caller.token).get());
      if (caller.roles.empty()) {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
        continue;
      }
      const bool allowed = std::any_of(caller.roles.begin(), caller.roles.end(),
                                       [&](const std::string& role) {
                                         return rpc.allowed_roles.count(role) > 0;
                                       });
      if (allowed) {
        // Past the role check, the stale version 999 is what stops a change.
        const bool changes = rpc.name != "ListRegistrations" && rpc.name != "GetRegistration";
        EXPECT_EQ(status.error_code(), changes ? grpc::StatusCode::ABORTED : grpc::StatusCode::OK)
            << status.error_message();
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        EXPECT_EQ(status.error_message(), rpc.denied_message);
      }
    }
  }
}

TEST_P(AdminServiceTest, ApprovalShowsCompanyNumberToApplicant) {
  const portal::v1::Receipt receipt = harness_->Submit("approve");
  portal::v1::RegistrationState claimed;
  ASSERT_TRUE(Claim(receipt.reference(), 1, reviewer_, &claimed).ok());
  EXPECT_EQ(claimed.status(), portal::v1::IN_REVIEW);
  EXPECT_EQ(claimed.assignee(), "alice");
  EXPECT_EQ(harness_->ApplicantStatus(receipt).status(), portal::v1::IN_REVIEW);

  portal::v1::RegistrationState proposed;
  ASSERT_TRUE(Propose(receipt.reference(), claimed.version(), portal::v1::APPROVE, "", reviewer_,
                      &proposed)
                  .ok());
  EXPECT_EQ(proposed.proposal().decision(), portal::v1::APPROVE);
  EXPECT_EQ(proposed.proposal().proposed_by(), "alice");

  portal::v1::RegistrationState approved;
  grpc::Status status =
      Confirm(receipt.reference(), proposed.version(), portal::v1::CONFIRM, approver_, &approved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(approved.status(), portal::v1::APPROVED);
  EXPECT_EQ(approved.decided_by(), "bob");
  ASSERT_TRUE(approved.has_company_number());
  EXPECT_EQ(approved.company_number().size(), 8u);

  const portal::v1::StatusView view = harness_->ApplicantStatus(receipt);
  EXPECT_EQ(view.status(), portal::v1::APPROVED);
  EXPECT_EQ(view.company_number(), approved.company_number());
  EXPECT_FALSE(view.has_decision_reason());
  EXPECT_GT(view.updated_at().seconds() * 1000000 + view.updated_at().nanos() / 1000,
            receipt.submitted_at().seconds() * 1000000 + receipt.submitted_at().nanos() / 1000 - 1);
  EXPECT_EQ(CountEvents("admin.registration.approved", "bob"), 1);
}

TEST_P(AdminServiceTest, RejectionShowsReasonAndFreesName) {
  const std::string reason = "The registered office address could not be verified.";
  const portal::v1::RegistrationState proposed = Proposed("reject", portal::v1::REJECT, reason);
  portal::v1::RegistrationState rejected;
  grpc::Status status =
      Confirm(proposed.reference(), proposed.version(), portal::v1::CONFIRM, approver_, &rejected);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(rejected.status(), portal::v1::REJECTED);
  EXPECT_EQ(rejected.decision_reason(), reason);
  EXPECT_FALSE(rejected.has_company_number());

  // The same name may be submitted again once the rejection freed it.
  const portal::v1::Receipt again = harness_->Submit("reject");
  EXPECT_FALSE(again.reference().empty());
  EXPECT_EQ(CountEvents("admin.registration.rejected", "bob"), 1);
}

TEST_P(AdminServiceTest, RejectionStatusSeenByApplicant) {
  const portal::v1::Receipt receipt = harness_->Submit("applicant-view");
  portal::v1::RegistrationState state;
  ASSERT_TRUE(Claim(receipt.reference(), 1, reviewer_, &state).ok());
  ASSERT_TRUE(Propose(receipt.reference(), state.version(), portal::v1::REJECT, "Name too similar.",
                      reviewer_, &state)
                  .ok());
  ASSERT_TRUE(
      Confirm(receipt.reference(), state.version(), portal::v1::CONFIRM, approver_, &state).ok());
  const portal::v1::StatusView view = harness_->ApplicantStatus(receipt);
  EXPECT_EQ(view.status(), portal::v1::REJECTED);
  EXPECT_EQ(view.decision_reason(), "Name too similar.");
  EXPECT_FALSE(view.has_company_number());
}

TEST_P(AdminServiceTest, SelfConfirmationRejected) {
  const std::string both_roles = harness_->Token("alice", {"reviewer", "approver"});
  const portal::v1::Receipt receipt = harness_->Submit("self");
  portal::v1::RegistrationState state;
  ASSERT_TRUE(Claim(receipt.reference(), 1, both_roles, &state).ok());
  ASSERT_TRUE(
      Propose(receipt.reference(), state.version(), portal::v1::APPROVE, "", both_roles, &state)
          .ok());

  portal::v1::RegistrationState ignored;
  grpc::Status confirm =
      Confirm(receipt.reference(), state.version(), portal::v1::CONFIRM, both_roles, &ignored);
  EXPECT_EQ(confirm.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(confirm.error_message(), "a different approver"))
      << confirm.error_message();
  grpc::Status send_back =
      Confirm(receipt.reference(), state.version(), portal::v1::SEND_BACK, both_roles, &ignored);
  EXPECT_EQ(send_back.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(receipt.reference(), auditor_).state().status(), portal::v1::IN_REVIEW);
}

TEST_P(AdminServiceTest, FourEyesRules) {
  const portal::v1::Receipt receipt = harness_->Submit("rules");
  portal::v1::RegistrationState state;
  portal::v1::RegistrationState ignored;

  // Confirming needs a proposal, and proposing needs the claim.
  ASSERT_TRUE(Claim(receipt.reference(), 1, reviewer_, &state).ok());
  EXPECT_EQ(Confirm(receipt.reference(), state.version(), portal::v1::CONFIRM, approver_, &ignored)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Propose(receipt.reference(), state.version(), portal::v1::APPROVE, "",
                    harness_->Token("gina", {"reviewer"}), &ignored)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Claim(receipt.reference(), state.version(), approver_, &ignored).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // A rejection needs a reason of 1 to 1000 characters; an approval takes none.
  EXPECT_EQ(Propose(receipt.reference(), state.version(), portal::v1::REJECT, "  ", reviewer_,
                    &ignored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Propose(receipt.reference(), state.version(), portal::v1::REJECT,
                    std::string(1001, 'x'), reviewer_, &ignored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Propose(receipt.reference(), state.version(), portal::v1::APPROVE, "why", reviewer_,
                    &ignored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // Sending back clears the proposal and keeps the registration in review.
  ASSERT_TRUE(Propose(receipt.reference(), state.version(), portal::v1::REJECT,
                      std::string(1000, 'x'), reviewer_, &state)
                  .ok());
  ASSERT_TRUE(
      Confirm(receipt.reference(), state.version(), portal::v1::SEND_BACK, approver_, &state).ok());
  EXPECT_EQ(state.status(), portal::v1::IN_REVIEW);
  EXPECT_FALSE(state.has_proposal());
  EXPECT_EQ(state.assignee(), "alice");

  // A note is kept for case workers, and a release returns the registration to the queue.
  portal::v1::AddNoteRequest note;
  note.set_reference(receipt.reference());
  note.set_version(state.version());
  note.set_text("Phoned the applicant about the office address.");
  ASSERT_TRUE(
      harness_->admin().AddNote(AdminHarness::Context(reviewer_).get(), note, &state).ok());
  portal::v1::ReleaseRegistrationRequest release;
  release.set_reference(receipt.reference());
  release.set_version(state.version());
  EXPECT_EQ(harness_->admin()
                .ReleaseRegistration(AdminHarness::Context(harness_->Token("gina", {"reviewer"})).get(),
                                     release, &ignored)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(harness_->admin()
                  .ReleaseRegistration(AdminHarness::Context(reviewer_).get(), release, &state)
                  .ok());
  EXPECT_EQ(state.status(), portal::v1::SUBMITTED);
  EXPECT_TRUE(state.assignee().empty());

  const portal::v1::RegistrationDetail detail = Get(receipt.reference(), auditor_);
  ASSERT_EQ(detail.notes_size(), 1);
  EXPECT_EQ(detail.notes(0).author(), "alice");
  EXPECT_EQ(detail.registration().officers_size(), 1);
  EXPECT_EQ(detail.registration().officers(0).family_name(), "O'Brien");
  EXPECT_EQ(harness_->ApplicantStatus(receipt).status(), portal::v1::SUBMITTED);
}

TEST_P(AdminServiceTest, StaleVersionAborted) {
  const portal::v1::Receipt receipt = harness_->Submit("stale");
  portal::v1::RegistrationState state;
  ASSERT_TRUE(Claim(receipt.reference(), 1, reviewer_, &state).ok());
  EXPECT_EQ(state.version(), 2);

  portal::v1::ReleaseRegistrationRequest release;
  release.set_reference(receipt.reference());
  release.set_version(1);
  portal::v1::RegistrationState ignored;
  grpc::Status status =
      harness_->admin().ReleaseRegistration(AdminHarness::Context(reviewer_).get(), release, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(status.error_message(),
            absl::StrCat("registration ", receipt.reference(),
                         " changed since you read it (version 1, now 2); read it again"));
  EXPECT_EQ(Get(receipt.reference(), reviewer_).state().assignee(), "alice");
}

TEST_P(AdminServiceTest, ConfirmationRaceHasOneWinner) {
  const portal::v1::RegistrationState proposed = Proposed("race", portal::v1::APPROVE);
  std::atomic<int> wins{0};
  std::atomic<int> aborted{0};
  std::vector<std::thread> approvers;
  for (const std::string* token : {&approver_, &second_approver_}) {
    approvers.emplace_back([&, token] {
      portal::v1::RegistrationState state;
      grpc::Status status =
          Confirm(proposed.reference(), proposed.version(), portal::v1::CONFIRM, *token, &state);
      if (status.ok()) wins.fetch_add(1);
      if (status.error_code() == grpc::StatusCode::ABORTED) aborted.fetch_add(1);
    });
  }
  for (std::thread& approver : approvers) approver.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(aborted.load(), 1);
  EXPECT_EQ(Get(proposed.reference(), auditor_).state().version(), proposed.version() + 1);
}

TEST_P(AdminServiceTest, ParallelApprovalsGetConsecutiveNumbers) {
  constexpr int kRegistrations = 100;
  constexpr int kThreads = 8;
  std::vector<portal::v1::RegistrationState> proposed;
  for (int i = 0; i < kRegistrations; ++i) {
    proposed.push_back(Proposed(absl::StrCat("bulk", i), portal::v1::APPROVE));
  }

  std::vector<std::string> numbers(kRegistrations);
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&] {
      for (int i = next.fetch_add(1); i < kRegistrations; i = next.fetch_add(1)) {
        portal::v1::RegistrationState state;
        grpc::Status status = Confirm(proposed[i].reference(), proposed[i].version(),
                                      portal::v1::CONFIRM, approver_, &state);
        if (!status.ok()) {
          failures.fetch_add(1);
          ADD_FAILURE() << proposed[i].reference() << ": " << status.error_message();
          continue;
        }
        numbers[i] = state.company_number();
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  ASSERT_EQ(failures.load(), 0);

  std::vector<long> values;
  for (const std::string& number : numbers) {
    ASSERT_EQ(number.size(), 8u) << number;
    values.push_back(std::stol(number));
  }
  std::sort(values.begin(), values.end());
  for (int i = 1; i < kRegistrations; ++i) {
    EXPECT_EQ(values[i], values[i - 1] + 1) << "numbers must be distinct and consecutive";
  }
}

TEST_P(AdminServiceTest, PagingStableWhileSubmissionsArrive) {
  std::set<std::string> before;
  for (int i = 0; i < 25; ++i) before.insert(harness_->Submit(absl::StrCat("page", i)).reference());

  portal::v1::ListRegistrationsRequest request;
  request.set_page_size(10);
  request.set_name_contains("northwind analytics page");
  std::vector<std::string> seen;
  std::vector<int> page_sizes;
  for (int page = 0; page < 10; ++page) {
    portal::v1::ListRegistrationsResponse response;
    grpc::Status status =
        harness_->admin().ListRegistrations(AdminHarness::Context(auditor_).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    page_sizes.push_back(response.registrations_size());
    for (const auto& summary : response.registrations()) seen.push_back(summary.reference());
    // Newer submissions arrive between pages; they sort before the cursor.
    if (page == 0) {
      for (int i = 25; i < 30; ++i) harness_->Submit(absl::StrCat("page", i));
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(page_sizes, (std::vector<int>{10, 10, 5}));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), before);
  EXPECT_EQ(seen.size(), before.size()) << "no registration may appear twice";
}

TEST_P(AdminServiceTest, TamperedPageTokenRejected) {
  for (int i = 0; i < 3; ++i) harness_->Submit(absl::StrCat("tamper", i));
  portal::v1::ListRegistrationsRequest request;
  request.set_page_size(1);
  portal::v1::ListRegistrationsResponse response;
  ASSERT_TRUE(harness_->admin()
                  .ListRegistrations(AdminHarness::Context(reviewer_).get(), request, &response)
                  .ok());
  const std::string token = response.next_page_token();
  ASSERT_FALSE(token.empty());

  std::string tampered = token;
  tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
  struct Case {
    std::string name;
    std::string token;
    portal::v1::RegistrationStatus status;
  };
  const std::vector<Case> cases = {
      {"edited token", tampered, portal::v1::REGISTRATION_STATUS_UNSPECIFIED},
      {"other filters", token, portal::v1::SUBMITTED},
      {"not base64url", "%%%", portal::v1::REGISTRATION_STATUS_UNSPECIFIED},
      {"truncated", token.substr(0, token.size() - 4), portal::v1::REGISTRATION_STATUS_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    request.set_page_token(c.token);
    request.set_status(c.status);
    portal::v1::ListRegistrationsResponse ignored;
    grpc::Status status =
        harness_->admin().ListRegistrations(AdminHarness::Context(reviewer_).get(), request, &ignored);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_P(AdminServiceTest, ReadsAreAuditedWithoutPersonalData) {
  const portal::v1::Receipt receipt = harness_->Submit("audited");
  Get(receipt.reference(), auditor_);
  portal::v1::ListRegistrationsResponse listed;
  ASSERT_TRUE(harness_->admin()
                  .ListRegistrations(AdminHarness::Context(auditor_).get(), {}, &listed)
                  .ok());
  EXPECT_EQ(CountEvents("admin.registration.read", "dave"), 1);
  EXPECT_EQ(CountEvents("admin.registrations.listed", "dave"), 1);

  std::vector<std::string> details(100);
  absl::Status status = harness_->database().Read([&](soci::session& session) {
    session << "SELECT details FROM admin_audit_outbox", soci::into(details);
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  for (const std::string& detail : details) {
    EXPECT_FALSE(absl::StrContains(detail, "O'Brien")) << detail;
    EXPECT_FALSE(absl::StrContains(detail, "aoife")) << detail;
    EXPECT_FALSE(absl::StrContains(detail, "Northwind")) << detail;
  }
}

TEST_P(AdminServiceTest, UnknownReferenceNotFound) {
  portal::v1::GetRegistrationRequest request;
  request.set_reference("ZZZZ-ZZZZ-ZZZZ");
  portal::v1::RegistrationDetail detail;
  grpc::Status status =
      harness_->admin().GetRegistration(AdminHarness::Context(reviewer_).get(), request, &detail);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace portal::admin::testing
