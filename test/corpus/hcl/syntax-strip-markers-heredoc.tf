locals {
  # A ~ strips only the literal token next to it, and in a heredoc a token ends at a line break.
  nginx_upstreams = <<EOT
upstream api {
%{ for host in var.hosts ~}
  server ${host}:8080;
%{ endfor ~}
}
EOT

  kept_blank_line = <<EOT
a ${var.b ~}

   c
EOT

  strip_before = <<EOT
first
    ${~ var.second}
EOT

  indented_with_strip = <<-EOT
    a
  %{~ if var.c ~}
      b
  %{~ endif ~}
    d
  EOT

  quoted_strip = "x  ${~ var.y ~}  z"
}
