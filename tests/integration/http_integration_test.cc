// End-to-end tests of the public HTTP API: the real portal-registration and
// portal-gateway binaries, MariaDB behind them, HTTP over loopback in front.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace portal {
namespace {

namespace fs = std::filesystem;
using testing::HttpCall;
using testing::HttpResult;
using testing::Process;
using testing::ReadFile;

const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};

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

std::vector<std::string> ErrorFields(const std::string& body) {
  std::vector<std::string> fields;
  boost::json::object problem = ParseObject(body);
  if (!problem.contains("errors")) return fields;
  for (const auto& error : problem.at("errors").as_array()) {
    fields.push_back(StringField(error.as_object(), "field"));
  }
  return fields;
}

// Changes the proposed name of a sample file so that a test can submit it again.
std::string WithName(const std::string& body, const std::string& name) {
  boost::json::object document = ParseObject(body);
  document["company"].as_object()["proposed_name"] = name;
  return boost::json::serialize(document);
}

// One registration service and one gateway for the whole suite, on MariaDB.
class PortalStack {
 public:
  explicit PortalStack(std::vector<std::string> gateway_flags = {}) {
    work_dir_ = testing::MakeTempDir("portal-integration");
    const std::string build = testing::BuildDir();
    registration_ = std::make_unique<Process>(
        std::vector<std::string>{build + "/services/registration/portal-registration",
                                 "--registration_listen=127.0.0.1:0", "--db_pool_size=8"},
        std::map<std::string, std::string>{
            {"PORTAL_DB_URL", database_.url()},
            {"PORTAL_REGISTRATION_TOKEN_KEY", absl::Base64Escape(crypto::RandomBytes(32))}},
        work_dir_ + "/registration.log");
    registration_port_ = registration_->WaitForPort();

    std::vector<std::string> gateway_argv = {
        build + "/gateway/portal-gateway", "--gateway_listen=127.0.0.1:0",
        absl::StrCat("--gateway_registration_target=127.0.0.1:", registration_port_),
        "--gateway_rate_limit_burst=100000", "--gateway_rate_limit_per_minute=100000",
        "--gateway_cors_origins=https://register.example.gov",
        "--gateway_trusted_proxies=127.0.0.1/32"};
    for (std::string& flag : gateway_flags) gateway_argv.push_back(std::move(flag));
    gateway_ = std::make_unique<Process>(gateway_argv, std::map<std::string, std::string>{},
                                         work_dir_ + "/gateway.log");
    gateway_port_ = gateway_->WaitForPort();
  }

  ~PortalStack() { fs::remove_all(work_dir_); }

  bool ok() const { return registration_port_ > 0 && gateway_port_ > 0; }
  int port() const { return gateway_port_; }
  Process& registration() { return *registration_; }
  Process& gateway() { return *gateway_; }
  std::string Logs() const { return registration_->ReadLog() + gateway_->ReadLog(); }

  HttpResult Submit(const std::string& body, std::map<std::string, std::string> headers = kJson) {
    return HttpCall(gateway_port_, "POST", "/api/v1/registrations", headers, body);
  }

 private:
  testing::TestDatabase database_{testing::TestBackend::kMariaDb};
  std::string work_dir_;
  std::unique_ptr<Process> registration_;
  std::unique_ptr<Process> gateway_;
  int registration_port_ = -1;
  int gateway_port_ = -1;
};

class HttpApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new PortalStack(); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(stack_->ok()) << stack_->Logs(); }

  static std::string Sample(int number) {
    char name[64];
    std::snprintf(name, sizeof(name), "/registrations/registration-%03d.json", number);
    return ReadFile(testing::SharedDataDir() + name);
  }

  static PortalStack* stack_;
};

PortalStack* HttpApiTest::stack_ = nullptr;

TEST_F(HttpApiTest, AcceptsEverySampleRegistration) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(testing::SharedDataDir() + "/registrations")) {
    SCOPED_TRACE(entry.path().filename().string());
    HttpResult result = stack_->Submit(ReadFile(entry.path().string()));
    EXPECT_EQ(result.status, 201) << result.body;
    boost::json::object receipt = ParseObject(result.body);
    EXPECT_EQ(StringField(receipt, "status"), "SUBMITTED");
    EXPECT_GE(StringField(receipt, "receipt_token").size(), 22u);
    ++checked;
  }
  EXPECT_EQ(checked, 300);
}

