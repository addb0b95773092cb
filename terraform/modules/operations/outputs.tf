output "kms_key_arn" {
  description = "ARN of the key for Session Manager data, session logs and the alarm topic."
  value       = aws_kms_key.this.arn
}

output "session_log_group_name" {
  description = "Name of the log group that records Session Manager sessions."
  value       = aws_cloudwatch_log_group.sessions.name
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic the alarms notify."
  value       = aws_sns_topic.alarms.arn
}

output "github_deploy_role_arn" {
  description = "ARN of the role GitHub Actions assumes to deploy; set it as role-to-assume in the workflow."
  value       = aws_iam_role.github_deploy.arn
}
