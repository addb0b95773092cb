// Business rules of a registration submission, checked all at once.
#ifndef PORTAL_SERVICES_REGISTRATION_VALIDATION_H_
#define PORTAL_SERVICES_REGISTRATION_VALIDATION_H_

#include <string>

#include "absl/time/civil_time.h"
#include "portal/v1/registration.pb.h"

namespace portal::registration {

struct ValidationOptions {
  std::string jurisdiction = "GB";  // The registered office must be in this country.
  absl::CivilDay today;             // The day of submission, in UTC.
};

// Returns every rule that `registration` breaks, each with the JSON path of its field,
// for example "officers[0].date_of_birth". Empty when the registration is valid.
portal::v1::FieldViolations Validate(const portal::v1::Registration& registration,
                                     const ValidationOptions& options);

// Parses a strict YYYY-MM-DD date that exists in the calendar; false otherwise.
bool ParseDate(absl::string_view text, absl::CivilDay* day);

// Email: one "@", a dot-atom local part of at most 64 characters, a domain of letters,
// digits and hyphens with at least two labels, at most 254 characters in all.
bool IsValidEmail(absl::string_view email);

// E.164: "+" and 8 to 15 digits.
bool IsValidPhone(absl::string_view phone);

// Returns the number of Unicode code points in valid UTF-8.
size_t CharacterCount(absl::string_view text);

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_VALIDATION_H_
