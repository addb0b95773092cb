output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "autoscaling_group_name" {
  description = "Name of the container instances' Auto Scaling group."
  value       = aws_autoscaling_group.this.name
}

output "instance_role_arn" {
  description = "ARN of the container instances' IAM role."
  value       = aws_iam_role.instance.arn
}

output "service_arns" {
  description = "ARNs of the ECS services, keyed by service name."
  value       = { for name, service in aws_ecs_service.this : name => service.id }
}

output "task_definition_families" {
  description = "Task definition families, keyed by service name."
  value       = { for name, task in aws_ecs_task_definition.this : name => task.family }
}

output "task_role_arns" {
  description = "ARNs of the task roles, keyed by service name."
  value       = { for name, role in aws_iam_role.task : name => role.arn }
}

output "execution_role_arns" {
  description = "ARNs of the task execution roles, keyed by service name."
  value       = { for name, role in aws_iam_role.execution : name => role.arn }
}

output "log_group_names" {
  description = "Names of the service log groups, keyed by service name."
  value       = { for name, group in aws_cloudwatch_log_group.service : name => group.name }
}

output "service_discovery_namespace_name" {
  description = "Name of the private DNS namespace the services register in."
  value       = aws_service_discovery_private_dns_namespace.this.name
}
