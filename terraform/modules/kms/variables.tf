variable "alias" {
  description = "Key alias without the alias/ prefix, for example portal-production."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_-]+$", var.alias)) && !startswith(var.alias, "aws/")
    error_message = "The alias must contain only letters, digits, '/', '_' and '-', and must not start with aws/."
  }
}

variable "description" {
  description = "Key description shown in the KMS console."
  type        = string
  default     = "Portal data at rest: logs, secrets, ECR, EBS, RDS and S3"
}

variable "rotation_period_in_days" {
  description = "Days between automatic rotations of the key material."
  type        = number
  default     = 365

  validation {
    condition     = var.rotation_period_in_days >= 90 && var.rotation_period_in_days <= 2560
    error_message = "KMS accepts a rotation period from 90 to 2560 days."
  }
}

variable "deletion_window_in_days" {
  description = "Waiting period in days before a key scheduled for deletion is deleted."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "KMS accepts a deletion window from 7 to 30 days."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
