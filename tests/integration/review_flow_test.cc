// End-to-end tests across every service: an applicant submits over HTTP, case workers
// decide with the real portal-admin client, the applicant sees the decision over HTTP, and
// the audit chain records all of it, even when the audit service was down meanwhile.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/crypto/crypto.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace portal {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::HttpCall;
using testing::HttpResult;
using testing::Process;
using testing::ReadFile;
using testing::RunCommand;

boost::json::object ParseObject(const std::string& text) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error || !value.is_object()) return {};
  return value.as_object();
}

std::string StringField(const boost::json::object& object, const char* key) {
  if (!object.contains(key) || !object.at(key).is_string()) return "";
  return std::string(object.at(key).as_string());
}

// Every service on MariaDB, with the development identity and the outbox relays.
class FullStack {
 public:
  FullStack() {
    work_ = testing::MakeTempDir("portal-review");
    build_ = testing::BuildDir();
    CommandResult identity = RunCommand(
        {"/bin/bash", std::string(PORTAL_SOURCE_DIR) + "/deploy/local/dev-identity",
         work_ + "/identity"},
        {});
    EXPECT_EQ(identity.exit_code, 0) << identity.output;
    auth_env_ = {{"PORTAL_AUTH_JWKS_FILE", work_ + "/identity/dev-jwks.json"},
                 {"PORTAL_AUTH_ISSUER", "portal-dev"},
                 {"PORTAL_AUTH_AUDIENCE", "portal"},
                 {"PORTAL_DB_URL", database_.url()}};

    const std::string relay_token = Token("outbox-relay", "audit-producer");
    std::ofstream(work_ + "/relay-token") << relay_token;
    StartAudit();

    std::map<std::string, std::string> producer_env = auth_env_;
    producer_env["PORTAL_AUDIT_TARGET"] = absl::StrCat("127.0.0.1:", audit_port_);
    producer_env["PORTAL_AUDIT_TOKEN_FILE"] = work_ + "/relay-token";
    std::map<std::string, std::string> registration_env = producer_env;
    registration_env["PORTAL_REGISTRATION_TOKEN_KEY"] =
        absl::Base64Escape(crypto::RandomBytes(32));
    registration_ = std::make_unique<Process>(
        std::vector<std::string>{build_ + "/services/registration/portal-registration",
                                 "--registration_listen=127.0.0.1:0"},
        registration_env, work_ + "/registration.log");
    const int registration_port = registration_->WaitForPort();

    admin_ = std::make_unique<Process>(
        std::vector<std::string>{build_ + "/services/admin/portal-admin-server",
                                 "--admin_listen=127.0.0.1:0"},
        producer_env, work_ + "/admin.log");
    admin_port_ = admin_->WaitForPort();

    gateway_ = std::make_unique<Process>(
        std::vector<std::string>{
            build_ + "/gateway/portal-gateway", "--gateway_listen=127.0.0.1:0",
            absl::StrCat("--gateway_registration_target=127.0.0.1:", registration_port),
            "--gateway_rate_limit_burst=100000", "--gateway_rate_limit_per_minute=100000"},
        std::map<std::string, std::string>{}, work_ + "/gateway.log");
    gateway_port_ = gateway_->WaitForPort();
    ok_ = registration_port > 0 && admin_port_ > 0 && gateway_port_ > 0 && audit_port_ > 0;
  }

  ~FullStack() {
    gateway_.reset();
    admin_.reset();
    registration_.reset();
    audit_.reset();
    fs::remove_all(work_);
  }

  bool ok() const { return ok_; }
  int gateway_port() const { return gateway_port_; }

  void StartAudit() {
    std::vector<std::string> argv = {build_ + "/services/audit/portal-audit",
                                     "--audit_listen=127.0.0.1:" + std::to_string(audit_port_)};
    audit_ = std::make_unique<Process>(argv, auth_env_, work_ + "/audit.log");
    audit_port_ = audit_->WaitForPort();
  }
  int StopAudit() { return audit_->Terminate(); }

  // Signs a development token with the stack's key through the real client.
  std::string Token(const std::string& user, const std::string& role) {
    CommandResult result = RunCommand(
        {build_ + "/services/admin/cli/portal-admin", "dev-token", "--signing-key",
         work_ + "/identity/dev-signing-key.pem", "--user", user, "--role", role},
        {});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return std::string(absl::StripAsciiWhitespace(result.output));
  }

