# One task definition, ECS service, log group, execution role and task role
# per entry in var.services.

locals {
  # Every container runs as this unprivileged user; the images create it.
  container_user = "10001:10001"

  container_definitions = {
    for name, service in var.services : name => [{
      name                   = name
      image                  = service.image
      essential              = true
      user                   = local.container_user
      readonlyRootFilesystem = true
      privileged             = false
      cpu                    = service.cpu
      memory                 = service.memory
      memoryReservation      = service.memory
      stopTimeout            = 30

      portMappings = [{
        name          = name
        containerPort = service.container_port
        hostPort      = service.container_port
        protocol      = "tcp"
      }]

      environment = [for key, value in service.environment : { name = key, value = value }]

      # Secrets Manager values reach the process as environment variables at
      # start; their values never appear in the task definition.
      secrets = [
        for key, secret in service.secrets : {
          name      = key
          valueFrom = secret.json_key == null ? secret.secret_arn : "${secret.secret_arn}:${secret.json_key}::"
        }
      ]

      mountPoints = [{
        sourceVolume  = "tmp"
        containerPath = "/tmp"
        readOnly      = false
      }]

      linuxParameters = {
        initProcessEnabled = true
        capabilities       = { drop = ["ALL"] }
      }

      # The images have no shell, so the check uses the exec (CMD) form.
      healthCheck = {
        command     = service.health_check_command
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[name].name
          awslogs-region        = data.aws_region.current.name
          awslogs-stream-prefix = name
          mode                  = "non-blocking"
          max-buffer-size       = "4m"
        }
      }
    }]
  }

  secret_arns = {
    for name, service in var.services : name => distinct([for secret in values(service.secrets) : secret.secret_arn])
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.services

  name              = "/portal/${var.name}/${each.key}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

# The outbox relays in these services log a JSON line "audit outbox backlog" every
# minute with the number of undelivered audit events in "pending". This filter turns
# it into the metric that the operations module alarms on. CloudWatch takes metric
# filter dimensions only from fields of the log event, so the dimension is the line's
# "service" field.
resource "aws_cloudwatch_log_metric_filter" "audit_outbox_backlog" {
  for_each = { for name in var.outbox_services : name => aws_cloudwatch_log_group.service[name] }

  name           = "${var.name}-${each.key}-audit-outbox-backlog"
  log_group_name = each.value.name
  pattern        = "{ $.message = \"audit outbox backlog\" }"

  metric_transformation {
    namespace  = var.metric_namespace
    name       = "OutboxBacklog"
    value      = "$.pending"
    unit       = "Count"
    dimensions = { Service = "$.service" }
  }
}

################################################################################
# Execution roles: used by the ECS agent to pull the image, fetch the secrets
# and write the log stream. The application never sees these credentials.
################################################################################

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "execution" {
  for_each = var.services

  statement {
    sid = "PullImage"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = [each.value.repository_arn]
  }

  statement {
    sid = "EcrToken"
    # GetAuthorizationToken has no resource-level permissions.
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service[each.key].arn}:*"]
  }

  dynamic "statement" {
    for_each = length(local.secret_arns[each.key]) > 0 ? [1] : []

    content {
      sid       = "ReadSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_arns[each.key]
    }
  }

  statement {
    sid       = "DecryptSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${data.aws_region.current.name}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  for_each = var.services

  name_prefix        = "${var.name}-${each.key}-exec-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy" "execution" {
  for_each = var.services

  name   = "pull-image-read-secrets-write-logs"
  role   = aws_iam_role.execution[each.key].id
  policy = data.aws_iam_policy_document.execution[each.key].json
}

################################################################################
# Task roles: the application's own AWS identity.
################################################################################

data "aws_iam_policy_document" "task" {
  for_each = var.services

  statement {
    sid = "PublishPortalMetrics"
    # PutMetricData has no resource-level permissions; the namespace condition
    # limits it to the portal's own metrics.
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metric_namespace]
    }
  }

  dynamic "statement" {
    for_each = each.value.task_role_statements

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role" "task" {
  for_each = var.services

  name_prefix        = "${var.name}-${each.key}-task-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy" "task" {
  for_each = var.services

  name   = "application"
  role   = aws_iam_role.task[each.key].id
  policy = data.aws_iam_policy_document.task[each.key].json
}

################################################################################
# Task definitions and services
################################################################################

resource "aws_ecs_task_definition" "this" {
  for_each = var.services

  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["EC2"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = aws_iam_role.task[each.key].arn
  container_definitions    = jsonencode(local.container_definitions[each.key])

  # The root filesystem is read-only; /tmp is the only writable path.
  volume {
    name = "tmp"
  }

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.instances.cpu_architecture
  }

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  for_each = var.services

  name                               = each.key
  cluster                            = aws_ecs_cluster.this.id
  task_definition                    = aws_ecs_task_definition.this[each.key].arn
  desired_count                      = each.value.desired_count
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  health_check_grace_period_seconds  = each.value.target_group_arn == null ? null : 60

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.this.name
    weight            = 1
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [each.value.security_group_id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }

  service_registries {
    registry_arn = aws_service_discovery_service.this[each.key].arn
  }

  dynamic "load_balancer" {
    for_each = each.value.target_group_arn == null ? [] : [each.value.target_group_arn]

    content {
      target_group_arn = load_balancer.value
      container_name   = each.key
      container_port   = each.value.container_port
    }
  }

  tags = var.tags

  depends_on = [aws_ecs_cluster_capacity_providers.this]

  lifecycle {
    # The deploy pipeline registers new task definitions; a plan must not roll
    # a service back to the revision Terraform last saw.
    ignore_changes = [task_definition]
  }
}
