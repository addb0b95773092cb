data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name
}

################################################################################
# Interface endpoints
################################################################################

resource "aws_vpc_endpoint" "interface" {
  for_each = toset(var.interface_services)

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = var.subnet_ids
  security_group_ids  = var.security_group_ids

  tags = merge(var.tags, { Name = "${var.name}-${each.value}" })
}

################################################################################
# S3 gateway endpoint
#
# Its policy lists every bucket the private subnets may use. Anything else in
# S3 is unreachable from the VPC, even with valid credentials.
################################################################################

data "aws_iam_policy_document" "s3" {
  statement {
    sid     = "EcrImageLayers"
    actions = ["s3:GetObject"]
    # ECR stores image layers in this AWS-owned bucket.
    resources = ["arn:aws:s3:::prod-${local.region}-starport-layer-bucket/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }

  statement {
    sid     = "AmazonLinuxAndSsmAgent"
    actions = ["s3:GetObject"]
    # Amazon Linux 2023 package repositories and the SSM agent's own buckets,
    # so instances can install updates and the agent can update itself.
    # NOTE: the al2023 repository bucket suffix is AWS's published value and
    # is not checked by the offline tests.
    resources = [
      "arn:aws:s3:::al2023-repos-${local.region}-de612dc2/*",
      "arn:aws:s3:::aws-ssm-${local.region}/*",
      "arn:aws:s3:::amazon-ssm-${local.region}/*",
      "arn:aws:s3:::amazon-ssm-packages-${local.region}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.s3_bucket_access) > 0 ? [1] : []

    content {
      sid       = "PortalBuckets"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketObjectLockConfiguration"]
      resources = flatten([for bucket_arn in var.s3_bucket_access : [bucket_arn, "${bucket_arn}/*"]])

      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  policy            = data.aws_iam_policy_document.s3.json

  tags = merge(var.tags, { Name = "${var.name}-s3" })
}
