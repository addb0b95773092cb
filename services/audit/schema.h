// The audit service's tables, as versioned migrations.
#ifndef PORTAL_SERVICES_AUDIT_SCHEMA_H_
#define PORTAL_SERVICES_AUDIT_SCHEMA_H_

#include <vector>

#include "common/db/migrations.h"

namespace portal::audit {

inline constexpr char kSchemaComponent[] = "audit";

const std::vector<db::Migration>& Migrations();

}  // namespace portal::audit

#endif  // PORTAL_SERVICES_AUDIT_SCHEMA_H_
