resource "aws_eks_cluster" "main" {
  name     = "payments-${var.environment}"
  role_arn = aws_iam_role.cluster.arn
  version  = "1.30"

  vpc_config {
    subnet_ids              = aws_subnet.private[*].id
    endpoint_private_access = true
    endpoint_public_access  = false
    public_access_cidrs     = []
  }

  kubernetes_network_config {
    ip_family         = "ipv6"
    service_ipv4_cidr = null
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  timeouts {
    create = "30m"
    delete = "15m"
  }
}
