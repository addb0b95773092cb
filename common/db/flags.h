// The database flags every service with a database takes, defined once.
#ifndef PORTAL_COMMON_DB_FLAGS_H_
#define PORTAL_COMMON_DB_FLAGS_H_

#include <string>

#include "absl/flags/declare.h"
#include "common/db/setup.h"

ABSL_DECLARE_FLAG(std::string, db_url);
ABSL_DECLARE_FLAG(std::string, db_migration_url);
ABSL_DECLARE_FLAG(int, db_pool_size);

namespace portal::db {

// Returns the settings the database flags hold.
DatabaseSettings DatabaseSettingsFromFlags();

}  // namespace portal::db

#endif  // PORTAL_COMMON_DB_FLAGS_H_
