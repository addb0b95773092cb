// Serves the built registration page from a folder, for one-machine runs. Production
// serves the page from S3 and CloudFront, and leaves the gateway's static folder unset.
#ifndef PORTAL_GATEWAY_STATIC_FILES_H_
#define PORTAL_GATEWAY_STATIC_FILES_H_

#include <optional>
#include <string>

namespace portal::gateway {

struct StaticFile {
  std::string contents;
  std::string content_type;
};

// Reads the file for the decoded URL `path` below `root`; "/" and folders give their
// index.html. Returns nullopt for a missing file, a dot-segment or any path that resolves
// outside `root`.
// NOTE: reads synchronously on the calling I/O thread; fine for small local files only.
std::optional<StaticFile> ReadStaticFile(const std::string& root, const std::string& path);

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_STATIC_FILES_H_
