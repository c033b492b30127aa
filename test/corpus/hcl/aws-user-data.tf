resource "aws_launch_template" "bastion" {
  name_prefix   = "bastion-"
  image_id      = data.aws_ami.al2023.id
  instance_type = "t4g.micro"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    http_protocol_ipv6          = "enabled"
  }

  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y amazon-ssm-agent
    systemctl enable --now amazon-ssm-agent
    echo "region=${var.region}" > /etc/bastion.conf
  EOT
  )

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 8
      volume_type = "gp3"
      encrypted   = true
    }
  }
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-arm64"]
  }
}
