# terraform init -backend-config=backend.hcl
# Use the outputs of terraform/bootstrap.
bucket         = "example-org-portal-terraform-state"
key            = "production/terraform.tfstate"
region         = "eu-west-2"
dynamodb_table = "portal-terraform-locks"
encrypt        = true
kms_key_id     = "alias/portal-terraform-state"
