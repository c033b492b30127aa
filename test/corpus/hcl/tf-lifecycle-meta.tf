resource "aws_instance" "worker" {
  count         = 2
  ami           = data.aws_ami.al2023.id
  instance_type = "m7g.large"
  subnet_id     = aws_subnet.private[count.index].id

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = false
    ignore_changes        = [ami, tags["LastPatched"], user_data]
    replace_triggered_by  = [aws_launch_template.bastion.latest_version]

    precondition {
      condition     = data.aws_ami.al2023.architecture == "arm64"
      error_message = "The worker AMI must be arm64."
    }

    postcondition {
      condition     = self.private_dns != ""
      error_message = "The worker has no private DNS name."
    }
  }

  provisioner "local-exec" {
    command     = "echo ${self.private_ip} >> inventory.txt"
    interpreter = ["/bin/bash", "-c"]
    on_failure  = continue
  }

  provisioner "remote-exec" {
    when   = destroy
    inline = ["sudo systemctl stop worker"]

    connection {
      type        = "ssh"
      user        = "ec2-user"
      host        = self.private_ip
      private_key = file("~/.ssh/id_ed25519")
      timeout     = "2m"
    }
  }
}