TEST_F(HttpApiTest, RefusesEveryInvalidCaseAsSpecified) {
  const std::string dir = testing::SharedDataDir() + "/invalid";
  boost::json::value cases = boost::json::parse(ReadFile(dir + "/cases.json"));
  ASSERT_GT(cases.as_array().size(), 0u);
  for (const auto& item : cases.as_array()) {
    const boost::json::object& c = item.as_object();
    const std::string file = StringField(c, "file");
    SCOPED_TRACE(file);
    HttpResult result = stack_->Submit(ReadFile(dir + "/" + file),
                                       {{"Content-Type", StringField(c, "content_type")}});
    EXPECT_EQ(result.status, c.at("expect_status").to_number<int>()) << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json");
    const std::vector<std::string> fields = ErrorFields(result.body);
    for (const auto& expected : c.at("expect_fields").as_array()) {
      const std::string field(expected.as_string());
      EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end())
          << "missing error on " << field << " in " << result.body;
    }
  }
}

TEST_F(HttpApiTest, StatusLookupNeedsTheReceiptToken) {
  HttpResult created = stack_->Submit(WithName(Sample(1), "Status Lookup Check Ltd"));
  ASSERT_EQ(created.status, 201) << created.body;
  boost::json::object receipt = ParseObject(created.body);
  const std::string reference = StringField(receipt, "reference");
  const std::string token = StringField(receipt, "receipt_token");

  std::string lowercase = reference;
  std::transform(lowercase.begin(), lowercase.end(), lowercase.begin(), ::tolower);
  HttpResult found = HttpCall(stack_->port(), "GET", "/api/v1/registrations/" + lowercase,
                              {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(found.status, 200) << found.body;
  boost::json::object view = ParseObject(found.body);
  EXPECT_EQ(StringField(view, "reference"), reference);
  EXPECT_EQ(StringField(view, "status"), "SUBMITTED");
  EXPECT_FALSE(StringField(view, "submitted_at").empty());
  EXPECT_FALSE(StringField(view, "updated_at").empty());
  EXPECT_EQ(found.body.find("applicant"), std::string::npos) << "no personal data";

  HttpResult wrong_token = HttpCall(stack_->port(), "GET", "/api/v1/registrations/" + reference,
                                    {{"Authorization", "Bearer " + token + "x"}});
  HttpResult no_token = HttpCall(stack_->port(), "GET", "/api/v1/registrations/" + reference);
  HttpResult unknown = HttpCall(stack_->port(), "GET", "/api/v1/registrations/ZZZZ-ZZZZ-ZZZZ",
                                {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(wrong_token.status, 404);
  EXPECT_EQ(no_token.status, 404);
  EXPECT_EQ(unknown.status, 404);
  // The same response whether or not the reference exists, so it is no oracle.
  EXPECT_EQ(ParseObject(wrong_token.body).at("detail"), ParseObject(unknown.body).at("detail"));
}

TEST_F(HttpApiTest, ReplaysAnIdempotentSubmission) {
  const std::string body = WithName(Sample(2), "Idempotent Replay Ltd");
  std::map<std::string, std::string> headers = kJson;
  headers["Idempotency-Key"] = "replay-" + crypto::RandomUuid();

  HttpResult first = stack_->Submit(body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  // Same document with other white space and key order.
  boost::json::object reordered = ParseObject(body);
  boost::json::object shuffled;
  for (auto it = reordered.end(); it != reordered.begin();) {
    --it;
    shuffled[it->key()] = it->value();
  }
  HttpResult second = stack_->Submit(boost::json::serialize(shuffled) + "\n  ", headers);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.Header("idempotent-replayed"), "true");
  EXPECT_EQ(first.Header("idempotent-replayed"), "");

  HttpResult different = stack_->Submit(WithName(body, "Another Replay Name Ltd"), headers);
  EXPECT_EQ(different.status, 422) << different.body;
  EXPECT_EQ(ErrorFields(different.body), std::vector<std::string>{"Idempotency-Key"});
}

TEST_F(HttpApiTest, ConcurrentCopiesOfOneRequestCreateOne) {
  const std::string body = WithName(Sample(3), "Concurrent Copies Ltd");
  std::map<std::string, std::string> headers = kJson;
  headers["Idempotency-Key"] = "copies-" + crypto::RandomUuid();
  constexpr int kCopies = 6;
  std::vector<HttpResult> results(kCopies);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCopies; ++i) {
    threads.emplace_back([&, i] { results[i] = stack_->Submit(body, headers); });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> references;
  for (const HttpResult& result : results) {
    EXPECT_EQ(result.status, 201) << result.body;
    references.insert(StringField(ParseObject(result.body), "reference"));
  }
  EXPECT_EQ(references.size(), 1u);
}

TEST_F(HttpApiTest, ConcurrentSubmissionsOfOneNameGiveOneConflict) {
  const std::string first = WithName(Sample(9), "Racing Names Ltd");
  const std::string second = WithName(Sample(10), "RACING-NAMES LIMITED");
  HttpResult a;
  HttpResult b;
  std::thread one([&] { a = stack_->Submit(first); });
  std::thread two([&] { b = stack_->Submit(second); });
  one.join();
  two.join();
  std::multiset<int> statuses = {a.status, b.status};
  EXPECT_EQ(statuses, (std::multiset<int>{201, 409})) << a.body << "\n" << b.body;
}

TEST_F(HttpApiTest, NameAvailabilityFollowsTheNormalization) {
  ASSERT_EQ(stack_->Submit(WithName(Sample(6), "Smith-Jones Availability Ltd")).status, 201);
  HttpResult taken = HttpCall(stack_->port(), "GET",
                              "/api/v1/names/availability?name=SMITH%20JONES%20AVAILABILITY%20PLC");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_FALSE(ParseObject(taken.body).at("available").as_bool());

  HttpResult free_name = HttpCall(stack_->port(), "GET",
                                  "/api/v1/names/availability?name=Quite%20Unused%20Name%20Ltd");
  ASSERT_EQ(free_name.status, 200);
  EXPECT_TRUE(ParseObject(free_name.body).at("available").as_bool());

  HttpResult bad_characters =
      HttpCall(stack_->port(), "GET", "/api/v1/names/availability?name=Bad%3BName%20Ltd");
  ASSERT_EQ(bad_characters.status, 200);
  EXPECT_FALSE(ParseObject(bad_characters.body).at("available").as_bool());
  EXPECT_FALSE(StringField(ParseObject(bad_characters.body), "reason").empty());

  EXPECT_EQ(HttpCall(stack_->port(), "GET", "/api/v1/names/availability").status, 400);
  EXPECT_EQ(HttpCall(stack_->port(), "GET", "/api/v1/names/availability?name=").status, 400);
}

TEST_F(HttpApiTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/healthz"}, {"GET", "/nowhere"}, {"DELETE", "/api/v1/registrations"}}) {
    SCOPED_TRACE(method + " " + target);
    HttpResult result = HttpCall(stack_->port(), method, target, {{"X-Request-Id", "trace-123"}});
    EXPECT_EQ(result.Header("x-request-id"), "trace-123");
    EXPECT_EQ(result.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(result.Header("cache-control"), "no-store");
    EXPECT_FALSE(result.Header("content-security-policy").empty());
  }
  HttpResult generated = HttpCall(stack_->port(), "GET", "/healthz", {{"X-Request-Id", "bad id"}});
  EXPECT_NE(generated.Header("x-request-id"), "bad id");
  EXPECT_FALSE(generated.Header("x-request-id").empty());
}

TEST_F(HttpApiTest, AnswersProtocolErrorsWithProblems) {
  HttpResult method = HttpCall(stack_->port(), "DELETE", "/api/v1/registrations");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.Header("allow"), "POST, OPTIONS");

  EXPECT_EQ(HttpCall(stack_->port(), "GET", "/api/v1/nothing").status, 404);
  EXPECT_EQ(stack_->Submit("{}", {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(stack_->Submit("{}", {{"Content-Type", "application/json; charset=utf-8"},
                                  {"Idempotency-Key", "has space"}})
                .status,
            400);
  HttpResult huge_header =
      HttpCall(stack_->port(), "GET", "/healthz", {{"X-Padding", std::string(20000, 'a')}});
  EXPECT_EQ(huge_header.status, 431);
  HttpResult huge_body = stack_->Submit(std::string(70000, ' '));
  EXPECT_EQ(huge_body.status, 413);
  HttpResult ready = HttpCall(stack_->port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
}

TEST_F(HttpApiTest, AnswersCorsPreflightOnlyForConfiguredOrigins) {
  HttpResult allowed = HttpCall(stack_->port(), "OPTIONS", "/api/v1/registrations",
                                {{"Origin", "https://register.example.gov"},
                                 {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(allowed.status, 204);
  EXPECT_EQ(allowed.Header("access-control-allow-origin"), "https://register.example.gov");
  EXPECT_NE(allowed.Header("access-control-allow-headers").find("Idempotency-Key"),
            std::string::npos);

  HttpResult refused = HttpCall(stack_->port(), "OPTIONS", "/api/v1/registrations",
                                {{"Origin", "https://evil.example"},
                                 {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Header("access-control-allow-origin"), "");
}

TEST_F(HttpApiTest, LogsNoPersonalData) {
  const std::string body = WithName(Sample(7), "Log Hygiene Check Ltd");
  boost::json::object document = ParseObject(body);
  const std::string applicant_name =
      StringField(document.at("applicant").as_object(), "full_name");
  const std::string applicant_email = StringField(document.at("applicant").as_object(), "email");
  ASSERT_EQ(stack_->Submit(body).status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  const std::string logs = stack_->Logs();
  ASSERT_NE(logs.find("registration submitted"), std::string::npos);
  EXPECT_EQ(logs.find(applicant_name), std::string::npos);
  EXPECT_EQ(logs.find(applicant_email), std::string::npos);
  EXPECT_EQ(logs.find("Log Hygiene Check"), std::string::npos);
}

// A separate, small stack for behaviour that changes its state: rate limits, outages and
// shutdown.
TEST(HttpStackTest, RateLimitsEachClientAddress) {
  PortalStack stack({"--gateway_rate_limit_burst=3", "--gateway_rate_limit_per_minute=1"});
  ASSERT_TRUE(stack.ok()) << stack.Logs();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(HttpCall(stack.port(), "GET", "/api/v1/names/availability?name=Any%20Ltd").status,
              200);
  }
  HttpResult limited = HttpCall(stack.port(), "GET", "/api/v1/names/availability?name=Any%20Ltd");
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.Header("retry-after").empty());

  // The gateway trusts 127.0.0.1 as a proxy here, so a forwarded address is its own client.
  HttpResult forwarded =
      HttpCall(stack.port(), "GET", "/api/v1/names/availability?name=Any%20Ltd",
               {{"X-Forwarded-For", "198.51.100.23"}});
  EXPECT_EQ(forwarded.status, 200);
  EXPECT_EQ(HttpCall(stack.port(), "GET", "/healthz").status, 200) << "health is never limited";
}

TEST(HttpStackTest, AnswersUnavailableWhileTheBackendIsDown) {
  PortalStack stack({"--gateway_backend_deadline_ms=2000"});
  ASSERT_TRUE(stack.ok()) << stack.Logs();
  EXPECT_EQ(stack.registration().Terminate(), 0);

  HttpResult submit = stack.Submit(ReadFile(testing::SharedDataDir() +
                                            "/registrations/registration-010.json"));
  EXPECT_EQ(submit.status, 503) << submit.body;
  EXPECT_FALSE(submit.Header("retry-after").empty());
  EXPECT_EQ(HttpCall(stack.port(), "GET", "/readyz").status, 503);
  EXPECT_EQ(HttpCall(stack.port(), "GET", "/healthz").status, 200);
}

TEST(HttpStackTest, ExitsCleanlyOnSigterm) {
  PortalStack stack;
  ASSERT_TRUE(stack.ok()) << stack.Logs();
  EXPECT_EQ(stack.gateway().Terminate(), 0);
  EXPECT_EQ(stack.registration().Terminate(), 0);
  const std::string logs = stack.Logs();
  EXPECT_NE(logs.find("\"server stopped\""), std::string::npos);
}

}  // namespace
}  // namespace portal
