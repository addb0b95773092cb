// Used while audit_commands.cc, which the audit service owns, does not exist.
#include "services/admin/cli/command.h"

namespace portal::admin::cli {

void AddAuditCommands(CommandTable&) {}

}  // namespace portal::admin::cli
