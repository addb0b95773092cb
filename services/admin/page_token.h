// Opaque page tokens for ListRegistrations.
//
// A token carries the keyset position of the last row returned, (submitted_at_us, id),
// and an HMAC-SHA256 over that position and a fingerprint of the filters, under a key the
// service holds. An edited token, or a token used with other filters, fails the check.
#ifndef PORTAL_SERVICES_ADMIN_PAGE_TOKEN_H_
#define PORTAL_SERVICES_ADMIN_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/admin/admin_repository.h"

namespace portal::admin {

// Returns a canonical encoding of the filters of `query`; its cursor and limit are not
// part of it, so the page size may change from page to page.
std::string FilterFingerprint(const ListQuery& query);

class PageTokenCodec {
 public:
  // `key` is the service's secret, 32 bytes.
  explicit PageTokenCodec(absl::string_view key);

  std::string Encode(const ListCursor& cursor, absl::string_view filter_fingerprint) const;

  // INVALID_ARGUMENT unless `token` came from Encode with the same fingerprint and key.
  absl::StatusOr<ListCursor> Decode(absl::string_view token,
                                    absl::string_view filter_fingerprint) const;

 private:
  std::string key_;
};

}  // namespace portal::admin

#endif  // PORTAL_SERVICES_ADMIN_PAGE_TOKEN_H_
