locals {
  alarm_actions = [aws_sns_topic.alarms.arn]
}

# 5xx responses as a percentage of requests, from the load balancer itself
# and from the gateway targets.
resource "aws_cloudwatch_metric_alarm" "alb_5xx_rate" {
  alarm_name          = "${var.name}-alb-5xx-rate"
  alarm_description   = "More than ${var.alarms.alb_5xx_percent}% of API requests answered 5xx over 5 minutes"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarms.alb_5xx_percent
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "100 * (FILL(elb, 0) + FILL(target, 0)) / requests"
    label       = "5xx percent"
    return_data = true
  }

  metric_query {
    id = "elb"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_ELB_5XX_Count"
      period      = 300
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alarms.lb_arn_suffix }
    }
  }

  metric_query {
    id = "target"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      period      = 300
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alarms.lb_arn_suffix }
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      period      = 300
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alarms.lb_arn_suffix }
    }
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_targets" {
  alarm_name          = "${var.name}-gateway-unhealthy-targets"
  alarm_description   = "At least one gateway target has failed its /readyz check for 3 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    LoadBalancer = var.alarms.lb_arn_suffix
    TargetGroup  = var.alarms.target_group_arn_suffix
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  alarm_name          = "${var.name}-rds-cpu"
  alarm_description   = "RDS CPU above ${var.alarms.rds_cpu_percent}% for 15 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarms.rds_cpu_percent
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = { DBInstanceIdentifier = var.alarms.db_instance_identifier }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_free_storage" {
  alarm_name          = "${var.name}-rds-free-storage"
  alarm_description   = "RDS free storage below ${var.alarms.rds_free_storage_gib} GiB"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.alarms.rds_free_storage_gib * 1024 * 1024 * 1024
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = { DBInstanceIdentifier = var.alarms.db_instance_identifier }

  tags = var.tags
}

# Portal/Audit OutboxBacklog is the number of outbox events not yet accepted by
# the audit service, per Service. The ecs module's log metric filters derive it
# from the relays' "audit outbox backlog" log lines. A growing backlog means audit
# is down or slow. The metric has no Environment dimension, because filters take
# dimensions only from log fields, so each environment belongs in its own account.
resource "aws_cloudwatch_metric_alarm" "audit_outbox_backlog" {
  for_each = toset(var.alarms.outbox_services)

  alarm_name          = "${var.name}-${each.value}-audit-outbox-backlog"
  alarm_description   = "The ${each.value} outbox has held more than ${var.alarms.outbox_backlog_events} undelivered audit events for 15 minutes"
  namespace           = "Portal/Audit"
  metric_name         = "OutboxBacklog"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarms.outbox_backlog_events
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    Service = each.value
  }

  tags = var.tags
}
