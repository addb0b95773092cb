// The admin service's tables, as versioned migrations of the component "admin".
#ifndef PORTAL_SERVICES_ADMIN_SCHEMA_H_
#define PORTAL_SERVICES_ADMIN_SCHEMA_H_

#include <vector>

#include "common/db/migrations.h"

namespace portal::admin {

inline constexpr char kSchemaComponent[] = "admin";

const std::vector<db::Migration>& Migrations();

}  // namespace portal::admin

#endif  // PORTAL_SERVICES_ADMIN_SCHEMA_H_
