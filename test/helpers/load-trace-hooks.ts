// Module hooks that write the URL of every module Node loads, one a line, to the file named by
// MERLINT_LOAD_TRACE: registered with `node --import`, they show what a run of the CLI loads.
import { appendFileSync } from 'node:fs';

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: NextLoad): Promise<unknown> {
  appendFileSync(process.env.MERLINT_LOAD_TRACE!, `${url}\n`);
  return next(url, context);
}
