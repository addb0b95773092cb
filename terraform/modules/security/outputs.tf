output "alb_security_group_id" {
  description = "ID of the load balancer's security group."
  value       = aws_security_group.alb.id
}

output "gateway_security_group_id" {
  description = "ID of the gateway tasks' security group."
  value       = aws_security_group.gateway.id
}

output "registration_security_group_id" {
  description = "ID of the registration tasks' security group."
  value       = aws_security_group.registration.id
}

output "admin_security_group_id" {
  description = "ID of the admin tasks' security group."
  value       = aws_security_group.admin.id
}

output "audit_security_group_id" {
  description = "ID of the audit tasks' security group."
  value       = aws_security_group.audit.id
}

output "database_security_group_id" {
  description = "ID of the RDS security group."
  value       = aws_security_group.database.id
}

output "endpoints_security_group_id" {
  description = "ID of the VPC interface endpoints' security group."
  value       = aws_security_group.endpoints.id
}

output "ecs_instance_security_group_id" {
  description = "ID of the ECS container instances' security group."
  value       = aws_security_group.ecs_instance.id
}
