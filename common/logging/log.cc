#include "common/logging/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include <boost/json/serialize.hpp>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace portal::log {
namespace {

absl::Mutex config_mutex;
std::string* service_name ABSL_GUARDED_BY(config_mutex) = new std::string("portal");
std::atomic<int> minimum_severity{static_cast<int>(Severity::kInfo)};

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kDebug:
      return "DEBUG";
    case Severity::kInfo:
      return "INFO";
    case Severity::kWarning:
      return "WARNING";
    case Severity::kError:
      return "ERROR";
  }
  return "INFO";
}

// Writes all of `line`, retrying short writes, so that lines from different threads
// never interleave within one line.
void WriteAll(const std::string& line) {
  const char* data = line.data();
  size_t remaining = line.size();
  while (remaining > 0) {
    ssize_t written = ::write(STDOUT_FILENO, data, remaining);
    if (written <= 0) return;  // stdout is gone; there is nowhere left to report it.
    data += written;
    remaining -= static_cast<size_t>(written);
  }
}

}  // namespace

void Configure(std::string_view service, Severity minimum) {
  absl::MutexLock lock(&config_mutex);
  *service_name = std::string(service);
  minimum_severity.store(static_cast<int>(minimum));
}

bool ParseSeverity(std::string_view text, Severity* severity) {
  if (text == "debug") *severity = Severity::kDebug;
  else if (text == "info") *severity = Severity::kInfo;
  else if (text == "warning") *severity = Severity::kWarning;
  else if (text == "error") *severity = Severity::kError;
  else return false;
  return true;
}

void Write(Severity severity, std::string_view message, std::string_view request_id,
           const boost::json::object& fields) {
  if (static_cast<int>(severity) < minimum_severity.load()) return;

  boost::json::object line;
  line["timestamp"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(), absl::UTCTimeZone());
  line["severity"] = SeverityName(severity);
  {
    absl::MutexLock lock(&config_mutex);
    line["service"] = *service_name;
  }
  line["message"] = message;
  if (!request_id.empty()) line["request_id"] = request_id;
  for (const auto& field : fields) {
    // The fixed keys above win, so a field cannot forge them.
    if (!line.contains(field.key())) line.emplace(field.key(), field.value());
  }

  std::string text = boost::json::serialize(line);
  text.push_back('\n');
  WriteAll(text);
}

}  // namespace portal::log
