// The outbox relay's flag, taken by every service that produces audit events.
#ifndef PORTAL_COMMON_OUTBOX_FLAGS_H_
#define PORTAL_COMMON_OUTBOX_FLAGS_H_

#include <string>

#include "absl/flags/declare.h"

ABSL_DECLARE_FLAG(std::string, audit_target);

#endif  // PORTAL_COMMON_OUTBOX_FLAGS_H_
