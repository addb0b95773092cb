#include "gateway/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.h"

namespace portal::gateway {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::MakeTempDir("portal-static");
    fs::create_directories(fs::path(root_) / "site" / "assets");
    std::ofstream(fs::path(root_) / "site" / "index.html") << "<h1>home</h1>";
    std::ofstream(fs::path(root_) / "site" / "assets" / "app.js") << "run()";
    std::ofstream(fs::path(root_) / "secret.txt") << "outside";
    fs::create_symlink(fs::path(root_) / "secret.txt", fs::path(root_) / "site" / "link.txt");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Site() const { return root_ + "/site"; }
  std::string root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirType) {
  std::optional<StaticFile> index = ReadStaticFile(Site(), "/");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->contents, "<h1>home</h1>");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  std::optional<StaticFile> script = ReadStaticFile(Site(), "/assets/app.js");
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, RefusesPathsOutsideTheFolder) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/link.txt", "/missing",
                           "relative", "/..\\secret.txt"}) {
    SCOPED_TRACE(path);
    EXPECT_FALSE(ReadStaticFile(Site(), path).has_value());
  }
}

}  // namespace
}  // namespace portal::gateway
