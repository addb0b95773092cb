terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }

  # Partial configuration: terraform init -backend-config=backend.hcl
  backend "s3" {}
}

provider "aws" {
  region = local.region

  default_tags {
    tags = local.tags
  }
}

# CloudFront's certificate and CLOUDFRONT-scope WAF live in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = local.tags
  }
}
