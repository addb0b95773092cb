terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
      # The frontend module's CloudFront certificate and CLOUDFRONT-scope WAF
      # web ACL exist only in us-east-1.
      configuration_aliases = [aws.us_east_1]
    }
  }
}
