locals {
  if_only     = "%{ if var.enabled }enabled%{ endif }"
  if_else     = "%{ if var.enabled }on%{ else }off%{ endif }"
  for_list    = "%{ for name in var.names }${name} %{ endfor }"
  for_pairs   = "%{ for key, value in var.labels }${key}=${value};%{ endfor }"
  strip_if    = "x %{~ if var.a ~} y %{~ else ~} z %{~ endif ~} w"
  nested      = "%{ for n in var.nums }%{ if n > 0 }+${n}%{ else }${n}%{ endif }%{ endfor }"
  with_text   = "Hello, %{ if var.name != "" }${var.name}%{ else }stranger%{ endif }!"
}
