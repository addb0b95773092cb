#include "services/audit/schema.h"

namespace portal::audit {

// audit_events is append-only: the service's MySQL user may only INSERT and SELECT.
// audit_chain_lock holds one row that every Append locks first (SELECT ... FOR UPDATE),
// so that appends take sequence numbers one after another even on an empty chain.
// Timestamps are BIGINT microseconds since the Unix epoch, UTC; hashes are lowercase hex.
const std::vector<db::Migration>& Migrations() {
  static const auto* migrations = new std::vector<db::Migration>{
      {1,
       "the audit chain and its append lock",
       {
           "CREATE TABLE audit_events ("
           " sequence INTEGER PRIMARY KEY,"
           " event_id TEXT NOT NULL UNIQUE,"
           " occurred_at_us INTEGER NOT NULL,"
           " recorded_at_us INTEGER NOT NULL,"
           " producer TEXT NOT NULL,"
           " actor TEXT NOT NULL,"
           " action TEXT NOT NULL,"
           " registration_reference TEXT,"
           " details TEXT NOT NULL,"
           " previous_hash TEXT NOT NULL,"
           " hash TEXT NOT NULL)",
           "CREATE INDEX audit_events_reference ON audit_events (registration_reference, sequence)",
           "CREATE INDEX audit_events_actor ON audit_events (actor, sequence)",
           "CREATE INDEX audit_events_action ON audit_events (action, sequence)",
           "CREATE INDEX audit_events_occurred ON audit_events (occurred_at_us)",
           "CREATE TABLE audit_chain_lock (id INTEGER PRIMARY KEY)",
           "INSERT INTO audit_chain_lock (id) VALUES (1)",
       },
       {
           "CREATE TABLE IF NOT EXISTS audit_events ("
           " sequence BIGINT NOT NULL PRIMARY KEY,"
           " event_id CHAR(36) NOT NULL,"
           " occurred_at_us BIGINT NOT NULL,"
           " recorded_at_us BIGINT NOT NULL,"
           " producer VARCHAR(64) NOT NULL,"
           " actor VARCHAR(200) NOT NULL,"
           " action VARCHAR(64) NOT NULL,"
           " registration_reference VARCHAR(32) NULL,"
           " details TEXT NOT NULL,"
           " previous_hash CHAR(64) NOT NULL,"
           " hash CHAR(64) NOT NULL,"
           " UNIQUE KEY audit_events_event (event_id),"
           " KEY audit_events_reference (registration_reference, sequence),"
           " KEY audit_events_actor (actor, sequence),"
           " KEY audit_events_action (action, sequence),"
           " KEY audit_events_occurred (occurred_at_us)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "CREATE TABLE IF NOT EXISTS audit_chain_lock ("
           " id INT NOT NULL PRIMARY KEY"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "INSERT IGNORE INTO audit_chain_lock (id) VALUES (1)",
       }},
  };
  return *migrations;
}

}  // namespace portal::audit
