-- The audit service: it appends to the audit chain and reads it. It has no UPDATE and no
-- DELETE on any table, so even a compromised audit service cannot rewrite the record.
GRANT SELECT ON portal.schema_migrations TO 'portal_audit'@'%';
GRANT SELECT, INSERT ON portal.audit_events TO 'portal_audit'@'%';
-- Every append locks the single row of this table (SELECT ... FOR UPDATE) to take the
-- next sequence number; MariaDB 10.11 allows that lock with SELECT alone.
GRANT SELECT, INSERT ON portal.audit_chain_lock TO 'portal_audit'@'%';
