// The registration service's tables, as versioned migrations.
#ifndef PORTAL_SERVICES_REGISTRATION_SCHEMA_H_
#define PORTAL_SERVICES_REGISTRATION_SCHEMA_H_

#include <vector>

#include "common/db/migrations.h"

namespace portal::registration {

inline constexpr char kSchemaComponent[] = "registration";

const std::vector<db::Migration>& Migrations();

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_SCHEMA_H_
