variable "region" {
  description = "AWS region of the state bucket and lock table."
  type        = string
}

variable "state_bucket_name" {
  description = "Globally unique name of the state bucket."
  type        = string
}

variable "lock_table_name" {
  description = "Name of the DynamoDB lock table."
  type        = string
  default     = "portal-terraform-locks"
}
