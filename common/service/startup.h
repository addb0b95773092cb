// The start-up steps every portal process shares: settings, logging and secret keys.
#ifndef PORTAL_COMMON_SERVICE_STARTUP_H_
#define PORTAL_COMMON_SERVICE_STARTUP_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace portal::service {

// Reads the flags and their PORTAL_* environment variables, sets up JSON logging under
// `service` at the severity of --log_level, and logs "starting" and the effective
// settings. `flags` names every flag the process reads; "log_level" and
// "shutdown_grace_seconds", defined in this library, are always included.
absl::Status Start(absl::string_view service, int argc, char** argv,
                   absl::Span<const absl::string_view> flags);

// Returns how long in-flight work may run after SIGTERM (--shutdown_grace_seconds).
absl::Duration ShutdownGrace();

// Logs a start-up failure and prints it to stderr for the operator who started `program`.
// Returns the process exit code to use.
int Fail(absl::string_view program, const absl::Status& status);

// Reads a secret key of `size` bytes given in standard base64 in `variable` (or the file
// named by `variable`_FILE). NOT_FOUND when unset; INVALID_ARGUMENT, saying how to make
// one, when it is not `size` bytes of base64.
absl::StatusOr<std::string> LoadBase64Key(absl::string_view variable, size_t size);

}  // namespace portal::service

#endif  // PORTAL_COMMON_SERVICE_STARTUP_H_
