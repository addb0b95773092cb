// The flags every portal process takes, defined once.
#include "common/service/startup.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, log_level, "info", "Minimum log severity: debug, info, warning or error.");
ABSL_FLAG(int, shutdown_grace_seconds, 20,
          "Seconds that in-flight requests may run after SIGTERM before they are cancelled.");

namespace portal::service {

absl::Duration ShutdownGrace() { return absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)); }

}  // namespace portal::service
