# A hash comment at the top of the file.
// A double-slash comment.
/*
  A block comment
  spanning lines.
*/

resource "aws_s3_bucket" "commented" { # trailing hash comment
  bucket = "commented" // trailing slash comment
  /* inline block */ force_destroy = false

  # comment before a nested block
  tags = {
    # comment inside an object
    Name = "commented" /* after a value */
  }
}

/* a block comment with * stars ** inside and // slashes */
locals {
  url = "https://example.sg/path#fragment" # the # in the string is not a comment
  glob = "a/*/b" // nor is /* inside a string
}
