output "state_bucket_name" {
  description = "State bucket, for the environments' backend.hcl."
  value       = module.state_backend.bucket_name
}

output "lock_table_name" {
  description = "Lock table, for the environments' backend.hcl."
  value       = module.state_backend.lock_table_name
}

output "state_kms_key_arn" {
  description = "State encryption key, for the environments' backend.hcl."
  value       = module.state_backend.kms_key_arn
}