  // Runs portal-admin as `user` with `role` against this stack.
  CommandResult Admin(const std::string& user, const std::string& role,
                      std::vector<std::string> arguments) {
    std::vector<std::string> argv = {build_ + "/services/admin/cli/portal-admin"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return RunCommand(argv, {{"PORTAL_ADMIN_TARGET", absl::StrCat("127.0.0.1:", admin_port_)},
                             {"PORTAL_AUDIT_TARGET", absl::StrCat("127.0.0.1:", audit_port_)},
                             {"PORTAL_ADMIN_TOKEN", Token(user, role)}});
  }

  // Submits a sample file under a new name; returns the receipt.
  boost::json::object Submit(int sample, const std::string& name) {
    char path[80];
    std::snprintf(path, sizeof(path), "/registrations/registration-%03d.json", sample);
    boost::json::object document = ParseObject(ReadFile(testing::SharedDataDir() + path));
    document["company"].as_object()["proposed_name"] = name;
    HttpResult result = HttpCall(gateway_port_, "POST", "/api/v1/registrations",
                                 {{"Content-Type", "application/json"}},
                                 boost::json::serialize(document));
    EXPECT_EQ(result.status, 201) << result.body;
    return ParseObject(result.body);
  }

  boost::json::object Status(const boost::json::object& receipt) {
    HttpResult result =
        HttpCall(gateway_port_, "GET", "/api/v1/registrations/" + StringField(receipt, "reference"),
                 {{"Authorization", "Bearer " + StringField(receipt, "receipt_token")}});
    EXPECT_EQ(result.status, 200) << result.body;
    return ParseObject(result.body);
  }

  std::string Logs() const {
    std::string logs;
    for (const char* name : {"audit", "registration", "admin", "gateway"}) {
      logs += ReadFile(work_ + "/" + name + ".log");
    }
    return logs;
  }

 private:
  testing::TestDatabase database_{testing::TestBackend::kMariaDb};
  std::string work_;
  std::string build_;
  std::map<std::string, std::string> auth_env_;
  std::unique_ptr<Process> audit_;
  std::unique_ptr<Process> registration_;
  std::unique_ptr<Process> admin_;
  std::unique_ptr<Process> gateway_;
  int audit_port_ = 0;
  int admin_port_ = -1;
  int gateway_port_ = -1;
  bool ok_ = false;
};

// Returns the "version" of portal-admin's JSON output (protobuf prints int64 as a string).
std::string VersionOf(const CommandResult& result) {
  boost::json::object object = ParseObject(result.output);
  if (object.contains("state")) object = object.at("state").as_object();
  if (!object.contains("version")) return "";
  const boost::json::value& version = object.at("version");
  return version.is_string() ? std::string(version.as_string())
                             : std::to_string(version.to_number<int64_t>());
}

TEST(ReviewFlow, ApplicantSeesApprovalAndRejection) {
  FullStack stack;
  ASSERT_TRUE(stack.ok()) << stack.Logs();

  boost::json::object approved = stack.Submit(1, "Approved Through Review Ltd");
  boost::json::object rejected = stack.Submit(2, "Rejected Through Review Ltd");
  const std::string approved_reference = StringField(approved, "reference");
  const std::string rejected_reference = StringField(rejected, "reference");

  for (const auto& [reference, decision] :
       std::vector<std::pair<std::string, std::vector<std::string>>>{
           {approved_reference, {"--approve"}},
           {rejected_reference, {"--reject", "--reason", "The name is too like a charity's."}}}) {
    SCOPED_TRACE(reference);
    CommandResult claim = stack.Admin("alice", "reviewer",
                                      {"claim", reference, "--version", "1", "--json"});
    ASSERT_EQ(claim.exit_code, 0) << claim.output;
    std::vector<std::string> propose = {"propose", reference, "--version", VersionOf(claim),
                                        "--json"};
    propose.insert(propose.end(), decision.begin(), decision.end());
    CommandResult proposed = stack.Admin("alice", "reviewer", propose);
    ASSERT_EQ(proposed.exit_code, 0) << proposed.output;

    CommandResult own = stack.Admin("alice", "approver",
                                    {"confirm", reference, "--version", VersionOf(proposed)});
    EXPECT_EQ(own.exit_code, 4) << "nobody confirms their own proposal: " << own.output;
    CommandResult reviewer_confirm = stack.Admin(
        "dave", "reviewer", {"confirm", reference, "--version", VersionOf(proposed)});
    EXPECT_EQ(reviewer_confirm.exit_code, 4) << reviewer_confirm.output;
    EXPECT_NE(reviewer_confirm.output.find("approver role"), std::string::npos);

    CommandResult confirmed = stack.Admin("bob", "approver",
                                          {"confirm", reference, "--version", VersionOf(proposed)});
    ASSERT_EQ(confirmed.exit_code, 0) << confirmed.output;
  }

  boost::json::object approved_view = stack.Status(approved);
  EXPECT_EQ(StringField(approved_view, "status"), "APPROVED");
  const std::string company_number = StringField(approved_view, "company_number");
  EXPECT_EQ(company_number.size(), 8u) << boost::json::serialize(approved_view);
  EXPECT_TRUE(std::all_of(company_number.begin(), company_number.end(), ::isdigit));
  EXPECT_FALSE(approved_view.contains("decision_reason"));

  boost::json::object rejected_view = stack.Status(rejected);
  EXPECT_EQ(StringField(rejected_view, "status"), "REJECTED");
  EXPECT_EQ(StringField(rejected_view, "decision_reason"), "The name is too like a charity's.");
  EXPECT_FALSE(rejected_view.contains("company_number"));

  // A rejection frees the name for someone else.
  stack.Submit(3, "Rejected Through Review Ltd");

  // The audit chain names who did what to the approved registration, and verifies.
  std::string actions;
  for (int attempt = 0; attempt < 100; ++attempt) {
    CommandResult query = stack.Admin("carol", "auditor",
                                      {"audit", "query", "--reference", approved_reference,
                                       "--json"});
    actions = query.output;
    if (actions.find("registration.submitted") != std::string::npos &&
        actions.find("approved") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(actions.find("registration.submitted"), std::string::npos) << actions;
  EXPECT_NE(actions.find("claimed"), std::string::npos) << actions;
  EXPECT_NE(actions.find("approved"), std::string::npos) << actions;
  EXPECT_NE(actions.find("\"bob\""), std::string::npos) << actions;
  CommandResult verify = stack.Admin("carol", "auditor", {"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST(ReviewFlow, AuditOutageLosesNoSubmission) {
  FullStack stack;
  ASSERT_TRUE(stack.ok()) << stack.Logs();
  ASSERT_EQ(stack.StopAudit(), 0);

  constexpr int kSubmissions = 200;
  for (int i = 0; i < kSubmissions; ++i) {
    HttpResult result = HttpCall(
        stack.gateway_port(), "POST", "/api/v1/registrations",
        {{"Content-Type", "application/json"}},
        ReadFile(testing::SharedDataDir() + "/registrations/" +
                 [&] {
                   char name[40];
                   std::snprintf(name, sizeof(name), "registration-%03d.json", i + 1);
                   return std::string(name);
                 }()));
    ASSERT_EQ(result.status, 201) << "submissions go on while audit is down: " << result.body;
  }

  stack.StartAudit();
  int submitted_events = -1;
  std::string output;
  for (int attempt = 0; attempt < 300; ++attempt) {
    CommandResult export_all = stack.Admin("carol", "auditor", {"audit", "export", "--since", "1"});
    output = export_all.output;
    submitted_events = 0;
    size_t position = 0;
    while ((position = output.find("\"registration.submitted\"", position)) != std::string::npos) {
      ++submitted_events;
      ++position;
    }
    if (submitted_events >= kSubmissions) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(submitted_events, kSubmissions) << stack.Logs().substr(0, 4000);

  // Each event exactly once: as many distinct event ids as submission events.
  std::set<std::string> event_ids;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    boost::json::object recorded = ParseObject(line);
    if (!recorded.contains("event") || !recorded.at("event").is_object()) continue;
    const boost::json::object& event = recorded.at("event").as_object();
    if (StringField(event, "action") == "registration.submitted") {
      event_ids.insert(StringField(event, "event_id"));
    }
  }
  EXPECT_EQ(event_ids.size(), static_cast<size_t>(kSubmissions));
  CommandResult verify = stack.Admin("carol", "auditor", {"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

}  // namespace
}  // namespace portal
