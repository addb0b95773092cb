variable "environment" {
  description = "Environment name. Resource names start with portal-<environment>."
  type        = string

  validation {
    condition     = contains(["production", "staging"], var.environment)
    error_message = "The environment must be production or staging."
  }
}

variable "tags" {
  description = "Tags added to every resource. Pass the same map as the aws provider's default_tags."
  type        = map(string)
}

variable "availability_zones" {
  description = "The two availability zones of the VPC."
  type        = list(string)
}

variable "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
}

variable "subnet_cidr_blocks" {
  description = "Subnet CIDR blocks per tier, one per availability zone."
  type = object({
    public   = list(string)
    private  = list(string)
    database = list(string)
  })
}

variable "api_domain_name" {
  description = "Host name of the public API, served by the load balancer, for example api.register.example.gov."
  type        = string
}

variable "api_certificate_arn" {
  description = "ACM certificate for api_domain_name, in the environment's region."
  type        = string
}

variable "site_domain_name" {
  description = "Host name of the static site, served by CloudFront, for example register.example.gov."
  type        = string
}

variable "site_certificate_arn" {
  description = "ACM certificate for site_domain_name, in us-east-1."
  type        = string
}

variable "image_tags" {
  description = "Image tag to deploy per repository; tags are immutable, so a tag names one image."
  type = object({
    gateway      = string
    registration = string
    admin        = string
    audit        = string
  })
}

variable "log_level" {
  description = "PORTAL_LOG_LEVEL of every service."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["debug", "info", "warning", "error"], var.log_level)
    error_message = "The log_level must be debug, info, warning or error."
  }
}

variable "auth" {
  description = "Token verification of the admin and audit services: the identity provider's JWKS document (JSON with its public signing keys), the issuer and the audience."
  type = object({
    jwks     = string
    issuer   = string
    audience = string
  })

  validation {
    condition     = can(length(jsondecode(var.auth.jwks).keys) > 0)
    error_message = "auth.jwks must be a JWKS document: a JSON object with a non-empty \"keys\" array."
  }
}

variable "instances" {
  description = "ECS container instance settings; see the ecs module."
  type = object({
    instance_type           = string
    cpu_architecture        = optional(string, "X86_64")
    min_size                = number
    max_size                = number
    root_volume_size_gib    = optional(number, 30)
    target_capacity_percent = optional(number, 100)
  })
}

variable "task_sizes" {
  description = "CPU units, memory in MiB and task count per service."
  type = map(object({
    cpu           = number
    memory        = number
    desired_count = number
  }))

  validation {
    condition     = alltrue([for service in ["gateway", "registration", "admin", "audit"] : contains(keys(var.task_sizes), service)])
    error_message = "The task_sizes need entries for gateway, registration, admin and audit."
  }
}

variable "database" {
  description = "RDS instance class, storage and backup retention."
  type = object({
    instance_class          = string
    storage                 = object({ allocated_gib = number, max_allocated_gib = number })
    backup_retention_period = optional(number, 14)
  })
}

variable "audit_archive_retention_years" {
  description = "COMPLIANCE-mode retention of exported audit chain heads, in years."
  type        = number
  default     = 7
}

variable "github" {
  description = "GitHub repository (OWNER/NAME) whose main branch deploys, and whether this stack creates the account's GitHub OIDC provider."
  type = object({
    repository           = string
    create_oidc_provider = optional(bool, true)
  })
}

variable "alarm_email_addresses" {
  description = "Email addresses that receive alarm notifications."
  type        = list(string)
  default     = []
}
