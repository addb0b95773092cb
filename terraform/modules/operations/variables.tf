variable "name" {
  description = "Name prefix, for example portal-production. It is also the Environment dimension of the outbox metric."
  type        = string
}

variable "instance_role_arn" {
  description = "IAM role of the ECS instances, whose SSM agent decrypts Session Manager data."
  type        = string
}

variable "log_retention_in_days" {
  description = "Retention of the Session Manager session logs, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "The log_retention_in_days must be a retention period that CloudWatch Logs accepts, for example 365."
  }
}

variable "session_idle_timeout_minutes" {
  description = "Minutes of inactivity after which Session Manager ends a session."
  type        = number
  default     = 20

  validation {
    condition     = var.session_idle_timeout_minutes >= 1 && var.session_idle_timeout_minutes <= 60
    error_message = "Session Manager accepts an idle timeout from 1 to 60 minutes."
  }
}

variable "session_max_duration_minutes" {
  description = "Minutes after which Session Manager ends a session regardless of activity."
  type        = number
  default     = 120

  validation {
    condition     = var.session_max_duration_minutes >= 1 && var.session_max_duration_minutes <= 1440
    error_message = "Session Manager accepts a maximum session duration from 1 to 1440 minutes."
  }
}

variable "alarm_email_addresses" {
  description = "Email addresses subscribed to the alarm topic; each must confirm its subscription."
  type        = list(string)
  default     = []
}

variable "github" {
  description = "GitHub Actions deployment: the repository as OWNER/NAME whose main branch may deploy, whether to create the account's GitHub OIDC provider (one per account), and its certificate thumbprints."
  type = object({
    repository           = string
    create_oidc_provider = optional(bool, true)
    oidc_thumbprints     = optional(list(string), ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"])
  })

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github.repository))
    error_message = "The github.repository must be OWNER/NAME, for example example-org/company-portal, with no wildcard."
  }
}

variable "deploy" {
  description = "Resources the GitHub deploy role may act on: ECR repositories to push to, ECS services to update, and the task and execution roles it may pass to ECS."
  type = object({
    repository_arns    = list(string)
    service_arns       = list(string)
    passable_role_arns = list(string)
  })

  validation {
    condition = alltrue([
      for arn in concat(var.deploy.repository_arns, var.deploy.service_arns, var.deploy.passable_role_arns) : !strcontains(arn, "*")
    ])
    error_message = "The deploy ARNs must name resources exactly, without wildcards."
  }
}

variable "alarms" {
  description = "Alarm dimensions and thresholds: the load balancer and target group metric dimensions, the RDS instance, and the services that publish the audit outbox backlog."
  type = object({
    lb_arn_suffix           = string
    target_group_arn_suffix = string
    db_instance_identifier  = string
    alb_5xx_percent         = optional(number, 5)
    rds_cpu_percent         = optional(number, 80)
    rds_free_storage_gib    = optional(number, 10)
    outbox_backlog_events   = optional(number, 1000)
    outbox_services         = optional(list(string), ["registration", "admin"])
  })

  validation {
    condition     = var.alarms.alb_5xx_percent > 0 && var.alarms.alb_5xx_percent <= 100 && var.alarms.rds_cpu_percent > 0 && var.alarms.rds_cpu_percent <= 100
    error_message = "The alarms percentages must be above 0 and at most 100."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
