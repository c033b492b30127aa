locals {
  config = <<-EOT
    [main]
    region = ${var.region}
    %{ if var.debug }
    log_level = debug
    %{ else }
    log_level = info
    %{ endif }
  EOT

  line_starts_with_interpolation = <<-EOT
    ${var.first}
      second
  EOT

  unindented_marker = <<-EOT
        eight
      six
    EOT

  for_in_indented = <<-EOT
    rules:
    %{ for rule in var.rules }
      - ${rule}
    %{ endfor }
  EOT
}
