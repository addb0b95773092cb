// Code lists that registration fields are checked against.
#ifndef PORTAL_SERVICES_REGISTRATION_REFERENCE_DATA_H_
#define PORTAL_SERVICES_REGISTRATION_REFERENCE_DATA_H_

#include "absl/strings/string_view.h"

namespace portal::registration {

// True for an officially assigned ISO 3166-1 alpha-2 country code, in capitals.
bool IsCountryCode(absl::string_view code);

// True for an active ISO 4217 currency code, in capitals. Codes withdrawn before
// 2026 (ANG, HRK, SLL, ZWL, CUC and older) and the precious-metal and testing codes
// (XAU, XAG, XPT, XPD, XDR, XSU, XUA, XBA to XBD, XTS, XXX) are not accepted.
bool IsCurrencyCode(absl::string_view code);

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_REFERENCE_DATA_H_
