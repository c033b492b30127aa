resource "aws_organizations_policy" "region_lock" {
  name        = "deny-outside-singapore"
  description = "Deny API calls outside ap-southeast-1 except global services"
  type        = "SERVICE_CONTROL_POLICY"
  content     = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideSingapore",
      "Effect": "Deny",
      "NotAction": ["iam:*", "organizations:*", "route53:*", "cloudfront:*", "support:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": { "aws:RequestedRegion": ["ap-southeast-1"] }
      }
    }
  ]
}
JSON
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.region_lock.id
  target_id = "r-ab12"
}
