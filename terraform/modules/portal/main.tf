locals {
  name = "portal-${var.environment}"

  namespace = "portal.internal"
  ports = {
    gateway      = 8080
    registration = 50051
    admin        = 50052
    audit        = 50053
  }

  image_uri = { for service, tag in var.image_tags : service => "${module.registry.repository_urls[service]}:${tag}" }

  db_user_secrets = module.database.user_secret_arns
  db_host         = module.database.db_instance_address

  # Each service's own MySQL user (named as in deploy/mysql/grants), with TLS
  # required. The URL names no ca= file: the services read the RDS certificate
  # bundle from PORTAL_DB_TLS_CA_PEM, so the images stay the same everywhere.
  db_url = { for service in ["registration", "admin", "audit"] : service => "mysql://portal_${service}@${local.db_host}:3306/portal?tls=required" }

  # Secrets for a service that uses MySQL: its own password, and the
  # DDL-capable migration user's URL and password.
  db_secrets = {
    for service in ["registration", "admin", "audit"] : service => {
      PORTAL_DB_PASSWORD           = { secret_arn = local.db_user_secrets[service], json_key = "password" }
      PORTAL_DB_MIGRATION_URL      = { secret_arn = local.db_user_secrets["${service}-migration"], json_key = "url" }
      PORTAL_DB_MIGRATION_PASSWORD = { secret_arn = local.db_user_secrets["${service}-migration"], json_key = "password" }
      PORTAL_DB_TLS_CA_PEM         = { secret_arn = aws_secretsmanager_secret.rds_ca_bundle.arn }
    }
  }

  # The outbox relays of the services that produce audit events present this token
  # to the audit service's Append.
  audit_producer_secrets = {
    PORTAL_AUDIT_TOKEN = { secret_arn = aws_secretsmanager_secret.audit_producer_token.arn }
  }

  # The identity provider's public keys travel in the task definition: they are
  # public, and a file would have to be baked into every image.
  auth_environment = {
    PORTAL_AUTH_JWKS     = var.auth.jwks
    PORTAL_AUTH_ISSUER   = var.auth.issuer
    PORTAL_AUTH_AUDIENCE = var.auth.audience
  }

  grpc_health_check = {
    for service in ["registration", "admin", "audit"] : service =>
    ["CMD", "/usr/local/bin/portal-health-probe", "--target", "127.0.0.1:${local.ports[service]}"]
  }
}

module "kms" {
  source = "../kms"

  alias = local.name
  tags  = var.tags
}

module "network" {
  source = "../network"

  name               = local.name
  cidr_block         = var.vpc_cidr_block
  availability_zones = var.availability_zones
  subnet_cidr_blocks = var.subnet_cidr_blocks
  flow_log           = { kms_key_arn = module.kms.key_arn }
  tags               = var.tags
}

module "security" {
  source = "../security"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  private_subnet_cidr_blocks = module.network.private_subnet_cidr_blocks
  s3_prefix_list_id          = module.endpoints.s3_prefix_list_id
  service_ports              = local.ports
  tags                       = var.tags
}

module "endpoints" {
  source = "../endpoints"

  name               = local.name
  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.security.endpoints_security_group_id]
  route_table_ids    = module.network.private_route_table_ids
  s3_bucket_access   = [module.audit_archive.bucket_arn]
  tags               = var.tags
}

module "registry" {
  source = "../registry"

  name_prefix = local.name
  kms_key_arn = module.kms.key_arn
  tags        = var.tags
}

module "audit_archive" {
  source = "../audit-archive"

  name            = local.name
  retention_years = var.audit_archive_retention_years
  kms_key_arn     = module.kms.key_arn
  tags            = var.tags
}

module "database" {
  source = "../database"

  identifier              = local.name
  instance_class          = var.database.instance_class
  storage                 = var.database.storage
  backup_retention_period = var.database.backup_retention_period
  db_subnet_group_name    = module.network.database_subnet_group_name
  security_group_id       = module.security.database_security_group_id
  kms_key_arn             = module.kms.key_arn
  tags                    = var.tags
}

module "edge" {
  source = "../edge"

  name              = local.name
  vpc_id            = module.network.vpc_id
  subnet_ids        = module.network.public_subnet_ids
  security_group_id = module.security.alb_security_group_id
  certificate_arn   = var.api_certificate_arn
  gateway_port      = local.ports.gateway
  kms_key_arn       = module.kms.key_arn
  tags              = var.tags
}

module "frontend" {
  source = "../frontend"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name            = local.name
  aliases         = [var.site_domain_name]
  certificate_arn = var.site_certificate_arn
  api_origin      = "https://${var.api_domain_name}"
  tags            = var.tags
}

resource "aws_secretsmanager_secret" "registration_token_key" {
  name        = "${local.name}/registration/token-key"
  description = "32 random bytes in base64 (openssl rand -base64 32): the registration service seals receipt tokens kept for idempotent replays and keys the hash of client addresses with it. Set its value after the first apply."
  kms_key_id  = module.kms.key_arn

  recovery_window_in_days = 30

  tags = var.tags
}

resource "aws_secretsmanager_secret" "rds_ca_bundle" {
  name        = "${local.name}/database/ca-bundle"
  description = "The RDS certificate authority bundle (PEM) for the region, which the services check the database's TLS certificate against. Set its value after the first apply."
  kms_key_id  = module.kms.key_arn

  recovery_window_in_days = 30

  tags = var.tags
}

