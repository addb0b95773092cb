variable "name" {
  description = "Name prefix of the bucket, for example portal-production."
  type        = string
}

variable "retention_years" {
  description = "Default COMPLIANCE-mode retention of each exported chain head, in years. It cannot be shortened for objects already written."
  type        = number
  default     = 7

  validation {
    condition     = var.retention_years >= 1 && var.retention_years <= 100
    error_message = "The retention_years must be from 1 to 100."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the archive."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
