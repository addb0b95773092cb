#include "common/crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace portal::crypto {
namespace {

constexpr size_t kGcmNonceSize = 12;
constexpr size_t kGcmTagSize = 16;
constexpr size_t kAes256KeySize = 32;

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (count > 0 && RAND_bytes(Bytes(bytes), static_cast<int>(count)) != 1) std::abort();
  return bytes;
}

uint32_t RandomBelow(uint32_t bound) {
  // Rejects the values above the largest multiple of `bound`, so every index is equally likely.
  const uint32_t limit = UINT32_MAX - (UINT32_MAX % bound);
  while (true) {
    uint32_t value;
    std::string bytes = RandomBytes(sizeof(value));
    std::memcpy(&value, bytes.data(), sizeof(value));
    if (value < limit) return value % bound;
  }
}

std::string RandomUuid() {
  std::string bytes = RandomBytes(16);
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
  const std::string hex = HexEncode(bytes);
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-",
                      hex.substr(16, 4), "-", hex.substr(20));
}

std::string Base64UrlEncode(absl::string_view bytes) { return absl::WebSafeBase64Escape(bytes); }

absl::StatusOr<std::string> Base64UrlDecode(absl::string_view text) {
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(text, &bytes)) {
    return absl::InvalidArgumentError("not valid base64url");
  }
  return bytes;
}

absl::StatusOr<std::string> Base64Decode(absl::string_view text) {
  std::string bytes;
  if (!absl::Base64Unescape(text, &bytes)) return absl::InvalidArgumentError("not valid base64");
  return bytes;
}

std::string HexEncode(absl::string_view bytes) { return absl::BytesToHexString(bytes); }

std::string Sha256(absl::string_view data) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(Bytes(data), data.size(), Bytes(digest));
  return digest;
}

std::string HmacSha256(absl::string_view key, absl::string_view data) {
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(),
       Bytes(digest), &length);
  digest.resize(length);
  return digest;
}

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

absl::StatusOr<std::string> Seal(absl::string_view key, absl::string_view plaintext,
                                 absl::string_view associated_data) {
  if (key.size() != kAes256KeySize) return absl::InvalidArgumentError("AES-256 key must be 32 bytes");

  std::string sealed = RandomBytes(kGcmNonceSize);
  sealed.resize(kGcmNonceSize + plaintext.size() + kGcmTagSize);
  unsigned char* nonce = Bytes(sealed);
  unsigned char* ciphertext = nonce + kGcmNonceSize;

  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  if (!context ||
      EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), nonce) != 1 ||
      EVP_EncryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_EncryptUpdate(context.get(), ciphertext, &length, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), ciphertext + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize,
                          ciphertext + plaintext.size()) != 1) {
    return absl::InternalError("AES-256-GCM encryption failed");
  }
  return sealed;
}

absl::StatusOr<std::string> Open(absl::string_view key, absl::string_view sealed,
                                 absl::string_view associated_data) {
  if (key.size() != kAes256KeySize) return absl::InvalidArgumentError("AES-256 key must be 32 bytes");
  if (sealed.size() < kGcmNonceSize + kGcmTagSize) {
    return absl::InvalidArgumentError("sealed data is too short");
  }

  const size_t ciphertext_size = sealed.size() - kGcmNonceSize - kGcmTagSize;
  const unsigned char* nonce = Bytes(sealed);
  const unsigned char* ciphertext = nonce + kGcmNonceSize;
  std::string tag(sealed.substr(kGcmNonceSize + ciphertext_size));
  std::string plaintext(ciphertext_size, '\0');

  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  if (!context ||
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), nonce) != 1 ||
      EVP_DecryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_DecryptUpdate(context.get(), Bytes(plaintext), &length, ciphertext,
                        static_cast<int>(ciphertext_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(context.get(), Bytes(plaintext) + length, &length) != 1) {
    return absl::DataLossError("sealed data failed authentication");
  }
  return plaintext;
}

}  // namespace portal::crypto
