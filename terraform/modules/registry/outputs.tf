output "repository_urls" {
  description = "Repository URLs for docker push and task definitions, keyed by image name."
  value       = { for image, repository in aws_ecr_repository.this : image => repository.repository_url }
}

output "repository_arns" {
  description = "Repository ARNs, keyed by image name."
  value       = { for image, repository in aws_ecr_repository.this : image => repository.arn }
}
