variable "name" {
  description = "Name prefix for the site's resources, for example portal-production."
  type        = string
}

variable "aliases" {
  description = "Host names the distribution serves, for example [\"register.example.gov\"]; the certificate must cover them."
  type        = list(string)
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate for the aliases. CloudFront only accepts certificates in us-east-1."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/", var.certificate_arn))
    error_message = "The certificate_arn must be an ACM certificate ARN in us-east-1."
  }
}

variable "api_origin" {
  description = "Origin of the public API that the page calls, for the Content-Security-Policy connect-src, for example https://api.register.example.gov."
  type        = string

  validation {
    condition     = can(regex("^https://[a-z0-9.-]+(:[0-9]+)?$", var.api_origin))
    error_message = "The api_origin must be an https:// origin with no path, for example https://api.register.example.gov."
  }
}

variable "cache_policy_id" {
  description = "CloudFront cache policy of the default behavior; the default is the AWS managed CachingOptimized policy."
  type        = string
  default     = "658327ea-f89d-4fab-a63d-7e88639e58f6"
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_All", "PriceClass_200", "PriceClass_100"], var.price_class)
    error_message = "The price_class must be PriceClass_All, PriceClass_200 or PriceClass_100."
  }
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client IP may send to the site in a 5-minute window before WAF blocks it."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 10
    error_message = "WAF accepts a rate limit of at least 10 requests."
  }
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
  description = "Days the CloudFront access logs stay in S3."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
