# The staging environment. The values that define it, such as its CIDRs,
# sizes and retention, are set here. Values that differ per account or are
# known only at deploy time come from terraform.tfvars (see variables.tf).
# The stack itself is modules/portal, which every environment shares.
locals {
  environment = "staging"
  region      = "eu-west-2"
  tags = {
    Project     = "company-portal"
    Environment = local.environment
    ManagedBy   = "terraform"
  }
}

module "portal" {
  source = "../../modules/portal"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = local.environment
  tags        = local.tags

  availability_zones = ["eu-west-2a", "eu-west-2b"]
  vpc_cidr_block     = "10.30.0.0/16"
  subnet_cidr_blocks = {
    public   = ["10.30.0.0/24", "10.30.1.0/24"]
    private  = ["10.30.10.0/24", "10.30.11.0/24"]
    database = ["10.30.20.0/24", "10.30.21.0/24"]
  }

  instances = {
    instance_type = "m7i.large"
    min_size      = 2
    max_size      = 3
  }

  task_sizes = {
    gateway      = { cpu = 512, memory = 1024, desired_count = 1 }
    registration = { cpu = 512, memory = 1024, desired_count = 1 }
    admin        = { cpu = 256, memory = 512, desired_count = 1 }
    audit        = { cpu = 256, memory = 512, desired_count = 1 }
  }

  database = {
    instance_class          = "db.t4g.medium"
    storage                 = { allocated_gib = 20, max_allocated_gib = 100 }
    backup_retention_period = 14
  }

  audit_archive_retention_years = 7
  log_level                     = "info"

  api_domain_name       = var.api_domain_name
  api_certificate_arn   = var.api_certificate_arn
  site_domain_name      = var.site_domain_name
  site_certificate_arn  = var.site_certificate_arn
  image_tags            = var.image_tags
  auth                  = var.auth
  github                = var.github
  alarm_email_addresses = var.alarm_email_addresses
}
