#include "gateway/json_codec.h"

#include <gtest/gtest.h>

#include "portal/v1/registration.pb.h"

namespace portal::gateway {
namespace {

struct ParseCase {
  const char* description;
  const char* body;
  const char* error_field;  // nullptr when no field path applies.
};

TEST(ParseStrictJson, RejectsWhatTheContractCallsMalformed) {
  const ParseCase cases[] = {
      {"truncated", R"({"company": {)", nullptr},
      {"trailing comma", R"({"declaration": {"agreed": true},})", nullptr},
      {"not an object", R"([1, 2])", "body"},
      {"unknown top-level field", R"({"extra": 1})", "extra"},
      {"unknown nested field", R"({"company": {"nickname": "x"}})", "company.nickname"},
      {"camelCase alias", R"({"company": {"proposedName": "Acme Ltd"}})", "company.proposedName"},
      {"enum as number", R"({"company": {"type": 1}})", "company.type"},
      {"unknown enum name", R"({"company": {"type": "SOLE_TRADER"}})", "company.type"},
      {"placeholder enum", R"({"company": {"type": "COMPANY_TYPE_UNSPECIFIED"}})", "company.type"},
      {"string for bool", R"({"declaration": {"agreed": "yes"}})", "declaration.agreed"},
      {"object for array", R"({"officers": {}})", "officers"},
      {"null array element", R"({"officers": [null]})", "officers[0]"},
      {"fraction for integer", R"({"company": {"share_capital": {"shares": 1.5}}})",
       "company.share_capital.shares"},
      {"number for string", R"({"applicant": {"email": 5}})", "applicant.email"},
      {"invalid UTF-8", "{\"applicant\": {\"full_name\": \"\xC3\x28\"}}", nullptr},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.description);
    portal::v1::Registration registration;
    std::vector<FieldError> errors;
    absl::Status status = ParseStrictJson(c.body, &registration, &errors);
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
    if (c.error_field != nullptr) {
      ASSERT_EQ(errors.size(), 1u);
      EXPECT_EQ(errors[0].field, c.error_field);
    }
  }
}

TEST(ParseStrictJson, TreatsNullAsAbsent) {
  portal::v1::Registration registration;
  std::vector<FieldError> errors;
  ASSERT_TRUE(ParseStrictJson(R"({"company": {"proposed_name": "Acme Ltd", "share_capital": null,
                                  "activity_codes": null}, "applicant": null})",
                              &registration, &errors)
                  .ok());
  EXPECT_EQ(registration.company().proposed_name(), "Acme Ltd");
  EXPECT_FALSE(registration.company().has_share_capital());
  EXPECT_FALSE(registration.has_applicant());
}

TEST(ParseStrictJson, KeepsCharactersOutsideTheBasicPlane) {
  portal::v1::Registration registration;
  std::vector<FieldError> errors;
  ASSERT_TRUE(ParseStrictJson(R"({"applicant": {"full_name": "𠮷田 \ud83d\ude00"}})", &registration,
                              &errors)
                  .ok());
  EXPECT_EQ(registration.applicant().full_name(), "𠮷田 😀");
}

TEST(ToJson, PrintsSnakeCaseAndFalseValues) {
  portal::v1::NameAvailability availability;
  availability.set_name("Acme Ltd");
  const std::string json = ToJson(availability);
  EXPECT_NE(json.find("\"available\":false"), std::string::npos) << json;

  portal::v1::StatusView view;
  view.set_reference("AAAA-BBBB-CCCC");
  view.set_status(portal::v1::SUBMITTED);
  const std::string status_json = ToJson(view);
  EXPECT_NE(status_json.find("\"status\":\"SUBMITTED\""), std::string::npos) << status_json;
  EXPECT_EQ(status_json.find("company_number"), std::string::npos) << status_json;
  EXPECT_EQ(status_json.find("decision_reason"), std::string::npos) << status_json;
}

}  // namespace
}  // namespace portal::gateway
