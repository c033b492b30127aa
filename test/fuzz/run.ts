import { Worker } from 'node:worker_threads';
import { FUZZ_TARGETS } from './targets.js';
import type { FuzzMessage, FuzzRequest } from './worker.js';

export interface FuzzOutcome {
  target: string;
  /** Inputs run (fast-check counts shrinking steps as runs too). */
  runs: number;
  /** What went wrong, with the input; undefined when every input passed. */
  failure?: string;
}

export const TARGET_NAMES: readonly string[] = FUZZ_TARGETS.map((target) => target.name);

/**
 * Fuzzes `target` in a worker thread (with `inputs`, checks those instead of generated ones). An input with no answer after `hangMs` is a hang: the worker
 * is stopped and the input reported.
 */
export function fuzz(target: string, runs: number, seed: number, hangMs: number, inputs?: string[]): Promise<FuzzOutcome> {
  const request: FuzzRequest = { target, runs, seed, slowMs: hangMs / 2, ...(inputs ? { inputs } : {}) };
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: request });
  return new Promise((resolve) => {
    let last = '';
    let count = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: FuzzOutcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ target, runs: count, failure: `no answer after ${hangMs} ms (a hang) on input ${JSON.stringify(last).slice(0, 2000)}` }), hangMs);
    };
    worker.on('message', (message: FuzzMessage) => {
      if ('input' in message) {
        last = message.input;
        count++;
        arm();
      } else finish({ target, runs: message.runs, ...(message.failure ? { failure: message.failure } : {}) });
    });
    worker.on('error', (error) => finish({ target, runs: count, failure: `the worker failed: ${error.stack ?? String(error)} on input ${JSON.stringify(last).slice(0, 2000)}` }));
    arm();
  });
}
