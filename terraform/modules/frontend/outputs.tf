output "bucket_name" {
  description = "Name of the site bucket; upload the built page here."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the site bucket."
  value       = aws_s3_bucket.this.arn
}

output "distribution_id" {
  description = "ID of the CloudFront distribution, for cache invalidations."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_domain_name" {
  description = "Domain name of the distribution, for the site's alias record."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "site_origin" {
  description = "Origin of the site as the browser sees it, for the gateway's CORS setting."
  value       = "https://${var.aliases[0]}"
}

output "web_acl_arn" {
  description = "ARN of the CLOUDFRONT-scope WAF web ACL."
  value       = aws_wafv2_web_acl.this.arn
}
