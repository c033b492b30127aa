resource "kubernetes_manifest" "config" {
  manifest = yamldecode(<<-YAML
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: payments
      namespace: payments
    data:
      AWS_REGION: ap-southeast-1
      LISTEN_ADDR: "0.0.0.0:8080"
  YAML
  )
}

resource "helm_release" "ingress" {
  name       = "ingress-nginx"
  repository = "https://kubernetes.github.io/ingress-nginx"
  chart      = "ingress-nginx"
  version    = "4.10.1"
  namespace  = "ingress"

  values = [yamlencode({
    controller = {
      service = { ipFamilyPolicy = "SingleStack", ipFamilies = ["IPv4"] }
      replicaCount = 2
    }
  })]

  set {
    name  = "controller.metrics.enabled"
    value = "true"
  }

  set_sensitive {
    name  = "controller.admissionWebhooks.certificate"
    value = var.webhook_cert
  }
}
