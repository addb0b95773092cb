# These modules and the secret were declared in this root before the stack
# moved into modules/portal. The moved blocks map their old state addresses
# to the new ones, so Terraform moves them in state instead of planning to
# destroy and recreate the database, the secrets and the audit archive.
# Once every state of this environment has been applied with it, delete
# this file and remove the environment from ENVIRONMENTS_BEFORE_COMPOSITION
# in tests/terraform/lib/environments.mjs.
#
# NOTE: these blocks were written without running Terraform, so check that
# the first terraform plan after this change lists only moves.
moved {
  from = module.kms
  to   = module.portal.module.kms
}

moved {
  from = module.network
  to   = module.portal.module.network
}

moved {
  from = module.security
  to   = module.portal.module.security
}

moved {
  from = module.endpoints
  to   = module.portal.module.endpoints
}

moved {
  from = module.registry
  to   = module.portal.module.registry
}

moved {
  from = module.audit_archive
  to   = module.portal.module.audit_archive
}

moved {
  from = module.database
  to   = module.portal.module.database
}

moved {
  from = module.edge
  to   = module.portal.module.edge
}

moved {
  from = module.frontend
  to   = module.portal.module.frontend
}

moved {
  from = aws_secretsmanager_secret.registration_token_key
  to   = module.portal.aws_secretsmanager_secret.registration_token_key
}

moved {
  from = module.ecs
  to   = module.portal.module.ecs
}

moved {
  from = module.operations
  to   = module.portal.module.operations
}
