import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { FUZZ_TARGETS } from './targets.js';

/*
 * Runs one fuzz target in a worker thread, so that the thread that started it can stop it when an
 * input hangs. Before each input it posts `{ input }`; at the end `{ done, runs, failure? }`.
 */

export interface FuzzRequest {
  target: string;
  runs: number;
  seed: number;
  /** An input that takes longer than this fails the property (the watchdog outside catches hangs). */
  slowMs: number;
  /** These inputs, in order, instead of generated ones. */
  inputs?: string[];
}

export type FuzzMessage = { input: string } | { done: true; runs: number; failure?: string };

const request = workerData as FuzzRequest;
const target = FUZZ_TARGETS.find((candidate) => candidate.name === request.target);
if (!target) throw new Error(`no fuzz target ${request.target}`);
let runs = 0;
const check = async (text: string) => {
  runs++;
  parentPort!.postMessage({ input: text } satisfies FuzzMessage);
  const started = performance.now();
  const problem = await target.check(text).catch((error: unknown) => `threw ${(error as Error)?.stack ?? String(error)}`);
  const elapsed = performance.now() - started;
  if (problem) throw new Error(problem);
  if (elapsed > request.slowMs) throw new Error(`took ${Math.round(elapsed)} ms, over the ${request.slowMs} ms bound`);
};
const failure = request.inputs ? await checkEach(request.inputs) : await checkGenerated();

async function checkGenerated(): Promise<string | undefined> {
  const details = await fc.check(fc.asyncProperty(target!.inputs(), check), { numRuns: request.runs, seed: request.seed, endOnFailure: true });
  return details.failed ? describeFailure(String((details.errorInstance as Error | undefined)?.message ?? 'failed'), details.counterexample?.[0] ?? '', details.counterexamplePath) : undefined;
}

async function checkEach(inputs: string[]): Promise<string | undefined> {
  for (const input of inputs) {
    const problem = await check(input).then(() => undefined, (error: Error) => error.message);
    if (problem) return describeFailure(problem, input, null);
  }
  return undefined;
}
/** The failure with the start of the input; the whole input is written to a file to reproduce it with. */
function describeFailure(problem: string, input: string, path: string | null): string {
  const file = join(tmpdir(), `merlint-fuzz-${request.target.replace(/[^\w.-]+/g, '_')}-${request.seed}.txt`);
  writeFileSync(file, input);
  return `${problem}\ninput (seed ${request.seed}, path ${path}, whole input in ${file}): ${JSON.stringify(input).slice(0, 600)}`;
}

parentPort!.postMessage({ done: true, runs, ...(failure ? { failure } : {}) } satisfies FuzzMessage);
