output "interface_endpoint_ids" {
  description = "IDs of the interface endpoints, keyed by service name."
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}

output "s3_endpoint_id" {
  description = "ID of the S3 gateway endpoint."
  value       = aws_vpc_endpoint.s3.id
}

output "s3_prefix_list_id" {
  description = "ID of the S3 prefix list, for security group egress rules."
  value       = aws_vpc_endpoint.s3.prefix_list_id
}
