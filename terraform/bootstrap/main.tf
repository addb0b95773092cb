module "state_backend" {
  source = "../modules/state-backend"

  name            = "portal"
  bucket_name     = var.state_bucket_name
  lock_table_name = var.lock_table_name
}
