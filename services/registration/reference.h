// Registration references and receipt tokens.
#ifndef PORTAL_SERVICES_REGISTRATION_REFERENCE_H_
#define PORTAL_SERVICES_REGISTRATION_REFERENCE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace portal::registration {

// The reference alphabet: digits and capitals without 0, 1, I, L, O and U, which are
// easily misread or spell words.
inline constexpr absl::string_view kReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

// Returns a random reference "XXXX-XXXX-XXXX": 12 characters from a 30-letter alphabet,
// about 59 bits from the CSPRNG, so one reference tells nothing about another.
std::string NewReference();

// Returns the canonical form of a reference typed by a person: capitals, dashes
// restored. Accepts any case and the form without dashes. nullopt when malformed.
std::optional<std::string> CanonicalReference(absl::string_view text);

// Returns a receipt token: 256 random bits, base64url without padding (43 characters).
std::string NewReceiptToken();

// Returns the stored form of a receipt token: hex SHA-256. The token has 256 bits of
// entropy, so the hash cannot be searched back to it.
std::string HashReceiptToken(absl::string_view token);

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_REFERENCE_H_
