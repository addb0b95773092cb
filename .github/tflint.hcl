# tflint for terraform/ (see .github/workflows/infra.yml). The Terraform ruleset ships
# inside tflint, so the check needs no plugin download.
config {
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}
