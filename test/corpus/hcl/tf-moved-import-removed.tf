moved {
  from = aws_s3_bucket.ledger
  to   = aws_s3_bucket.source
}

moved {
  from = module.vpc_old
  to   = module.vpc
}

import {
  to = aws_kms_key.primary
  id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

removed {
  from = aws_instance.legacy_bastion

  lifecycle {
    destroy = false
  }
}
