// `portal-admin audit query|verify|export`: reading and checking the audit chain.
//
// The commands call the audit service: --target, or else PORTAL_AUDIT_TARGET, or else
// 127.0.0.1:50053. The token (--token or PORTAL_ADMIN_TOKEN) must carry the role
// "auditor". Every call is itself recorded in
// the chain as audit.queried or audit.verified.
#ifndef PORTAL_SERVICES_ADMIN_CLI_AUDIT_COMMANDS_H_
#define PORTAL_SERVICES_ADMIN_CLI_AUDIT_COMMANDS_H_

#include <ostream>

#include "portal/v1/audit.grpc.pb.h"
#include "services/admin/cli/command.h"

namespace portal::admin::cli {

// Exit code of `audit verify` when the chain is broken.
inline constexpr int kExitChainBroken = 6;

// Runs `audit query`: every page of events that match the filter options, as a table or,
// with --json, one RecordedEvent in protobuf JSON per line.
int RunAuditQuery(portal::v1::AuditService::StubInterface& stub, Invocation& invocation);

// Runs `audit verify`: prints whether the chain is intact, and exits with
// kExitChainBroken, printing the first failing sequence and the reason, when it is not.
int RunAuditVerify(portal::v1::AuditService::StubInterface& stub, Invocation& invocation);

// Runs `audit export --since SEQ`: every event from sequence SEQ on, one RecordedEvent in
// protobuf JSON per line (with sequence, previous_hash and hash), for keeping chain heads
// in write-once storage.
int RunAuditExport(portal::v1::AuditService::StubInterface& stub, Invocation& invocation);

}  // namespace portal::admin::cli

#endif  // PORTAL_SERVICES_ADMIN_CLI_AUDIT_COMMANDS_H_
