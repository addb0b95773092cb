output "api_lb_dns_name" {
  description = "DNS name of the load balancer; point api_domain_name at it with an alias record."
  value       = module.edge.lb_dns_name
}

output "site_distribution_domain_name" {
  description = "Domain name of the CloudFront distribution; point site_domain_name at it."
  value       = module.frontend.distribution_domain_name
}

output "site_bucket_name" {
  description = "Bucket to upload the built static page to."
  value       = module.frontend.bucket_name
}

output "ecr_repository_urls" {
  description = "ECR repository URLs, keyed by image name."
  value       = module.registry.repository_urls
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.ecs.cluster_name
}

output "ecs_autoscaling_group_name" {
  description = "Auto Scaling group of the ECS instances, for finding an instance to start a Session Manager session on."
  value       = module.ecs.autoscaling_group_name
}

output "database_address" {
  description = "Host name of the RDS instance."
  value       = module.database.db_instance_address
}

output "database_user_secret_arns" {
  description = "Secrets to fill with the MySQL users' credentials after the first apply."
  value       = module.database.user_secret_arns
}

output "registration_token_key_secret_arn" {
  description = "Secret to fill with the receipt token signing key after the first apply."
  value       = aws_secretsmanager_secret.registration_token_key.arn
}

output "audit_archive_bucket_name" {
  description = "Bucket of the exported audit chain heads."
  value       = module.audit_archive.bucket_name
}

output "github_deploy_role_arn" {
  description = "Role for the GitHub Actions deploy workflow."
  value       = module.operations.github_deploy_role_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.operations.alarm_topic_arn
}
