resource "aws_instance" "app" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t4g.small"
  user_data = templatefile("${path.module}/templates/user-data.sh.tftpl", {
    region      = var.region
    environment = var.environment
    packages    = ["amazon-cloudwatch-agent", "jq"]
    settings    = { log_level = "info", retries = 3 }
  })
  user_data_replace_on_change = true
}

locals {
  rendered = templatestring(local.template_text, { name = "payments" })
}
