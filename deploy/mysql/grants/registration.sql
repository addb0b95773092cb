-- The registration service: it creates registrations and answers status lookups. It never
-- updates a registration (review is the admin service's) and never deletes one.
GRANT SELECT ON portal.schema_migrations TO 'portal_registration'@'%';
GRANT SELECT, INSERT ON portal.registrations TO 'portal_registration'@'%';
GRANT SELECT, INSERT ON portal.name_claims TO 'portal_registration'@'%';
-- DELETE: expired idempotency keys are removed with the sealed receipt tokens they hold.
GRANT SELECT, INSERT, DELETE ON portal.idempotency_keys TO 'portal_registration'@'%';
-- UPDATE: the outbox relay marks events as delivered.
GRANT SELECT, INSERT, UPDATE (delivered_at_us) ON portal.registration_audit_outbox TO 'portal_registration'@'%';
