# Terraform 0.11 style, still accepted: every reference wrapped in "${...}".
resource "aws_instance" "legacy" {
  count         = "${var.instance_count}"
  ami           = "${lookup(var.amis, var.region)}"
  instance_type = "${var.instance_type}"
  subnet_id     = "${element(aws_subnet.private.*.id, count.index)}"
  tags {
    Name = "legacy-${count.index}"
  }
}

output "legacy_ips" {
  value = ["${aws_instance.legacy.*.private_ip}"]
}

output "first_ip" {
  value = "${aws_instance.legacy.0.private_ip}"
}
