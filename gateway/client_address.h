// The public client's address: from X-Forwarded-For only when the connection comes from
// a trusted proxy (the load balancer), else from the socket.
#ifndef PORTAL_GATEWAY_CLIENT_ADDRESS_H_
#define PORTAL_GATEWAY_CLIENT_ADDRESS_H_

#include <string>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace portal::gateway {

// An IPv4 or IPv6 network such as "10.0.0.0/16" or "fd00::/8".
struct Network {
  boost::asio::ip::address address;
  int prefix_length = 0;

  bool Contains(const boost::asio::ip::address& candidate) const;
};

// Parses a comma-separated list of networks; a bare address is a /32 or /128.
absl::StatusOr<std::vector<Network>> ParseNetworks(absl::string_view text);

class ClientAddressResolver {
 public:
  explicit ClientAddressResolver(std::vector<Network> trusted_proxies)
      : trusted_proxies_(std::move(trusted_proxies)) {}

  // Returns the client address for a connection from `peer`. When `peer` is a trusted
  // proxy, X-Forwarded-For is read from the right, skipping trusted proxies, and the first
  // other well-formed address is the client; a malformed entry stops the walk there.
  std::string Resolve(const boost::asio::ip::address& peer,
                      absl::string_view forwarded_for) const;

 private:
  bool IsTrusted(const boost::asio::ip::address& address) const;

  std::vector<Network> trusted_proxies_;
};

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_CLIENT_ADDRESS_H_
