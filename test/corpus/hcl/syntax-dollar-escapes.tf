locals {
  one_dollar    = "$x and $ alone and US$5"
  escaped       = "$${literal}"
  three         = "$$${literal}"
  four          = "$$$${literal}"
  five          = "$$$$${literal}"
  percent       = "100% and %% and %%{literal}"
  percent_three = "%%%{literal}"
  shell = <<EOF
echo "$${HOME}" "$$${PATH}" $USER
EOF
  mixed = "$${a}${var.b}$${c}"
}
