resource "aws_route53_zone" "internal" {
  name          = "payments.internal"
  comment       = "Private zone, Singapore VPC only"
  force_destroy = false

  vpc {
    vpc_id     = aws_vpc.main.id
    vpc_region = "ap-southeast-1"
  }
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "api.payments.internal"
  type    = "AAAA"
  ttl     = 300
  records = ["fd00:ec2::23"]
}

resource "aws_route53_record" "alias" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "www"
  type    = "A"

  alias {
    name                   = aws_lb.public.dns_name
    zone_id                = aws_lb.public.zone_id
    evaluate_target_health = true
  }
}
