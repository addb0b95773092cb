#include "services/registration/validation.h"

#include <gtest/gtest.h>

#include <functional>

#include "absl/strings/str_cat.h"

namespace portal::registration {
namespace {

using portal::v1::Registration;

const absl::CivilDay kToday(2026, 12, 4);

void SetAddress(portal::v1::Address* address, const std::string& country) {
  address->set_line1("12 Harbour Street");
  address->set_locality("Leeds");
  address->set_postal_code("LS1 4AB");
  address->set_country(country);
}

Registration ValidRegistration() {
  Registration registration;
  portal::v1::Company* company = registration.mutable_company();
  company->set_proposed_name("Northwind Analytics Ltd");
  company->set_type(portal::v1::PRIVATE_LIMITED_BY_SHARES);
  company->add_activity_codes("62012");
  SetAddress(company->mutable_registered_office(), "GB");
  company->mutable_share_capital()->set_currency("GBP");
  company->mutable_share_capital()->set_shares(100);
  company->mutable_share_capital()->set_nominal_value_minor(100);

  portal::v1::Officer* officer = registration.add_officers();
  officer->set_role(portal::v1::DIRECTOR);
  officer->set_given_name("Aoife");
  officer->set_family_name("O'Brien");
  officer->set_date_of_birth("1984-03-09");
  officer->set_nationality("Irish");
  officer->set_country_of_residence("GB");
  SetAddress(officer->mutable_service_address(), "GB");

  registration.mutable_applicant()->set_full_name("Aoife O'Brien");
  registration.mutable_applicant()->set_email("aoife@example.org");
  registration.mutable_declaration()->set_agreed(true);
  return registration;
}

portal::v1::FieldViolations Check(const Registration& registration) {
  return Validate(registration, ValidationOptions{"GB", kToday});
}

bool HasField(const portal::v1::FieldViolations& violations, const std::string& field) {
  for (const auto& violation : violations.violations()) {
    if (violation.field() == field) return true;
  }
  return false;
}

std::string Fields(const portal::v1::FieldViolations& violations) {
  std::string fields;
  for (const auto& violation : violations.violations()) {
    absl::StrAppend(&fields, violation.field(), ": ", violation.message(), "; ");
  }
  return fields;
}

TEST(Validate, AcceptsAValidRegistration) {
  EXPECT_EQ(Check(ValidRegistration()).violations_size(), 0) << Fields(Check(ValidRegistration()));
}

struct RuleCase {
  const char* rule;
  std::function<void(Registration&)> change;
  const char* field;
};

TEST(Validate, ReportsEachBrokenRuleOnItsField) {
  const RuleCase cases[] = {
      {"type missing", [](Registration& r) { r.mutable_company()->clear_type(); }, "company.type"},
      {"name missing", [](Registration& r) { r.mutable_company()->clear_proposed_name(); },
       "company.proposed_name"},
      {"name too short", [](Registration& r) { r.mutable_company()->set_proposed_name("Lt"); },
       "company.proposed_name"},
      {"name semicolon",
       [](Registration& r) { r.mutable_company()->set_proposed_name("North;wind Ltd"); },
       "company.proposed_name"},
      {"name without suffix",
       [](Registration& r) { r.mutable_company()->set_proposed_name("Northwind Analytics"); },
       "company.proposed_name"},
      {"no activity codes", [](Registration& r) { r.mutable_company()->clear_activity_codes(); },
       "company.activity_codes"},
      {"five activity codes",
       [](Registration& r) {
         for (const char* code : {"62020", "62030", "62090", "63110"}) {
           r.mutable_company()->add_activity_codes(code);
         }
       },
       "company.activity_codes"},
      {"short activity code",
       [](Registration& r) { r.mutable_company()->set_activity_codes(0, "6201"); },
       "company.activity_codes"},
      {"letter in activity code",
       [](Registration& r) { r.mutable_company()->set_activity_codes(0, "6201A"); },
       "company.activity_codes"},
      {"duplicate activity code",
       [](Registration& r) { r.mutable_company()->add_activity_codes("62012"); },
       "company.activity_codes"},
      {"office missing", [](Registration& r) { r.mutable_company()->clear_registered_office(); },
       "company.registered_office"},
      {"office line1 missing",
       [](Registration& r) { r.mutable_company()->mutable_registered_office()->clear_line1(); },
       "company.registered_office.line1"},
      {"office line2 too long",
       [](Registration& r) {
         r.mutable_company()->mutable_registered_office()->set_line2(std::string(101, 'a'));
       },
       "company.registered_office.line2"},
      {"office region too long",
       [](Registration& r) {
         r.mutable_company()->mutable_registered_office()->set_region(std::string(101, 'a'));
       },
       "company.registered_office.region"},
      {"office locality missing",
       [](Registration& r) { r.mutable_company()->mutable_registered_office()->clear_locality(); },
       "company.registered_office.locality"},
      {"postal code with hash",
       [](Registration& r) {
         r.mutable_company()->mutable_registered_office()->set_postal_code("LS1 #AB");
       },
       "company.registered_office.postal_code"},
      {"postal code too long",
       [](Registration& r) {
         r.mutable_company()->mutable_registered_office()->set_postal_code(std::string(21, '1'));
       },
       "company.registered_office.postal_code"},
      {"office abroad",
       [](Registration& r) { r.mutable_company()->mutable_registered_office()->set_country("FR"); },
       "company.registered_office.country"},
      {"office country unknown",
       [](Registration& r) { r.mutable_company()->mutable_registered_office()->set_country("XX"); },
       "company.registered_office.country"},
      {"share capital missing", [](Registration& r) { r.mutable_company()->clear_share_capital(); },
       "company.share_capital"},
      {"share capital on guarantee",
       [](Registration& r) { r.mutable_company()->set_type(portal::v1::PRIVATE_LIMITED_BY_GUARANTEE); },
       "company.share_capital"},
      {"currency lowercase",
       [](Registration& r) { r.mutable_company()->mutable_share_capital()->set_currency("gbp"); },
       "company.share_capital.currency"},
      {"currency withdrawn",
       [](Registration& r) { r.mutable_company()->mutable_share_capital()->set_currency("HRK"); },
       "company.share_capital.currency"},
      {"zero shares",
       [](Registration& r) { r.mutable_company()->mutable_share_capital()->set_shares(0); },
       "company.share_capital.shares"},
      {"too many shares",
       [](Registration& r) {
         r.mutable_company()->mutable_share_capital()->set_shares(1'000'000'000'001);
       },
       "company.share_capital.shares"},
      {"zero nominal value",
       [](Registration& r) {
         r.mutable_company()->mutable_share_capital()->set_nominal_value_minor(0);
       },
       "company.share_capital.nominal_value_minor"},
      {"no officers", [](Registration& r) { r.clear_officers(); }, "officers"},
      {"twenty-one officers",
       [](Registration& r) {
         for (int i = 0; i < 20; ++i) *r.add_officers() = r.officers(0);
       },
       "officers"},
      {"no director",
       [](Registration& r) { r.mutable_officers(0)->set_role(portal::v1::SECRETARY); },
       "officers"},
      {"partnership role in company",
       [](Registration& r) { r.mutable_officers(0)->set_role(portal::v1::MEMBER); },
       "officers[0].role"},
      {"given name missing", [](Registration& r) { r.mutable_officers(0)->clear_given_name(); },
       "officers[0].given_name"},
      {"family name too long",
       [](Registration& r) { r.mutable_officers(0)->set_family_name(std::string(101, 'a')); },
       "officers[0].family_name"},
      {"birth date format",
       [](Registration& r) { r.mutable_officers(0)->set_date_of_birth("09/03/1984"); },
       "officers[0].date_of_birth"},
      {"birth date february 30",
       [](Registration& r) { r.mutable_officers(0)->set_date_of_birth("1984-02-30"); },
       "officers[0].date_of_birth"},
      {"birth date in the future",
       [](Registration& r) { r.mutable_officers(0)->set_date_of_birth("2026-12-05"); },
       "officers[0].date_of_birth"},
      {"director under 16",
       [](Registration& r) { r.mutable_officers(0)->set_date_of_birth("2012-01-01"); },
       "officers[0].date_of_birth"},
      {"nationality too long",
       [](Registration& r) { r.mutable_officers(0)->set_nationality(std::string(51, 'a')); },
       "officers[0].nationality"},
      {"residence unknown",
       [](Registration& r) { r.mutable_officers(0)->set_country_of_residence("XX"); },
       "officers[0].country_of_residence"},
      {"officer email invalid",
       [](Registration& r) { r.mutable_officers(0)->set_email("not-an-email"); },
       "officers[0].email"},
      {"service address missing",
       [](Registration& r) { r.mutable_officers(0)->clear_service_address(); },
       "officers[0].service_address"},
      {"applicant missing", [](Registration& r) { r.clear_applicant(); }, "applicant"},
      {"applicant name too long",
       [](Registration& r) { r.mutable_applicant()->set_full_name(std::string(161, 'a')); },
       "applicant.full_name"},
      {"applicant email missing", [](Registration& r) { r.mutable_applicant()->clear_email(); },
       "applicant.email"},
      {"applicant email two at signs",
       [](Registration& r) { r.mutable_applicant()->set_email("a@b@example.org"); },
       "applicant.email"},
      {"applicant email too long",
       [](Registration& r) {
         r.mutable_applicant()->set_email(std::string(250, 'a') + "@example.org");
       },
       "applicant.email"},
      {"phone without plus",
       [](Registration& r) { r.mutable_applicant()->set_phone("07700900123"); }, "applicant.phone"},
      {"phone too short", [](Registration& r) { r.mutable_applicant()->set_phone("+1234567"); },
       "applicant.phone"},
      {"phone too long",
       [](Registration& r) { r.mutable_applicant()->set_phone("+1234567890123456"); },
       "applicant.phone"},
      {"declaration false",
       [](Registration& r) { r.mutable_declaration()->set_agreed(false); }, "declaration.agreed"},
      {"declaration missing", [](Registration& r) { r.clear_declaration(); }, "declaration.agreed"},
  };
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(c.rule);
    Registration registration = ValidRegistration();
    c.change(registration);
    const portal::v1::FieldViolations violations = Check(registration);
    EXPECT_TRUE(HasField(violations, c.field)) << "got: " << Fields(violations);
  }
}

TEST(Validate, ReportsEveryViolationAtOnce) {
  Registration registration = ValidRegistration();
  registration.mutable_officers(0)->clear_given_name();
  registration.mutable_applicant()->set_email("bad");
  registration.mutable_declaration()->set_agreed(false);
  const portal::v1::FieldViolations violations = Check(registration);
  EXPECT_TRUE(HasField(violations, "officers[0].given_name"));
  EXPECT_TRUE(HasField(violations, "applicant.email"));
  EXPECT_TRUE(HasField(violations, "declaration.agreed"));
}

TEST(Validate, PartnershipNeedsTwoDesignatedMembers) {
  Registration registration = ValidRegistration();
  registration.mutable_company()->set_type(portal::v1::LIMITED_LIABILITY_PARTNERSHIP);
  registration.mutable_company()->set_proposed_name("Northwind Analytics LLP");
  registration.mutable_company()->clear_share_capital();
  registration.mutable_officers(0)->set_role(portal::v1::DESIGNATED_MEMBER);
  EXPECT_TRUE(HasField(Check(registration), "officers"));

  *registration.add_officers() = registration.officers(0);
  EXPECT_EQ(Check(registration).violations_size(), 0) << Fields(Check(registration));
}

TEST(Validate, SecretaryMayBeUnder16ButNotUnborn) {
  Registration registration = ValidRegistration();
  portal::v1::Officer* secretary = registration.add_officers();
  *secretary = registration.officers(0);
  secretary->set_role(portal::v1::SECRETARY);
  secretary->set_date_of_birth("2015-06-01");
  EXPECT_EQ(Check(registration).violations_size(), 0) << Fields(Check(registration));
  registration.mutable_officers(1)->set_date_of_birth("2027-01-01");
  EXPECT_TRUE(HasField(Check(registration), "officers[1].date_of_birth"));
}

TEST(Validate, SixteenthBirthdayIsTheFirstDayAllowed) {
  struct Case {
    const char* birth;
    bool allowed;
  };
  // Today is 2026-12-04 in these cases.
  for (const Case& c : {Case{"2010-12-04", true}, Case{"2010-12-05", false},
                        Case{"2010-12-03", true}}) {
    SCOPED_TRACE(c.birth);
    Registration registration = ValidRegistration();
    registration.mutable_officers(0)->set_date_of_birth(c.birth);
    EXPECT_EQ(Check(registration).violations_size() == 0, c.allowed);
  }
}

TEST(Validate, LeapDayBirthdayAgesOnMarchFirst) {
  Registration registration = ValidRegistration();
  registration.mutable_officers(0)->set_date_of_birth("2008-02-29");
  EXPECT_FALSE(Validate(registration, {"GB", absl::CivilDay(2024, 2, 28)}).violations_size() == 0);
  EXPECT_TRUE(Validate(registration, {"GB", absl::CivilDay(2024, 2, 29)}).violations_size() == 0);
  registration.mutable_officers(0)->set_date_of_birth("2009-02-28");
  EXPECT_TRUE(Validate(registration, {"GB", absl::CivilDay(2025, 2, 28)}).violations_size() == 0);
}

TEST(Validate, UsesTheConfiguredJurisdiction) {
  Registration registration = ValidRegistration();
  registration.mutable_company()->mutable_registered_office()->set_country("IE");
  EXPECT_EQ(Validate(registration, {"IE", kToday}).violations_size(), 0);
  EXPECT_TRUE(HasField(Validate(registration, {"GB", kToday}), "company.registered_office.country"));
}

TEST(IsValidEmail, AcceptsCommonAddresses) {
  for (const char* email : {"a@example.org", "first.last+tag@sub.example.co.uk", "x_y@ex-ample.com"}) {
    SCOPED_TRACE(email);
    EXPECT_TRUE(IsValidEmail(email));
  }
}

TEST(IsValidEmail, RejectsMalformedAddresses) {
  for (const char* email : {"", "plain", "@example.org", "a@", "a@localhost", "a..b@example.org",
                            ".a@example.org", "a@-example.org", "a b@example.org",
                            "a@example.c0m", "a@example..org"}) {
    SCOPED_TRACE(email);
    EXPECT_FALSE(IsValidEmail(email));
  }
}

TEST(ParseDate, AcceptsOnlyRealDatesInIsoForm) {
  absl::CivilDay day;
  EXPECT_TRUE(ParseDate("2024-02-29", &day));
  EXPECT_FALSE(ParseDate("2023-02-29", &day));
  EXPECT_FALSE(ParseDate("2023-13-01", &day));
  EXPECT_FALSE(ParseDate("2023-1-01", &day));
  EXPECT_FALSE(ParseDate("2023-01-01T00:00", &day));
  EXPECT_FALSE(ParseDate("+023-01-01", &day));
}

}  // namespace
}  // namespace portal::registration
