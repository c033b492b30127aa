locals {
  empty_object = {}
  equals       = { a = 1, b = 2 }
  colons       = { "a": 1, "b": 2 }
  mixed_sep    = { a = 1, "b": 2 }
  newlines = {
    first  = "one"
    second = "two"
  }
  commas_and_newlines = {
    first  = "one",
    second = "two",
  }
  quoted_keys = {
    "kubernetes.io/role/elb"  = "1"
    "with spaces"             = true
    "dashes-allowed"          = null
  }
  nested = {
    outer = {
      inner = {
        deepest = [1, 2, 3]
      }
    }
  }
  expression_key = { (var.key_name) = "value", "${var.prefix}-x" = 1 }
  keyword_keys   = { true = "t", null = "n", 10 = "ten" }
}
