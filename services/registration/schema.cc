#include "services/registration/schema.h"

namespace portal::registration {

// Timestamps are BIGINT microseconds since the Unix epoch, UTC, in every dialect. Hashes
// are lowercase hex. MySQL tables are utf8mb4 with the binary collation, which MySQL 8.0
// and MariaDB 10.11 both have, so every character round-trips and compares exactly.
const std::vector<db::Migration>& Migrations() {
  static const auto* migrations = new std::vector<db::Migration>{
      {1,
       "registrations, name claims, idempotency keys and the audit outbox",
       {
           "CREATE TABLE registrations ("
           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " reference TEXT NOT NULL UNIQUE,"
           " status TEXT NOT NULL,"
           " company_type TEXT NOT NULL,"
           " proposed_name TEXT NOT NULL,"
           " normalized_name TEXT NOT NULL,"
           " submission TEXT NOT NULL,"
           " receipt_token_hash TEXT NOT NULL,"
           " submitted_at_us INTEGER NOT NULL,"
           " updated_at_us INTEGER NOT NULL,"
           " decision_reason TEXT,"
           " company_number TEXT UNIQUE,"
           " version INTEGER NOT NULL DEFAULT 1)",
           "CREATE INDEX registrations_submitted ON registrations (submitted_at_us, id)",
           "CREATE TABLE name_claims ("
           " name_key TEXT PRIMARY KEY,"
           " registration_id INTEGER NOT NULL REFERENCES registrations (id),"
           " claimed_at_us INTEGER NOT NULL)",
           "CREATE TABLE idempotency_keys ("
           " key_hash TEXT PRIMARY KEY,"
           " request_hash TEXT NOT NULL,"
           " registration_id INTEGER NOT NULL REFERENCES registrations (id),"
           " sealed_receipt_token TEXT NOT NULL,"
           " created_at_us INTEGER NOT NULL,"
           " expires_at_us INTEGER NOT NULL)",
           "CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at_us)",
           "CREATE TABLE registration_audit_outbox ("
           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " event_id TEXT NOT NULL UNIQUE,"
           " occurred_at_us INTEGER NOT NULL,"
           " actor TEXT NOT NULL,"
           " action TEXT NOT NULL,"
           " registration_reference TEXT,"
           " details TEXT NOT NULL,"
           " delivered_at_us INTEGER)",
           "CREATE INDEX registration_audit_outbox_pending"
           " ON registration_audit_outbox (delivered_at_us, id)",
       },
       {
           "CREATE TABLE IF NOT EXISTS registrations ("
           " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
           " reference CHAR(14) NOT NULL,"
           " status VARCHAR(16) NOT NULL,"
           " company_type VARCHAR(40) NOT NULL,"
           " proposed_name VARCHAR(160) NOT NULL,"
           " normalized_name VARCHAR(640) NOT NULL,"
           " submission MEDIUMTEXT NOT NULL,"
           " receipt_token_hash CHAR(64) NOT NULL,"
           " submitted_at_us BIGINT NOT NULL,"
           " updated_at_us BIGINT NOT NULL,"
           " decision_reason VARCHAR(1000) NULL,"
           " company_number CHAR(8) NULL,"
           " version INT NOT NULL DEFAULT 1,"
           " UNIQUE KEY registrations_reference (reference),"
           " UNIQUE KEY registrations_company_number (company_number),"
           " KEY registrations_submitted (submitted_at_us, id)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "CREATE TABLE IF NOT EXISTS name_claims ("
           " name_key CHAR(64) NOT NULL PRIMARY KEY,"
           " registration_id BIGINT NOT NULL,"
           " claimed_at_us BIGINT NOT NULL,"
           " CONSTRAINT name_claims_registration FOREIGN KEY (registration_id)"
           " REFERENCES registrations (id)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "CREATE TABLE IF NOT EXISTS idempotency_keys ("
           " key_hash CHAR(64) NOT NULL PRIMARY KEY,"
           " request_hash CHAR(64) NOT NULL,"
           " registration_id BIGINT NOT NULL,"
           " sealed_receipt_token VARCHAR(200) NOT NULL,"
           " created_at_us BIGINT NOT NULL,"
           " expires_at_us BIGINT NOT NULL,"
           " KEY idempotency_keys_expiry (expires_at_us),"
           " CONSTRAINT idempotency_keys_registration FOREIGN KEY (registration_id)"
           " REFERENCES registrations (id)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
           "CREATE TABLE IF NOT EXISTS registration_audit_outbox ("
           " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
           " event_id CHAR(36) NOT NULL,"
           " occurred_at_us BIGINT NOT NULL,"
           " actor VARCHAR(200) NOT NULL,"
           " action VARCHAR(64) NOT NULL,"
           " registration_reference CHAR(14) NULL,"
           " details TEXT NOT NULL,"
           " delivered_at_us BIGINT NULL,"
           " UNIQUE KEY registration_audit_outbox_event (event_id),"
           " KEY registration_audit_outbox_pending (delivered_at_us, id)"
           ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
       }},
  };
  return *migrations;
}

}  // namespace portal::registration
