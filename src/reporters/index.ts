import type { ScanResult } from '../engine.js';
import type { Format } from './formats.js';
import { formatText, PLAIN } from './text.js';

export interface ReporterOptions {
  color: boolean;
  version: string;
}

type Reporter = (result: ScanResult, options: ReporterOptions) => string;

// Each format's module loads only when that format is asked for: a pre-commit run prints text alone.
const reporters: Record<Exclude<Format, 'text'>, () => Promise<Reporter>> = {
  sarif: async () => (await import('./sarif.js')).formatSarif,
  compact: async () => (await import('./compact.js')).formatCompact,
  github: async () => (await import('./github.js')).formatGithub,
  json: async () => (await import('./json.js')).formatJson,
};

/** The reporter of a format, with its options applied. */
export async function loadReporter(format: Format, options: ReporterOptions): Promise<(result: ScanResult) => string> {
  if (format !== 'text') {
    const report = await reporters[format]();
    return (result) => report(result, options);
  }
  // chalk loads only for coloured text: where output is not a terminal (pre-commit hooks, CI) it would only cost start-up time.
  const palette = options.color ? (await import('./colour.js')).COLOUR : PLAIN;
  return (result) => formatText(result, palette);
}
