#include "gateway/client_address.h"

#include <gtest/gtest.h>

namespace portal::gateway {
namespace {

namespace ip = boost::asio::ip;

ClientAddressResolver Resolver(const char* trusted) {
  absl::StatusOr<std::vector<Network>> networks = ParseNetworks(trusted);
  EXPECT_TRUE(networks.ok()) << networks.status();
  return ClientAddressResolver(*networks);
}

TEST(ClientAddressResolver, IgnoresForwardedForFromUntrustedPeers) {
  ClientAddressResolver resolver = Resolver("10.0.0.0/24");
  EXPECT_EQ(resolver.Resolve(ip::make_address("203.0.113.9"), "198.51.100.1"), "203.0.113.9");
}

TEST(ClientAddressResolver, ReadsTheRightmostUntrustedHop) {
  ClientAddressResolver resolver = Resolver("10.0.0.0/24, 10.0.1.0/24");
  // A client may forge the left part; the proxy appends what it saw on the right.
  EXPECT_EQ(resolver.Resolve(ip::make_address("10.0.0.5"), "1.2.3.4, 198.51.100.7"),
            "198.51.100.7");
  EXPECT_EQ(resolver.Resolve(ip::make_address("10.0.0.5"), "198.51.100.7, 10.0.1.9"),
            "198.51.100.7");
}

TEST(ClientAddressResolver, StopsAtAMalformedHop) {
  ClientAddressResolver resolver = Resolver("10.0.0.0/24");
  EXPECT_EQ(resolver.Resolve(ip::make_address("10.0.0.5"), "198.51.100.7, not-an-ip"),
            "10.0.0.5");
  EXPECT_EQ(resolver.Resolve(ip::make_address("10.0.0.5"), ""), "10.0.0.5");
}

TEST(ClientAddressResolver, UnwrapsIpv4MappedAddresses) {
  ClientAddressResolver resolver = Resolver("10.0.0.0/24");
  EXPECT_EQ(resolver.Resolve(ip::make_address("::ffff:10.0.0.5"), "198.51.100.7"),
            "198.51.100.7");
}

TEST(ParseNetworks, RejectsMalformedNetworks) {
  for (const char* text : {"10.0.0.0/33", "fd00::/129", "not-a-network", "10.0.0.0/x"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(ParseNetworks(text).ok());
  }
}

TEST(Network, MatchesByPrefix) {
  absl::StatusOr<std::vector<Network>> networks = ParseNetworks("10.1.0.0/16,fd00::/8");
  ASSERT_TRUE(networks.ok());
  EXPECT_TRUE((*networks)[0].Contains(ip::make_address("10.1.255.1")));
  EXPECT_FALSE((*networks)[0].Contains(ip::make_address("10.2.0.1")));
  EXPECT_TRUE((*networks)[1].Contains(ip::make_address("fd12::1")));
  EXPECT_FALSE((*networks)[1].Contains(ip::make_address("fe80::1")));
}

}  // namespace
}  // namespace portal::gateway
