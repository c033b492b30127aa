resource "aws_security_group" "alb" {
  name   = "payments-${var.environment}-alb"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "HTTPS from PayNow participants"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "payments" {
  name                       = "payments-${var.environment}"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = aws_subnet.public[*].id
  ip_address_type            = var.alb_ip_address_type
  drop_invalid_header_fields = true
}
