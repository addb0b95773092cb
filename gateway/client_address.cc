#include "gateway/client_address.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace portal::gateway {
namespace {

namespace ip = boost::asio::ip;

// Compares the first `bits` bits of two byte arrays.
template <typename Bytes>
bool PrefixEquals(const Bytes& a, const Bytes& b, int bits) {
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    const int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

std::optional<ip::address> ParseAddress(absl::string_view text) {
  boost::system::error_code error;
  ip::address address = ip::make_address(std::string(text), error);
  if (error) return std::nullopt;
  // An IPv4-mapped IPv6 address is the IPv4 client it wraps.
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, address.to_v6()));
  }
  return address;
}

}  // namespace

bool Network::Contains(const ip::address& candidate) const {
  if (candidate.is_v4() && address.is_v4()) {
    return PrefixEquals(candidate.to_v4().to_bytes(), address.to_v4().to_bytes(), prefix_length);
  }
  if (candidate.is_v6() && address.is_v6()) {
    return PrefixEquals(candidate.to_v6().to_bytes(), address.to_v6().to_bytes(), prefix_length);
  }
  return false;
}

absl::StatusOr<std::vector<Network>> ParseNetworks(absl::string_view text) {
  std::vector<Network> networks;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(item, '/');
    std::optional<ip::address> address = ParseAddress(parts.first);
    if (!address.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid network \"", item, "\": expected an address or address/prefix"));
    }
    const int max_prefix = address->is_v4() ? 32 : 128;
    int prefix = max_prefix;
    if (!parts.second.empty() &&
        (!absl::SimpleAtoi(parts.second, &prefix) || prefix < 0 || prefix > max_prefix)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid prefix length in \"", item, "\": expected 0 to ", max_prefix));
    }
    networks.push_back(Network{*address, prefix});
  }
  return networks;
}

bool ClientAddressResolver::IsTrusted(const ip::address& address) const {
  for (const Network& network : trusted_proxies_) {
    if (network.Contains(address)) return true;
  }
  return false;
}

std::string ClientAddressResolver::Resolve(const ip::address& peer,
                                           absl::string_view forwarded_for) const {
  ip::address client = peer;
  if (peer.is_v6() && peer.to_v6().is_v4_mapped()) {
    client = ip::make_address_v4(ip::v4_mapped, peer.to_v6());
  }
  if (!IsTrusted(client) || forwarded_for.empty()) return client.to_string();

  std::vector<absl::string_view> hops = absl::StrSplit(forwarded_for, ',');
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    std::optional<ip::address> hop = ParseAddress(absl::StripAsciiWhitespace(*it));
    if (!hop.has_value()) break;
    client = *hop;
    if (!IsTrusted(client)) break;
  }
  return client.to_string();
}

}  // namespace portal::gateway
