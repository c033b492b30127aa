locals {
  precedence_1 = 1 + 2 * 3
  precedence_2 = (1 + 2) * 3
  precedence_3 = 10 - 4 - 3
  precedence_4 = 8 / 2 % 3
  precedence_5 = -2 * -3
  logic_1      = !var.a || var.b && var.c
  logic_2      = var.a == var.b || var.c != var.d
  compare      = var.x + 1 > var.y * 2
  ordering     = var.x >= 1 && var.x <= 10 && var.y < 5 && var.z > 0
  unary_not    = !(var.a && var.b)
  double_not   = !!var.a
  negate_expr  = -(var.a + var.b)
  negate_lit   = -3.5
  not_lit      = !true
  equality     = var.a == var.b == true
}
