output "lb_arn" {
  description = "ARN of the application load balancer."
  value       = aws_lb.this.arn
}

output "lb_arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of its metrics."
  value       = aws_lb.this.arn_suffix
}

output "lb_dns_name" {
  description = "DNS name of the load balancer, for the API's alias record."
  value       = aws_lb.this.dns_name
}

output "lb_zone_id" {
  description = "Route 53 zone ID of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}

output "target_group_arn" {
  description = "ARN of the gateway target group."
  value       = aws_lb_target_group.gateway.arn
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the gateway target group, the TargetGroup dimension of its metrics."
  value       = aws_lb_target_group.gateway.arn_suffix
}

output "web_acl_arn" {
  description = "ARN of the regional WAF web ACL on the load balancer."
  value       = aws_wafv2_web_acl.this.arn
}

output "access_log_bucket_name" {
  description = "Name of the S3 bucket holding the load balancer's access logs."
  value       = aws_s3_bucket.access_logs.id
}
