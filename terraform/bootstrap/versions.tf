# The bootstrap creates the remote state backend, so its own state stays in a
# local file. Keep that file safe, or import the resources again if it is lost.
terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = "company-portal", ManagedBy = "terraform", Stack = "bootstrap" }
  }
}
