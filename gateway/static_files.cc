#include "gateway/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"

namespace portal::gateway {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 8 << 20;

std::string ContentTypeFor(const fs::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".woff") return "font/woff";
  if (extension == ".ttf") return "font/ttf";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

std::optional<StaticFile> ReadStaticFile(const std::string& root, const std::string& path) {
  if (path.empty() || path.front() != '/' || absl::StrContains(path, '\0') ||
      absl::StrContains(path, "/..") || absl::StrContains(path, "\\")) {
    return std::nullopt;
  }
  std::error_code error;
  const fs::path base = fs::canonical(root, error);
  if (error) return std::nullopt;

  fs::path candidate = base / fs::path(path.substr(1));
  if (fs::is_directory(candidate, error)) candidate /= "index.html";
  const fs::path resolved = fs::canonical(candidate, error);
  if (error || !fs::is_regular_file(resolved, error)) return std::nullopt;

  // A link inside the folder must not lead outside it.
  const std::string base_text = base.string() + "/";
  if (!absl::StartsWith(resolved.string(), base_text)) return std::nullopt;
  if (fs::file_size(resolved, error) > kMaxFileBytes || error) return std::nullopt;

  std::ifstream stream(resolved, std::ios::binary);
  if (!stream) return std::nullopt;
  std::ostringstream contents;
  contents << stream.rdbuf();
  return StaticFile{contents.str(), ContentTypeFor(resolved)};
}

}  // namespace portal::gateway
