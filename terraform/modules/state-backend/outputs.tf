output "bucket_name" {
  description = "Name of the state bucket, the bucket setting of each environment's backend.hcl."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the state bucket."
  value       = aws_s3_bucket.this.arn
}

output "lock_table_name" {
  description = "Name of the lock table, the dynamodb_table setting of each environment's backend.hcl."
  value       = aws_dynamodb_table.lock.name
}

output "kms_key_arn" {
  description = "ARN of the key that encrypts state, the kms_key_id setting of each environment's backend.hcl."
  value       = aws_kms_key.this.arn
}
