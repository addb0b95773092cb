output "bucket_name" {
  description = "Name of the audit archive bucket."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the audit archive bucket."
  value       = aws_s3_bucket.this.arn
}
