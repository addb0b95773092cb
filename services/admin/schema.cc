#include "services/admin/schema.h"

namespace portal::admin {

// The review state lives beside the registration service's tables but refers to them
// only by id, without foreign keys, because the two services may migrate in either
// order. Timestamps are BIGINT microseconds since the Unix epoch, UTC. MySQL tables are
// utf8mb4 with the binary collation, which MySQL 8.0 and MariaDB 10.11 both have.
const std::vector<db::Migration>& Migrations() {
  static const auto* migrations = new std::vector<db::Migration>{
      {1,
       "review state, notes, the company number counter and the audit outbox",
       {
           "CREATE TABLE admin_reviews ("
           " registration_id INTEGER PRIMARY KEY,"
           " assignee TEXT,"
           " claimed_at_us INTEGER,"
           " proposed_decision TEXT,"
           " proposal_reason TEXT,"
           " proposed_by TEXT,"
           " proposed_at_us INTEGER,"
           " decided_by TEXT,"
           " decided_at_us INTEGER)",
           "CREATE TABLE admin_notes ("
           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " registration_id INTEGER NOT NULL,"
           " author TEXT NOT NULL,"
           " text TEXT NOT NULL,"
           " created_at_us INTEGER NOT NULL)",
           "CREATE INDEX admin_notes_registration ON admin_notes (registration_id, id)",
           "CREATE TABLE admin_company_numbers ("
           " id INTEGER PRIMARY KEY CHECK (id = 1),"
           " last_number INTEGER NOT NULL)",
           "INSERT INTO admin_company_numbers (id, last_number) VALUES (1, 0)",
           "CREATE TABLE admin_audit_outbox ("
           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " event_id TEXT NOT NULL UNIQUE,"
           " occurred_at_us INTEGER NOT NULL,"
           " actor TEXT NOT NULL,"
           " action TEXT NOT NULL,"
           " registration_reference TEXT,"
           " details TEXT NOT NULL,"
           " delivered_at_us INTEGER)",
           "CREATE INDEX admin_audit_outbox_pending ON admin_audit_outbox (delivered_at_us, id)",
       },
       {
           "CREATE TABLE IF NOT EXISTS admin_reviews ("
           " registration_id BIGINT NOT NULL PRIMARY KEY,"
           " assignee VARCHAR(200) NULL,"
           " claimed_at_us BIGINT NULL,"
           " proposed_decision VARCHAR(16) NULL,"
           " proposal_reason VARCHAR(1000) NULL,"
           " proposed_by VARCHAR(200) NULL,"
           " proposed_at_us BIGINT NULL,"
           " decided_by VARCHAR(200) NULL,"
           " decided_at_us BIGINT NULL"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "CREATE TABLE IF NOT EXISTS admin_notes ("
           " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
           " registration_id BIGINT NOT NULL,"
           " author VARCHAR(200) NOT NULL,"
           " text TEXT NOT NULL,"
           " created_at_us BIGINT NOT NULL,"
           " KEY admin_notes_registration (registration_id, id)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "CREATE TABLE IF NOT EXISTS admin_company_numbers ("
           " id INT NOT NULL PRIMARY KEY,"
           " last_number BIGINT NOT NULL,"
           " CONSTRAINT admin_company_numbers_single_row CHECK (id = 1)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           // IGNORE keeps this safe to re-run after a crash half-way through the migration.
           "INSERT IGNORE INTO admin_company_numbers (id, last_number) VALUES (1, 0)",
           "CREATE TABLE IF NOT EXISTS admin_audit_outbox ("
           " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
           " event_id CHAR(36) NOT NULL,"
           " occurred_at_us BIGINT NOT NULL,"
           " actor VARCHAR(200) NOT NULL,"
           " action VARCHAR(64) NOT NULL,"
           " registration_reference CHAR(14) NULL,"
           " details TEXT NOT NULL,"
           " delivered_at_us BIGINT NULL,"
           " UNIQUE KEY admin_audit_outbox_event (event_id),"
           " KEY admin_audit_outbox_pending (delivered_at_us, id)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
       }},
  };
  return *migrations;
}

}  // namespace portal::admin
