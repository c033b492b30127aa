locals {
  zero          = 0
  integer       = 42
  large         = 9007199254740991
  fraction      = 3.14159
  leading_zero  = 0.5
  exponent      = 1e3
  upper_exp     = 1E3
  signed_exp    = 2e+5
  negative_exp  = 5e-3
  frac_exp      = 6.02e23
  frac_negexp   = 1.5E-7
  negative      = -17
  negative_frac = -0.25
  in_list       = [1, 2.5, 3e2, -4]
  in_object     = { small = 1e-2, big = 1e10 }
}
