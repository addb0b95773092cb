# One security group per component. Every rule is a separate
# aws_vpc_security_group_*_rule resource with its own description, and each
# names its peer: a security group, a CIDR block or the S3 prefix list. A
# group without egress rules has none, because Terraform removes the default
# allow-all egress rule when it creates a group.

locals {
  https_port    = 443
  http_port     = 80
  database_port = 3306
}

################################################################################
# Groups
################################################################################

resource "aws_security_group" "alb" {
  name_prefix = "${var.name}-alb-"
  description = "Application load balancer: HTTPS and the HTTP redirect from the internet"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "gateway" {
  name_prefix = "${var.name}-gateway-"
  description = "Gateway tasks: HTTP from the load balancer only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-gateway" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "registration" {
  name_prefix = "${var.name}-registration-"
  description = "Registration tasks: gRPC from the gateway only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-registration" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "admin" {
  name_prefix = "${var.name}-admin-"
  description = "Admin tasks: gRPC from Session Manager port forwarding on the ECS instances"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-admin" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "audit" {
  name_prefix = "${var.name}-audit-"
  description = "Audit tasks: gRPC from registration and admin only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-audit" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "database" {
  name_prefix = "${var.name}-database-"
  description = "RDS MySQL: port 3306 from the service tasks only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "endpoints" {
  name_prefix = "${var.name}-endpoints-"
  description = "VPC interface endpoints: HTTPS from the private subnets only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-endpoints" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_instance" {
  name_prefix = "${var.name}-ecs-instance-"
  description = "ECS container instances: no inbound traffic, AWS APIs and admin port forwarding out"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-ecs-instance" })

  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# Load balancer
################################################################################

resource "aws_vpc_security_group_ingress_rule" "alb_https_from_internet" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = local.https_port
  to_port           = local.https_port
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "alb_http_from_internet" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the internet, answered only with a redirect to HTTPS"
  ip_protocol       = "tcp"
  from_port         = local.http_port
  to_port           = local.http_port
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_gateway" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTP to the gateway tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.gateway
  to_port                      = var.service_ports.gateway
  referenced_security_group_id = aws_security_group.gateway.id
}

################################################################################
# Gateway
################################################################################

resource "aws_vpc_security_group_ingress_rule" "gateway_from_alb" {
  security_group_id            = aws_security_group.gateway.id
  description                  = "HTTP from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.gateway
  to_port                      = var.service_ports.gateway
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_egress_rule" "gateway_to_registration" {
  security_group_id            = aws_security_group.gateway.id
  description                  = "gRPC to the registration service"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.registration
  to_port                      = var.service_ports.registration
  referenced_security_group_id = aws_security_group.registration.id
}

################################################################################
# Registration
################################################################################

resource "aws_vpc_security_group_ingress_rule" "registration_from_gateway" {
  security_group_id            = aws_security_group.registration.id
  description                  = "gRPC from the gateway"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.registration
  to_port                      = var.service_ports.registration
  referenced_security_group_id = aws_security_group.gateway.id
}

resource "aws_vpc_security_group_egress_rule" "registration_to_audit" {
  security_group_id            = aws_security_group.registration.id
  description                  = "gRPC to the audit service for the outbox relay"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.audit
  to_port                      = var.service_ports.audit
  referenced_security_group_id = aws_security_group.audit.id
}

################################################################################
# Admin
#
# Operators reach admin with Session Manager port forwarding
# (AWS-StartPortForwardingSessionToRemoteHost) through an ECS instance, so the
# connection arrives from the instance security group.
################################################################################

resource "aws_vpc_security_group_ingress_rule" "admin_from_ecs_instance" {
  security_group_id            = aws_security_group.admin.id
  description                  = "gRPC from Session Manager port forwarding on the ECS instances"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.admin
  to_port                      = var.service_ports.admin
  referenced_security_group_id = aws_security_group.ecs_instance.id
}

resource "aws_vpc_security_group_egress_rule" "admin_to_audit" {
  security_group_id            = aws_security_group.admin.id
  description                  = "gRPC to the audit service for the outbox relay"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.audit
  to_port                      = var.service_ports.audit
  referenced_security_group_id = aws_security_group.audit.id
}

################################################################################
# Audit
################################################################################

resource "aws_vpc_security_group_ingress_rule" "audit_from_registration" {
  security_group_id            = aws_security_group.audit.id
  description                  = "gRPC from the registration outbox relay"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.audit
  to_port                      = var.service_ports.audit
  referenced_security_group_id = aws_security_group.registration.id
}

resource "aws_vpc_security_group_ingress_rule" "audit_from_admin" {
  security_group_id            = aws_security_group.audit.id
  description                  = "gRPC from the admin outbox relay"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.audit
  to_port                      = var.service_ports.audit
  referenced_security_group_id = aws_security_group.admin.id
}

resource "aws_vpc_security_group_egress_rule" "audit_to_s3" {
  security_group_id = aws_security_group.audit.id
  description       = "HTTPS to S3 through the gateway endpoint, for the audit archive"
  ip_protocol       = "tcp"
  from_port         = local.https_port
  to_port           = local.https_port
  prefix_list_id    = var.s3_prefix_list_id
}

################################################################################
# Rules shared by the three gRPC services: MySQL and the AWS API endpoints
################################################################################

locals {
  database_clients = {
    registration = aws_security_group.registration.id
    admin        = aws_security_group.admin.id
    audit        = aws_security_group.audit.id
  }

  # Every task publishes the Portal/Audit OutboxBacklog metric or reads AWS
  # APIs, so each reaches the interface endpoints.
  endpoint_clients = merge(local.database_clients, {
    gateway      = aws_security_group.gateway.id
    ecs_instance = aws_security_group.ecs_instance.id
  })
}

resource "aws_vpc_security_group_egress_rule" "service_to_database" {
  for_each = local.database_clients

  security_group_id            = each.value
  description                  = "MySQL to RDS"
  ip_protocol                  = "tcp"
  from_port                    = local.database_port
  to_port                      = local.database_port
  referenced_security_group_id = aws_security_group.database.id
}

resource "aws_vpc_security_group_ingress_rule" "database_from_service" {
  for_each = local.database_clients

  security_group_id            = aws_security_group.database.id
  description                  = "MySQL from the ${each.key} tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.database_port
  to_port                      = local.database_port
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_egress_rule" "to_endpoints" {
  for_each = local.endpoint_clients

  security_group_id            = each.value
  description                  = "HTTPS to the VPC interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = local.https_port
  to_port                      = local.https_port
  referenced_security_group_id = aws_security_group.endpoints.id
}

################################################################################
# ECS instances: the ECS agent pulls images from ECR (layers come from S3),
# the SSM agent serves Session Manager, and port forwarding reaches admin.
################################################################################

resource "aws_vpc_security_group_egress_rule" "ecs_instance_to_s3" {
  security_group_id = aws_security_group.ecs_instance.id
  description       = "HTTPS to S3 through the gateway endpoint, for ECR image layers"
  ip_protocol       = "tcp"
  from_port         = local.https_port
  to_port           = local.https_port
  prefix_list_id    = var.s3_prefix_list_id
}

resource "aws_vpc_security_group_egress_rule" "ecs_instance_to_admin" {
  security_group_id            = aws_security_group.ecs_instance.id
  description                  = "gRPC to admin for Session Manager port forwarding"
  ip_protocol                  = "tcp"
  from_port                    = var.service_ports.admin
  to_port                      = var.service_ports.admin
  referenced_security_group_id = aws_security_group.admin.id
}

################################################################################
# Endpoints
################################################################################

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_private_subnets" {
  for_each = toset(var.private_subnet_cidr_blocks)

  security_group_id = aws_security_group.endpoints.id
  description       = "HTTPS from private subnet ${each.value}"
  ip_protocol       = "tcp"
  from_port         = local.https_port
  to_port           = local.https_port
  cidr_ipv4         = each.value
}
