// Rules for proposed company names: the permitted characters, the legal suffix of each
// company type, and the normalized form under which two names count as the same.
#ifndef PORTAL_SERVICES_REGISTRATION_NAME_RULES_H_
#define PORTAL_SERVICES_REGISTRATION_NAME_RULES_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "portal/v1/registration.pb.h"

namespace portal::registration {

inline constexpr int kMinNameLength = 3;
inline constexpr int kMaxNameLength = 160;

// Removes leading and trailing Unicode white space. Input must be valid UTF-8.
std::string TrimName(absl::string_view name);

// Checks the length (3 to 160 characters after trimming) and the character set: letters
// of any script with their combining marks, digits, spaces and & ' ’ - . , ( ) @ + !.
// Returns the broken rule as a message, or nullopt when the name passes.
std::optional<std::string> CheckNameCharacters(absl::string_view name);

// Checks that the trimmed name ends with a legal suffix of `type`, case-insensitively,
// after a space and a distinctive part. Returns the broken rule, or nullopt.
std::optional<std::string> CheckLegalSuffix(absl::string_view name, portal::v1::CompanyType type);

// Returns the form under which names are compared for availability: Unicode NFKC case
// folding, a trailing legal suffix of any company type dropped, "&" and "+" written as
// "and", every other run of characters that are not letters, marks or digits turned
// into one space, trimmed. "Smith-Jones Ltd", "SMITH JONES LIMITED" and
// "Smith  Jones PLC" all give "smith jones". Input must be valid UTF-8.
std::string NormalizeName(absl::string_view name);

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_NAME_RULES_H_
