// JSON-lines logging to stdout, read by CloudWatch Logs in production.
//
// One object per line with "timestamp" (RFC 3339, UTC, microseconds), "severity",
// "service", "message", and when known "request_id", followed by the caller's fields.
// NOTE: callers must never pass personal data or secrets as fields; log ids, counts,
// codes and durations only.
#ifndef PORTAL_COMMON_LOGGING_LOG_H_
#define PORTAL_COMMON_LOGGING_LOG_H_

#include <string_view>

#include <boost/json/object.hpp>

namespace portal::log {

enum class Severity { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Sets the service name written on every line, and the minimum severity written.
void Configure(std::string_view service, Severity minimum);

// Parses "debug", "info", "warning" or "error"; returns false for anything else.
bool ParseSeverity(std::string_view text, Severity* severity);

// Writes one line. Thread-safe; each line is written with a single write call.
void Write(Severity severity, std::string_view message, std::string_view request_id = {},
           const boost::json::object& fields = {});

inline void Debug(std::string_view message, const boost::json::object& fields = {}) {
  Write(Severity::kDebug, message, {}, fields);
}
inline void Info(std::string_view message, const boost::json::object& fields = {}) {
  Write(Severity::kInfo, message, {}, fields);
}
inline void Warning(std::string_view message, const boost::json::object& fields = {}) {
  Write(Severity::kWarning, message, {}, fields);
}
inline void Error(std::string_view message, const boost::json::object& fields = {}) {
  Write(Severity::kError, message, {}, fields);
}

}  // namespace portal::log

#endif  // PORTAL_COMMON_LOGGING_LOG_H_
