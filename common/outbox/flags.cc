#include "common/outbox/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, audit_target, "",
          "Audit service address, host:port, for the outbox relay; its token comes from "
          "PORTAL_AUDIT_TOKEN or the file PORTAL_AUDIT_TOKEN_FILE names. Empty: no relay, and "
          "audit events wait in the outbox.");
