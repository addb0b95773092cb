variable "name" {
  description = "Name of the ECS cluster and prefix for its resources, for example portal-production."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC, for the service discovery namespace."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet IDs for the instances and the task network interfaces."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Give at least two private subnets, in different availability zones."
  }
}

variable "instance_security_group_id" {
  description = "Security group of the container instances; it should allow no inbound traffic."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the EBS volumes, log groups and the secrets the tasks read."
  type        = string
}

variable "log_retention_in_days" {
  description = "Retention of the service log groups, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "The log_retention_in_days must be a retention period that CloudWatch Logs accepts, for example 365."
  }
}

variable "service_discovery_namespace" {
  description = "Private DNS namespace for the services, for example portal.internal."
  type        = string
  default     = "portal.internal"
}

variable "metric_namespace" {
  description = "CloudWatch namespace the tasks may publish metrics to, such as the audit outbox backlog."
  type        = string
  default     = "Portal/Audit"
}

variable "outbox_services" {
  description = "Services whose logs report an audit outbox backlog, turned into the OutboxBacklog metric in metric_namespace."
  type        = list(string)
  default     = ["registration", "admin"]

  validation {
    condition     = alltrue([for name in var.outbox_services : contains(["gateway", "registration", "admin", "audit"], name)])
    error_message = "outbox_services may name only gateway, registration, admin or audit."
  }
}

variable "instances" {
  description = "Container instance settings: type and CPU architecture, Auto Scaling group size, root volume size, and the capacity provider's target utilization."
  type = object({
    instance_type           = string
    cpu_architecture        = optional(string, "X86_64")
    min_size                = number
    max_size                = number
    root_volume_size_gib    = optional(number, 30)
    target_capacity_percent = optional(number, 100)
  })

  validation {
    condition     = var.instances.min_size >= 0 && var.instances.max_size >= var.instances.min_size && var.instances.max_size > 0
    error_message = "The instances need 0 <= min_size <= max_size and max_size > 0."
  }

  validation {
    condition     = contains(["X86_64", "ARM64"], var.instances.cpu_architecture)
    error_message = "The instances.cpu_architecture must be X86_64 or ARM64, matching the instance type and the images."
  }

  validation {
    condition     = var.instances.root_volume_size_gib >= 30
    error_message = "The ECS-optimized Amazon Linux 2023 AMI needs a root volume of at least 30 GiB."
  }

  validation {
    condition     = var.instances.target_capacity_percent >= 1 && var.instances.target_capacity_percent <= 100
    error_message = "The instances.target_capacity_percent must be from 1 to 100."
  }
}

variable "services" {
  description = <<-EOT
    Services to run, keyed by name (gateway, registration, admin, audit). Each gets its own
    task definition, ECS service, log group, execution role and task role. Settings go in
    environment; anything secret goes in secrets as a Secrets Manager ARN, optionally with
    a JSON key. health_check_command is the container health check in exec form.
  EOT
  type = map(object({
    image             = string
    repository_arn    = string
    container_port    = number
    cpu               = number
    memory            = number
    desired_count     = number
    security_group_id = string
    environment       = optional(map(string), {})
    secrets = optional(map(object({
      secret_arn = string
      json_key   = optional(string)
    })), {})
    health_check_command = list(string)
    target_group_arn     = optional(string)
    task_role_statements = optional(list(object({
      sid       = string
      actions   = list(string)
      resources = list(string)
    })), [])
  }))

  validation {
    condition     = alltrue([for service in values(var.services) : service.cpu >= 128 && service.memory >= 128])
    error_message = "Each service needs cpu and memory limits of at least 128 (CPU units and MiB)."
  }

  validation {
    condition     = alltrue([for service in values(var.services) : length(service.health_check_command) > 1 && service.health_check_command[0] == "CMD"])
    error_message = "Each health_check_command must use the exec form [\"CMD\", ...], because the images have no shell."
  }

  validation {
    condition = alltrue(flatten([
      for service in values(var.services) : [
        for key in keys(service.environment) : !can(regex("(PASSWORD|SECRET|TOKEN_KEY|PRIVATE_KEY|MIGRATION_URL)", upper(key)))
      ]
    ]))
    error_message = "A setting whose name contains PASSWORD, SECRET, TOKEN_KEY, PRIVATE_KEY or MIGRATION_URL must go in secrets, not environment."
  }

  validation {
    condition = alltrue(flatten([
      for service in values(var.services) : [
        for statement in service.task_role_statements : [
          for action in statement.actions : !strcontains(action, "*")
        ]
      ]
    ]))
    error_message = "Task role statements must name each action; wildcards such as s3:* are not allowed."
  }

  validation {
    condition = alltrue(flatten([
      for service in values(var.services) : [
        for secret in values(service.secrets) : can(regex("^arn:aws[a-z-]*:secretsmanager:", secret.secret_arn))
      ]
    ]))
    error_message = "Each secret_arn must be a Secrets Manager secret ARN."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
