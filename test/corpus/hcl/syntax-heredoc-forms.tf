locals {
  plain = <<EOF
first line
  indented line
last line
EOF

  indented = <<-EOF
      four spaces removed
        two kept
      EOF

  tabs = <<-EOF
	tab indented
	  tab plus two spaces
	EOF

  empty = <<EOF
EOF

  blank_lines = <<-EOF
    first

    after a blank line
  EOF

  escapes_kept = <<EOF
backslash n stays \n, quotes stay "as is"
dollar escape $${not_interpolated}
EOF

  custom_marker = <<END_OF_POLICY
{"Statement": []}
END_OF_POLICY
}
