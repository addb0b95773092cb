variable "name" {
  description = "Name prefix for the endpoints, for example portal-production."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the endpoints belong to."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet IDs that get an interface endpoint network interface each."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Give at least two subnets, in different availability zones, for redundant endpoints."
  }
}

variable "security_group_ids" {
  description = "Security groups of the interface endpoints; they should allow 443 from the private subnets only."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "Give at least one security group, so the endpoints do not fall back to the VPC's default group."
  }
}

variable "route_table_ids" {
  description = "Route tables that get a route to the S3 gateway endpoint: the private tier's."
  type        = list(string)
}

variable "interface_services" {
  description = "AWS services that get an interface endpoint with private DNS, as the last part of the service name (com.amazonaws.REGION.NAME)."
  type        = list(string)
  default = [
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
    "ecr.api",
    "ecr.dkr",
    "logs",
    "monitoring",
    "ssm",
    "ssmmessages",
    "ec2messages",
    "secretsmanager",
    "kms",
    "sts",
  ]

  validation {
    condition = alltrue([
      for required in ["ecs", "ecs-agent", "ecs-telemetry", "ecr.api", "ecr.dkr", "logs", "ssm", "ssmmessages", "ec2messages", "secretsmanager", "kms", "sts"] :
      contains(var.interface_services, required)
    ])
    error_message = "The interface_services must include ecs, ecs-agent, ecs-telemetry, ecr.api, ecr.dkr, logs, ssm, ssmmessages, ec2messages, secretsmanager, kms and sts: without a NAT gateway, the cluster cannot run without them."
  }
}

variable "s3_bucket_access" {
  description = "ARNs of the project's own S3 buckets that the private subnets may read and write through the S3 endpoint, such as the audit archive."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.s3_bucket_access : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]+$", arn))])
    error_message = "Each s3_bucket_access entry must be a bucket ARN such as arn:aws:s3:::portal-audit-archive, without a key part."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
