#include "common/config/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

namespace portal::config {
namespace {

TEST(EnvironmentName, PrefixesAndCapitalizes) {
  EXPECT_EQ(EnvironmentName("db_url"), "PORTAL_DB_URL");
  EXPECT_EQ(EnvironmentName("gateway_listen"), "PORTAL_GATEWAY_LISTEN");
}

TEST(ParseHostPort, ReadsHostsAndPorts) {
  absl::StatusOr<HostPort> v4 = ParseHostPort("127.0.0.1:8080");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  absl::StatusOr<HostPort> v6 = ParseHostPort("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* text : {"8080", ":8080", "host:", "host:65536", "host:x", "[::1]8080"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(ParseHostPort(text).ok());
  }
}

TEST(ReadSecret, PrefersTheVariableThenTheFile) {
  unsetenv("PORTAL_TEST_SECRET");
  unsetenv("PORTAL_TEST_SECRET_FILE");
  EXPECT_TRUE(absl::IsNotFound(ReadSecret("PORTAL_TEST_SECRET").status()));

  const std::string path = testing::TempDir() + "/secret";
  std::ofstream(path) << "from-file\n";
  setenv("PORTAL_TEST_SECRET_FILE", path.c_str(), 1);
  EXPECT_EQ(*ReadSecret("PORTAL_TEST_SECRET"), "from-file");

  setenv("PORTAL_TEST_SECRET", "from-variable", 1);
  EXPECT_EQ(*ReadSecret("PORTAL_TEST_SECRET"), "from-variable");
  unsetenv("PORTAL_TEST_SECRET");

  setenv("PORTAL_TEST_SECRET_FILE", "/nonexistent/secret", 1);
  EXPECT_TRUE(absl::IsFailedPrecondition(ReadSecret("PORTAL_TEST_SECRET").status()));
  unsetenv("PORTAL_TEST_SECRET_FILE");
}

}  // namespace
}  // namespace portal::config
