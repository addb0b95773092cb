output "db_instance_address" {
  description = "Host name of the RDS instance."
  value       = aws_db_instance.this.address
}

output "db_instance_port" {
  description = "Port of the RDS instance."
  value       = aws_db_instance.this.port
}

output "db_instance_arn" {
  description = "ARN of the RDS instance."
  value       = aws_db_instance.this.arn
}

output "db_instance_identifier" {
  description = "Identifier of the RDS instance, the DBInstanceIdentifier dimension of its metrics."
  value       = aws_db_instance.this.identifier
}

output "db_instance_resource_id" {
  description = "Resource ID of the RDS instance, for rds-db:connect IAM policies."
  value       = aws_db_instance.this.resource_id
}

output "db_instance_master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS keeps the master password in."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "user_secret_arns" {
  description = "ARNs of the service user secrets, keyed by user name."
  value       = { for name, secret in aws_secretsmanager_secret.user : name => secret.arn }
}
