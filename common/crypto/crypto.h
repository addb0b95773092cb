// Cryptographic primitives over OpenSSL: a CSPRNG, hashes, HMAC and AES-256-GCM.
#ifndef PORTAL_COMMON_CRYPTO_CRYPTO_H_
#define PORTAL_COMMON_CRYPTO_CRYPTO_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace portal::crypto {

// Returns `count` bytes from OpenSSL's CSPRNG. Aborts if the CSPRNG fails, because no
// caller can do anything safe without randomness.
std::string RandomBytes(size_t count);

// Returns a uniformly random index below `bound` (bound > 0), without modulo bias.
uint32_t RandomBelow(uint32_t bound);

// Returns a random version 4 UUID in its canonical lowercase text form.
std::string RandomUuid();

// Base64url without padding (RFC 4648 section 5).
std::string Base64UrlEncode(absl::string_view bytes);
absl::StatusOr<std::string> Base64UrlDecode(absl::string_view text);

// Standard base64 with padding, for keys passed in the environment.
absl::StatusOr<std::string> Base64Decode(absl::string_view text);

std::string HexEncode(absl::string_view bytes);

// Binary 32-byte digests.
std::string Sha256(absl::string_view data);
std::string HmacSha256(absl::string_view key, absl::string_view data);

// Compares in time that depends only on the lengths.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

// AES-256-GCM with a random 96-bit nonce. The sealed form is nonce || ciphertext || tag.
// `key` must be 32 bytes. `associated_data` is authenticated but not encrypted.
absl::StatusOr<std::string> Seal(absl::string_view key, absl::string_view plaintext,
                                 absl::string_view associated_data);
absl::StatusOr<std::string> Open(absl::string_view key, absl::string_view sealed,
                                 absl::string_view associated_data);

}  // namespace portal::crypto

#endif  // PORTAL_COMMON_CRYPTO_CRYPTO_H_