resource "aws_secretsmanager_secret" "audit_producer_token" {
  name        = "${local.name}/audit/producer-token"
  description = "Bearer token with the audit-producer role, issued by the identity provider to the registration and admin services' outbox relays. Rotate it before it expires; tasks read it at start."
  kms_key_id  = module.kms.key_arn

  recovery_window_in_days = 30

  tags = var.tags
}

module "ecs" {
  source = "../ecs"

  name                        = local.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = module.network.private_subnet_ids
  instance_security_group_id  = module.security.ecs_instance_security_group_id
  kms_key_arn                 = module.kms.key_arn
  service_discovery_namespace = local.namespace
  instances                   = var.instances
  tags                        = var.tags

  services = {
    gateway = {
      image             = local.image_uri["gateway"]
      repository_arn    = module.registry.repository_arns["gateway"]
      container_port    = local.ports.gateway
      cpu               = var.task_sizes.gateway.cpu
      memory            = var.task_sizes.gateway.memory
      desired_count     = var.task_sizes.gateway.desired_count
      security_group_id = module.security.gateway_security_group_id
      target_group_arn  = module.edge.target_group_arn
      environment = {
        PORTAL_LOG_LEVEL                   = var.log_level
        PORTAL_GATEWAY_LISTEN              = "0.0.0.0:${local.ports.gateway}"
        PORTAL_GATEWAY_REGISTRATION_TARGET = "registration.${local.namespace}:${local.ports.registration}"
        PORTAL_GATEWAY_TRUSTED_PROXIES     = join(",", module.network.public_subnet_cidr_blocks)
        PORTAL_GATEWAY_CORS_ORIGINS        = module.frontend.site_origin
      }
      health_check_command = ["CMD", "/usr/local/bin/portal-health-probe", "--http-url", "http://127.0.0.1:${local.ports.gateway}/healthz"]
    }

    registration = {
      image             = local.image_uri["registration"]
      repository_arn    = module.registry.repository_arns["registration"]
      container_port    = local.ports.registration
      cpu               = var.task_sizes.registration.cpu
      memory            = var.task_sizes.registration.memory
      desired_count     = var.task_sizes.registration.desired_count
      security_group_id = module.security.registration_security_group_id
      environment = {
        PORTAL_LOG_LEVEL           = var.log_level
        PORTAL_REGISTRATION_LISTEN = "0.0.0.0:${local.ports.registration}"
        PORTAL_DB_URL              = local.db_url["registration"]
        PORTAL_AUDIT_TARGET        = "audit.${local.namespace}:${local.ports.audit}"
      }
      secrets = merge(local.db_secrets["registration"], local.audit_producer_secrets, {
        PORTAL_REGISTRATION_TOKEN_KEY = { secret_arn = aws_secretsmanager_secret.registration_token_key.arn }
      })
      health_check_command = local.grpc_health_check["registration"]
    }

    admin = {
      image             = local.image_uri["admin"]
      repository_arn    = module.registry.repository_arns["admin"]
      container_port    = local.ports.admin
      cpu               = var.task_sizes.admin.cpu
      memory            = var.task_sizes.admin.memory
      desired_count     = var.task_sizes.admin.desired_count
      security_group_id = module.security.admin_security_group_id
      environment = merge(local.auth_environment, {
        PORTAL_LOG_LEVEL    = var.log_level
        PORTAL_ADMIN_LISTEN = "0.0.0.0:${local.ports.admin}"
        PORTAL_DB_URL       = local.db_url["admin"]
        PORTAL_AUDIT_TARGET = "audit.${local.namespace}:${local.ports.audit}"
      })
      secrets              = merge(local.db_secrets["admin"], local.audit_producer_secrets)
      health_check_command = local.grpc_health_check["admin"]
    }

    audit = {
      image             = local.image_uri["audit"]
      repository_arn    = module.registry.repository_arns["audit"]
      container_port    = local.ports.audit
      cpu               = var.task_sizes.audit.cpu
      memory            = var.task_sizes.audit.memory
      desired_count     = var.task_sizes.audit.desired_count
      security_group_id = module.security.audit_security_group_id
      environment = merge(local.auth_environment, {
        PORTAL_LOG_LEVEL    = var.log_level
        PORTAL_AUDIT_LISTEN = "0.0.0.0:${local.ports.audit}"
        PORTAL_DB_URL       = local.db_url["audit"]
      })
      secrets              = local.db_secrets["audit"]
      health_check_command = local.grpc_health_check["audit"]
      task_role_statements = [{
        sid       = "ExportChainHeads"
        actions   = ["s3:PutObject"]
        resources = ["${module.audit_archive.bucket_arn}/*"]
      }]
    }
  }
}

module "operations" {
  source = "../operations"

  name                  = local.name
  instance_role_arn     = module.ecs.instance_role_arn
  alarm_email_addresses = var.alarm_email_addresses
  github                = var.github
  tags                  = var.tags

  deploy = {
    repository_arns    = values(module.registry.repository_arns)
    service_arns       = values(module.ecs.service_arns)
    passable_role_arns = concat(values(module.ecs.task_role_arns), values(module.ecs.execution_role_arns))
  }

  alarms = {
    lb_arn_suffix           = module.edge.lb_arn_suffix
    target_group_arn_suffix = module.edge.target_group_arn_suffix
    db_instance_identifier  = module.database.db_instance_identifier
  }
}
