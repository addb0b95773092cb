#include "services/registration/validation.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/registration/name_rules.h"
#include "services/registration/reference_data.h"

namespace portal::registration {
namespace {

using portal::v1::CompanyType;
using portal::v1::OfficerRole;

constexpr int kMaxAddressLine = 100;
constexpr int kMaxPostalCode = 20;
constexpr int kMinOfficers = 1;
constexpr int kMaxOfficers = 20;
constexpr int kMaxActivityCodes = 4;
constexpr int kMaxOfficerName = 100;
constexpr int kMaxNationality = 50;
constexpr int kMaxApplicantName = 160;
constexpr int kMaxEmail = 254;
constexpr int64_t kMaxShareQuantity = 1'000'000'000'000;
constexpr int kMinimumOfficerAge = 16;

// Collects violations under a path prefix.
class Violations {
 public:
  explicit Violations(portal::v1::FieldViolations* out) : out_(out) {}

  void Add(std::string field, std::string message) {
    portal::v1::FieldViolation* violation = out_->add_violations();
    violation->set_field(std::move(field));
    violation->set_message(std::move(message));
  }

 private:
  portal::v1::FieldViolations* out_;
};

bool IsCompanyType(CompanyType type) {
  return type == portal::v1::PRIVATE_LIMITED_BY_SHARES ||
         type == portal::v1::PRIVATE_LIMITED_BY_GUARANTEE || type == portal::v1::PUBLIC_LIMITED;
}

bool NeedsShareCapital(CompanyType type) {
  return type == portal::v1::PRIVATE_LIMITED_BY_SHARES || type == portal::v1::PUBLIC_LIMITED;
}

// Checks a required or optional text field's length in characters.
void CheckText(Violations& violations, const std::string& field, absl::string_view value,
               bool required, size_t max_length) {
  if (value.empty()) {
    if (required) violations.Add(field, "is required");
    return;
  }
  const size_t length = CharacterCount(value);
  if (length > max_length) {
    violations.Add(field, absl::StrCat("must be at most ", max_length, " characters; it has ",
                                       length));
  }
}

void CheckCountry(Violations& violations, const std::string& field, absl::string_view code) {
  if (code.empty()) {
    violations.Add(field, "is required");
  } else if (!IsCountryCode(code)) {
    violations.Add(field, absl::StrCat("\"", code,
                                       "\" is not an ISO 3166-1 alpha-2 country code, such as "
                                       "\"GB\""));
  }
}

void CheckAddress(Violations& violations, const std::string& path, bool present,
                  const portal::v1::Address& address) {
  if (!present) {
    violations.Add(path, "is required");
    return;
  }
  CheckText(violations, path + ".line1", address.line1(), true, kMaxAddressLine);
  CheckText(violations, path + ".line2", address.line2(), false, kMaxAddressLine);
  CheckText(violations, path + ".locality", address.locality(), true, kMaxAddressLine);
  CheckText(violations, path + ".region", address.region(), false, kMaxAddressLine);

  const std::string& postal_code = address.postal_code();
  if (postal_code.empty()) {
    violations.Add(path + ".postal_code", "is required");
  } else {
    const bool characters_ok = std::all_of(postal_code.begin(), postal_code.end(), [](char c) {
      return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-';
    });
    if (!characters_ok || postal_code.size() > static_cast<size_t>(kMaxPostalCode)) {
      violations.Add(path + ".postal_code",
                     absl::StrCat("must be at most ", kMaxPostalCode,
                                  " letters, digits, spaces and hyphens"));
    }
  }
  CheckCountry(violations, path + ".country", address.country());
}

void CheckCompany(Violations& violations, const portal::v1::Registration& registration,
                  const ValidationOptions& options) {
  if (!registration.has_company()) {
    violations.Add("company", "is required");
    return;
  }
  const portal::v1::Company& company = registration.company();

  if (company.type() == portal::v1::COMPANY_TYPE_UNSPECIFIED) {
    violations.Add("company.type",
                   "is required: PRIVATE_LIMITED_BY_SHARES, PRIVATE_LIMITED_BY_GUARANTEE, "
                   "PUBLIC_LIMITED or LIMITED_LIABILITY_PARTNERSHIP");
  }

  if (company.proposed_name().empty()) {
    violations.Add("company.proposed_name", "is required");
  } else if (auto problem = CheckNameCharacters(company.proposed_name())) {
    violations.Add("company.proposed_name", *problem);
  } else if (auto suffix_problem = CheckLegalSuffix(company.proposed_name(), company.type())) {
    violations.Add("company.proposed_name", *suffix_problem);
  }

  const auto& codes = company.activity_codes();
  if (codes.empty() || codes.size() > kMaxActivityCodes) {
    violations.Add("company.activity_codes",
                   absl::StrCat("must list 1 to ", kMaxActivityCodes, " activity codes; it has ",
                                codes.size()));
  }
  std::set<std::string> seen;
  for (int i = 0; i < codes.size(); ++i) {
    const std::string& code = codes[i];
    const bool five_digits = code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) {
                               return c >= '0' && c <= '9';
                             });
    if (!five_digits) {
      violations.Add("company.activity_codes",
                     absl::StrCat("code \"", code, "\" at position ", i + 1,
                                  " must be exactly five digits"));
    } else if (!seen.insert(code).second) {
      violations.Add("company.activity_codes",
                     absl::StrCat("code \"", code, "\" is listed twice; list each code once"));
    }
  }

