-- The schema owner: used only by the services' start-up migrations, never at run time.
GRANT CREATE, ALTER, INDEX, REFERENCES, SELECT, INSERT ON portal.* TO 'portal_migrator'@'%';
