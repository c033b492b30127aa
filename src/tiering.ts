import { setFlagsFromString } from 'node:v8';

/** V8's own interrupt budget (Node 20): the bytecode a function runs between checks of whether to optimise it. */
const DEFAULT_INTERRUPT_BUDGET = 66 * 1024;

/**
 * For a scan of a whole directory, set before discovery: a function is optimised by TurboFan after
 * running eight times as much bytecode as V8's default. A scan of about a second ran hundreds of
 * functions just hot enough to be optimised, and compiling them cost more than they gave back: the
 * 1,018 real Dockerfiles took 0.6 of the CPU with it, the 1,070 `.tf` files 0.7, the 1,208 YAML
 * files 0.95 (BENCHMARKS.md, "Dockerfile scan, third pass"). Larger budgets lost again on the YAML.
 */
export function optimiseOnlyHotCode(): void {
  setFlagsFromString(`--interrupt-budget=${8 * DEFAULT_INTERRUPT_BUDGET}`);
}
