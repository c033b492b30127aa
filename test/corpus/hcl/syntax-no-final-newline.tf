variable "no_trailing_newline" {
  default = "the file ends right after the brace"
}