// The Idempotency-Key rule of the public API, shared by the gateway (which responds with 400
// for a malformed header) and the registration service (which checks every input again).
#ifndef PORTAL_COMMON_UTIL_IDEMPOTENCY_KEY_H_
#define PORTAL_COMMON_UTIL_IDEMPOTENCY_KEY_H_

#include <algorithm>

#include "absl/strings/string_view.h"

namespace portal {

inline constexpr size_t kMaxIdempotencyKeyLength = 64;

// True for 1 to 64 characters from "!" to "~": printable ASCII without spaces.
inline bool IsValidIdempotencyKey(absl::string_view key) {
  if (key.empty() || key.size() > kMaxIdempotencyKeyLength) return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return c >= '!' && c <= '~'; });
}

}  // namespace portal

#endif  // PORTAL_COMMON_UTIL_IDEMPOTENCY_KEY_H_
