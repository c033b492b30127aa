locals {
  empty_tuple     = []
  one             = ["a"]
  mixed           = ["a", 1, true, null]
  nested          = [[1, 2], [3, [4, 5]], []]
  trailing_comma  = [
    "ap-southeast-1a",
    "ap-southeast-1b",
    "ap-southeast-1c",
  ]
  multi_line_list = [
    1,
    2
  ]
  objects = [
    { name = "a", port = 80 },
    { name = "b", port = 443 },
  ]
  with_comment = [
    "x", # first
    "y", // second
    /* third */ "z",
  ]
}
