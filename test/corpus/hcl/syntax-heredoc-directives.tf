locals {
  hosts = <<EOT
%{ for host in var.hosts ~}
server ${host}:8080;
%{ endfor ~}
EOT

  config = <<-EOT
    [main]
    region = ${var.region}
    %{ if var.debug }
    log_level = debug
    %{ else }
    log_level = info
    %{ endif }
  EOT

  stripped = <<-EOT
    %{~ for k, v in var.env ~}
    export ${k}="${v}"
    %{~ endfor ~}
  EOT
}
