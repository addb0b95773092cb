variable "name" {
  description = "Name prefix for the security groups, for example portal-production."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the security groups belong to."
  type        = string
}

variable "private_subnet_cidr_blocks" {
  description = "CIDR blocks of the private subnets; only these may reach the interface endpoints."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_cidr_blocks) > 0 && alltrue([for cidr in var.private_subnet_cidr_blocks : can(cidrhost(cidr, 0)) && cidr != "0.0.0.0/0"])
    error_message = "Give at least one private subnet CIDR block, and no 0.0.0.0/0."
  }
}

variable "s3_prefix_list_id" {
  description = "ID of the S3 gateway endpoint's prefix list, the only S3 destination allowed."
  type        = string

  validation {
    condition     = startswith(var.s3_prefix_list_id, "pl-")
    error_message = "The s3_prefix_list_id must be a prefix list ID, which starts with pl-."
  }
}

variable "service_ports" {
  description = "Container ports of the services: the gateway's HTTP port and the gRPC ports."
  type = object({
    gateway      = optional(number, 8080)
    registration = optional(number, 50051)
    admin        = optional(number, 50052)
    audit        = optional(number, 50053)
  })
  default = {}

  validation {
    condition     = alltrue([for port in values(var.service_ports) : port >= 1024 && port <= 65535])
    error_message = "Service ports must be unprivileged ports from 1024 to 65535."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
