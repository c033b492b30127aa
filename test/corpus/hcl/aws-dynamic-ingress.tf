variable "ingress_rules" {
  type = list(object({
    port        = number
    protocol    = optional(string, "tcp")
    cidr_blocks = list(string)
  }))
  default = [
    { port = 443, cidr_blocks = ["10.0.0.0/8"] },
    { port = 8443, protocol = "tcp", cidr_blocks = ["10.0.0.0/8", "172.16.0.0/12"] },
  ]
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = var.ingress_rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = rule.value.protocol
      cidr_blocks = rule.value.cidr_blocks
    }
  }
}
