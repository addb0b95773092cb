variable "name" {
  description = "Name prefix for the key alias, for example portal."
  type        = string
}

variable "bucket_name" {
  description = "Globally unique name of the state bucket."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "The bucket_name must be 3 to 63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit."
  }
}

variable "lock_table_name" {
  description = "Name of the DynamoDB table that holds the state locks."
  type        = string
  default     = "portal-terraform-locks"
}

variable "noncurrent_version_retention_days" {
  description = "Days an overwritten state version is kept, for recovery."
  type        = number
  default     = 365

  validation {
    condition     = var.noncurrent_version_retention_days >= 30
    error_message = "Keep old state versions at least 30 days."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
