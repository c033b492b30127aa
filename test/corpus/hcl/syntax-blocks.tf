one_line { enabled = true }
empty_block {}
empty_spaced { }
labelled "one" {}
labelled "two" "three" { x = 1 }
bare_label unquoted { y = 2 }

outer {
  inner {
    innermost {
      value = "deep"
    }
  }
  inner {
    value = "second inner"
  }
}

resource "aws_s3_bucket" "a" {}
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_acl" "a" { bucket = "a" }
