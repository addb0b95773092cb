variable "identifier" {
  description = "RDS instance identifier and name prefix, for example portal-production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.identifier))
    error_message = "The identifier must start with a lowercase letter and contain only lowercase letters, digits and hyphens, at most 63 characters."
  }
}

variable "engine_version" {
  description = "MySQL engine version. A major.minor value such as 8.0 lets RDS apply minor upgrades."
  type        = string
  default     = "8.0"

  validation {
    condition     = startswith(var.engine_version, "8.0")
    error_message = "The parameter and option groups are for MySQL 8.0, so engine_version must start with 8.0."
  }
}

variable "instance_class" {
  description = "RDS instance class, for example db.m7g.large."
  type        = string
}

variable "database_name" {
  description = "Name of the database that the services share, each through its own user."
  type        = string
  default     = "portal"
}

variable "master_username" {
  description = "Master user name. Its password is generated and kept in Secrets Manager by RDS."
  type        = string
  default     = "portal_master"
}

variable "storage" {
  description = "Storage in GiB: what is allocated at creation and the ceiling for storage autoscaling."
  type = object({
    allocated_gib     = number
    max_allocated_gib = number
  })

  validation {
    condition     = var.storage.allocated_gib >= 20 && var.storage.max_allocated_gib >= var.storage.allocated_gib
    error_message = "The storage needs allocated_gib >= 20 and max_allocated_gib >= allocated_gib."
  }
}

variable "backup_retention_period" {
  description = "Days RDS keeps automated backups."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_period >= 7 && var.backup_retention_period <= 35
    error_message = "The backup_retention_period must be from 7 to 35 days."
  }
}

variable "db_subnet_group_name" {
  description = "RDS subnet group over the database subnets."
  type        = string
}

variable "security_group_id" {
  description = "Security group of the instance; it should allow 3306 from the service tasks only."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for storage, Performance Insights, the master user secret, log exports and the service user secrets."
  type        = string
}

variable "log_retention_in_days" {
  description = "Retention of the exported MySQL logs, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "The log_retention_in_days must be a retention period that CloudWatch Logs accepts, for example 365."
  }
}

variable "user_secret_names" {
  description = "MySQL users that get a Secrets Manager secret: one per service and one migration user per service."
  type        = list(string)
  default     = ["registration", "registration-migration", "admin", "admin-migration", "audit", "audit-migration"]
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
