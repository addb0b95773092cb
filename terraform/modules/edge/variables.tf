variable "name" {
  description = "Name prefix for the load balancer's resources, for example portal-production."
  type        = string
}

variable "name_prefix" {
  description = "Short prefix of at most 6 characters for the load balancer and target group names, which AWS limits to 32 characters."
  type        = string
  default     = "portal"

  validation {
    condition     = length(var.name_prefix) <= 6 && can(regex("^[a-zA-Z0-9-]+$", var.name_prefix))
    error_message = "The name_prefix must be at most 6 letters, digits or hyphens."
  }
}

variable "vpc_id" {
  description = "ID of the VPC, for the target group."
  type        = string
}

variable "subnet_ids" {
  description = "Public subnet IDs for the load balancer."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "An application load balancer needs subnets in at least two availability zones."
  }
}

variable "security_group_id" {
  description = "Security group of the load balancer."
  type        = string
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate for the HTTPS listener, in the load balancer's region."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/", var.certificate_arn))
    error_message = "The certificate_arn must be an ACM certificate ARN."
  }
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener; only policies with TLS 1.2 as the minimum are accepted."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition = contains([
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    ], var.ssl_policy)
    error_message = "The ssl_policy must be a TLS 1.3 policy with TLS 1.2 or 1.3 as the minimum, for example ELBSecurityPolicy-TLS13-1-2-2021-06."
  }
}

variable "gateway_port" {
  description = "Port the gateway containers listen on."
  type        = number
  default     = 8080
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in a 5-minute window before WAF blocks it."
  type        = number
  default     = 1000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 10 && var.rate_limit_per_5_minutes <= 2000000000
    error_message = "WAF accepts a rate limit from 10 to 2,000,000,000 requests."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the WAF log group."
  type        = string
}

variable "log_retention_in_days" {
  description = "Retention of the WAF log group, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "The log_retention_in_days must be a retention period that CloudWatch Logs accepts, for example 365."
  }
}

variable "access_log_retention_in_days" {
  description = "Days the load balancer's access logs stay in S3."
  type        = number
  default     = 365

  validation {
    condition     = var.access_log_retention_in_days >= 1
    error_message = "The access_log_retention_in_days must be at least 1."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
