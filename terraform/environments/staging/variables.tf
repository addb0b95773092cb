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

variable "auth" {
  description = "Token verification of the admin and audit services: the identity provider's JWKS document (JSON with its public signing keys), the issuer and the audience."
  type = object({
    jwks     = string
    issuer   = string
    audience = string
  })
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
