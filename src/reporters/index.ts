import type { ScanResult } from '../engine.js';
import { formatCompact } from './compact.js';
import type { Format } from './formats.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText, PLAIN } from './text.js';

export interface ReporterOptions {
  color: boolean;
  version: string;
}

const reporters: Record<Exclude<Format, 'text'>, (result: ScanResult, options: ReporterOptions) => string> = {
  sarif: formatSarif,
  compact: formatCompact,
  github: formatGithub,
  json: formatJson,
};

/** The reporter of a format, with its options applied. */
export async function loadReporter(format: Format, options: ReporterOptions): Promise<(result: ScanResult) => string> {
  if (format !== 'text') return (result) => reporters[format](result, options);
  // chalk loads only for coloured text: where output is not a terminal (pre-commit hooks, CI) it would only cost start-up time.
  const palette = options.color ? (await import('./colour.js')).COLOUR : PLAIN;
  return (result) => formatText(result, palette);
}
