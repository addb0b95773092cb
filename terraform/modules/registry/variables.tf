variable "name_prefix" {
  description = "Prefix of the repository names, for example portal-production; a repository is named PREFIX/IMAGE."
  type        = string
}

variable "repository_names" {
  description = "Images that get a repository."
  type        = list(string)
  default     = ["gateway", "registration", "admin", "audit", "admin-cli"]

  validation {
    condition     = alltrue([for name in var.repository_names : can(regex("^[a-z0-9]+([._-][a-z0-9]+)*$", name))])
    error_message = "Repository names must be lowercase letters and digits, separated by '.', '_' or '-'."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the images."
  type        = string
}

variable "untagged_image_expiry_days" {
  description = "Days after which untagged images are deleted."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_image_expiry_days >= 1
    error_message = "The untagged_image_expiry_days must be at least 1."
  }
}

variable "tagged_images_to_keep" {
  description = "Newest images kept per repository; older ones are deleted, so keep enough to roll back."
  type        = number
  default     = 50

  validation {
    condition     = var.tagged_images_to_keep >= 10
    error_message = "Keep at least 10 images, so a rollback target is still there."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