  CheckAddress(violations, "company.registered_office", company.has_registered_office(),
               company.registered_office());
  if (company.has_registered_office() && !company.registered_office().country().empty() &&
      company.registered_office().country() != options.jurisdiction) {
    violations.Add("company.registered_office.country",
                   absl::StrCat("the registered office must be in ", options.jurisdiction,
                                "; this registry takes only companies based there"));
  }

  if (NeedsShareCapital(company.type())) {
    if (!company.has_share_capital()) {
      violations.Add("company.share_capital",
                     "is required for a company limited by shares or a public limited company");
    } else {
      const portal::v1::ShareCapital& capital = company.share_capital();
      if (!IsCurrencyCode(capital.currency())) {
        violations.Add("company.share_capital.currency",
                       absl::StrCat("\"", capital.currency(),
                                    "\" is not an active ISO 4217 currency code in capitals, "
                                    "such as \"GBP\""));
      }
      if (capital.shares() < 1 || capital.shares() > kMaxShareQuantity) {
        violations.Add("company.share_capital.shares", "must be from 1 to 1000000000000");
      }
      if (capital.nominal_value_minor() < 1 || capital.nominal_value_minor() > kMaxShareQuantity) {
        violations.Add("company.share_capital.nominal_value_minor",
                       "must be from 1 to 1000000000000");
      }
    }
  } else if (company.has_share_capital() &&
             company.type() != portal::v1::COMPANY_TYPE_UNSPECIFIED) {
    violations.Add("company.share_capital",
                   "must be left out for a company limited by guarantee or a partnership");
  }
}

// Returns the day a person born on `birth` turns `years` old. Someone born on 29 February
// comes of age on 1 March in a year without one.
absl::CivilDay AnniversaryDay(absl::CivilDay birth, int years) {
  const absl::CivilYear year = absl::CivilYear(birth.year() + years);
  const absl::CivilDay candidate(year.year(), birth.month(), birth.day());
  if (candidate.month() != birth.month()) return absl::CivilDay(year.year(), 3, 1);
  return candidate;
}

void CheckOfficers(Violations& violations, const portal::v1::Registration& registration,
                   const ValidationOptions& options) {
  const auto& officers = registration.officers();
  const CompanyType type = registration.company().type();
  const bool partnership = type == portal::v1::LIMITED_LIABILITY_PARTNERSHIP;

  if (officers.size() < kMinOfficers || officers.size() > kMaxOfficers) {
    violations.Add("officers", absl::StrCat("must list ", kMinOfficers, " to ", kMaxOfficers,
                                            " officers; it has ", officers.size()));
  }

  int directors = 0;
  int designated_members = 0;
  for (int i = 0; i < officers.size(); ++i) {
    const portal::v1::Officer& officer = officers[i];
    const std::string path = absl::StrCat("officers[", i, "]");
    const OfficerRole role = officer.role();

    if (role == portal::v1::OFFICER_ROLE_UNSPECIFIED) {
      violations.Add(path + ".role", "is required");
    } else if (IsCompanyType(type) && role != portal::v1::DIRECTOR &&
               role != portal::v1::SECRETARY) {
      violations.Add(path + ".role", "must be DIRECTOR or SECRETARY for a company");
    } else if (partnership && role != portal::v1::DESIGNATED_MEMBER &&
               role != portal::v1::MEMBER) {
      violations.Add(path + ".role", "must be DESIGNATED_MEMBER or MEMBER for a partnership");
    }
    if (role == portal::v1::DIRECTOR) ++directors;
    if (role == portal::v1::DESIGNATED_MEMBER) ++designated_members;

    CheckText(violations, path + ".given_name", officer.given_name(), true, kMaxOfficerName);
    CheckText(violations, path + ".family_name", officer.family_name(), true, kMaxOfficerName);
    CheckText(violations, path + ".nationality", officer.nationality(), true, kMaxNationality);
    CheckCountry(violations, path + ".country_of_residence", officer.country_of_residence());
    if (!officer.email().empty() && !IsValidEmail(officer.email())) {
      violations.Add(path + ".email", "must be a valid email address of at most 254 characters");
    }
    CheckAddress(violations, path + ".service_address", officer.has_service_address(),
                 officer.service_address());

    absl::CivilDay birth;
    if (officer.date_of_birth().empty()) {
      violations.Add(path + ".date_of_birth", "is required, as YYYY-MM-DD");
    } else if (!ParseDate(officer.date_of_birth(), &birth)) {
      violations.Add(path + ".date_of_birth",
                     absl::StrCat("\"", officer.date_of_birth(),
                                  "\" is not a real calendar date in the form YYYY-MM-DD"));
    } else if (birth > options.today) {
      violations.Add(path + ".date_of_birth", "must be a date in the past");
    } else if (role != portal::v1::SECRETARY &&
               AnniversaryDay(birth, kMinimumOfficerAge) > options.today) {
      violations.Add(path + ".date_of_birth",
                     absl::StrCat("a director or member must be at least ", kMinimumOfficerAge,
                                  " years old on the day of submission"));
    }
  }

  if (IsCompanyType(type) && !officers.empty() && directors == 0) {
    violations.Add("officers", "a company needs at least one DIRECTOR");
  }
  if (partnership && designated_members < 2) {
    violations.Add("officers", absl::StrCat("a partnership needs at least two DESIGNATED_MEMBER "
                                            "officers; it has ",
                                            designated_members));
  }
}

