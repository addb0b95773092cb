variable "name" {
  description = "Name prefix for the VPC and everything in it, for example portal-production."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr_block, 0))
    error_message = "The cidr_block must be a valid IPv4 CIDR block, for example 10.20.0.0/16."
  }
}

variable "availability_zones" {
  description = "The two availability zones the subnets are spread over."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 2
    error_message = "Exactly two availability zones are expected."
  }
}

variable "subnet_cidr_blocks" {
  description = "CIDR blocks per tier, one per availability zone in the same order as availability_zones."
  type = object({
    public   = list(string)
    private  = list(string)
    database = list(string)
  })

  validation {
    condition = alltrue([
      for tier in [var.subnet_cidr_blocks.public, var.subnet_cidr_blocks.private, var.subnet_cidr_blocks.database] :
      length(tier) == 2 && alltrue([for cidr in tier : can(cidrhost(cidr, 0))])
    ])
    error_message = "Each tier needs two valid IPv4 CIDR blocks, one per availability zone."
  }
}

variable "flow_log" {
  description = "VPC flow log settings: the KMS key for the log group, retention and which traffic to record."
  type = object({
    kms_key_arn       = string
    retention_in_days = optional(number, 365)
    traffic_type      = optional(string, "ALL")
  })

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log.traffic_type)
    error_message = "The flow_log.traffic_type must be ACCEPT, REJECT or ALL."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log.retention_in_days)
    error_message = "The flow_log.retention_in_days must be a retention period that CloudWatch Logs accepts, for example 365."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
