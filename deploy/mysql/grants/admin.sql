-- The admin service: case workers read registrations and decide on them. It changes only
-- the decision columns of a registration, never the submission, never creates or
-- deletes one, and cannot touch idempotency keys or the registration outbox.
GRANT SELECT ON portal.schema_migrations TO 'portal_admin'@'%';
GRANT SELECT, UPDATE (status, updated_at_us, decision_reason, company_number, version)
  ON portal.registrations TO 'portal_admin'@'%';
-- DELETE: a confirmed rejection frees the company name.
GRANT SELECT, DELETE ON portal.name_claims TO 'portal_admin'@'%';
GRANT SELECT, INSERT, UPDATE ON portal.admin_reviews TO 'portal_admin'@'%';
GRANT SELECT, INSERT ON portal.admin_notes TO 'portal_admin'@'%';
GRANT SELECT, UPDATE (last_number) ON portal.admin_company_numbers TO 'portal_admin'@'%';
-- UPDATE: the outbox relay marks events as delivered.
GRANT SELECT, INSERT, UPDATE (delivered_at_us) ON portal.admin_audit_outbox TO 'portal_admin'@'%';
