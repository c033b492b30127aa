import { setFlagsFromString } from 'node:v8';

/*
 * When V8 optimises merlint's JavaScript. TurboFan compiles a function once it has spent its interrupt
 * budget a few times; merlint's code is broad and a run short, and most of what TurboFan compiled (on
 * the second core, which CPU time counts) never paid back: the 1,070 real `.tf` files took about a
 * third less CPU with eight times the budget, a one-file run in terraform-aws-vpc as much
 * (BENCHMARKS.md). What runs hot in a long scan is still optimised, later.
 */

/** Eight times V8's interrupt budget (67,584 bytes of bytecode in Node 20), for the rest of the process. */
export function optimiseLater(): void {
  setFlagsFromString(`--interrupt-budget=${8 * 67_584}`);
}