void CheckApplicant(Violations& violations, const portal::v1::Registration& registration) {
  if (!registration.has_applicant()) {
    violations.Add("applicant", "is required");
    return;
  }
  const portal::v1::Applicant& applicant = registration.applicant();
  CheckText(violations, "applicant.full_name", applicant.full_name(), true, kMaxApplicantName);
  if (applicant.email().empty()) {
    violations.Add("applicant.email", "is required");
  } else if (!IsValidEmail(applicant.email())) {
    violations.Add("applicant.email", "must be a valid email address of at most 254 characters");
  }
  if (!applicant.phone().empty() && !IsValidPhone(applicant.phone())) {
    violations.Add("applicant.phone",
                   "must be in E.164 form: \"+\" and 8 to 15 digits, such as +447700900123");
  }
}

bool IsAtext(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         absl::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != absl::string_view::npos;
}

}  // namespace

size_t CharacterCount(absl::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool ParseDate(absl::string_view text, absl::CivilDay* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = 0;
  int month = 0;
  int day_of_month = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  if (!absl::SimpleAtoi(text.substr(0, 4), &year) || !absl::SimpleAtoi(text.substr(5, 2), &month) ||
      !absl::SimpleAtoi(text.substr(8, 2), &day_of_month)) {
    return false;
  }
  const absl::CivilDay parsed(year, month, day_of_month);
  // CivilDay normalizes 2025-02-30 to 2025-03-02; a real date survives unchanged.
  if (parsed.year() != year || parsed.month() != month || parsed.day() != day_of_month) {
    return false;
  }
  *day = parsed;
  return true;
}

bool IsValidEmail(absl::string_view email) {
  if (email.size() > static_cast<size_t>(kMaxEmail)) return false;
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || email.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view local = email.substr(0, at);
  const absl::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      absl::StrContains(local, "..")) {
    return false;
  }
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) return false;
  }
  if (domain.empty() || domain.size() > 253) return false;
  std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) return false;
  for (absl::string_view label : labels) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
  }
  const absl::string_view top_level = labels.back();
  return top_level.size() >= 2 && std::all_of(top_level.begin(), top_level.end(), [](char c) {
           return absl::ascii_isalpha(static_cast<unsigned char>(c));
         });
}

bool IsValidPhone(absl::string_view phone) {
  if (phone.size() < 9 || phone.size() > 16 || phone.front() != '+') return false;
  return std::all_of(phone.begin() + 1, phone.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

portal::v1::FieldViolations Validate(const portal::v1::Registration& registration,
                                     const ValidationOptions& options) {
  portal::v1::FieldViolations result;
  Violations violations(&result);
  CheckCompany(violations, registration, options);
  CheckOfficers(violations, registration, options);
  CheckApplicant(violations, registration);
  if (!registration.has_declaration() || !registration.declaration().agreed()) {
    violations.Add("declaration.agreed", "must be true: the applicant must agree to the declaration");
  }
  return result;
}

}  // namespace portal::registration
