import type { ScanResult } from '../engine.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export interface ReporterOptions {
  color: boolean;
  version: string;
  sarifCategory?: string;
}

export type Reporter = (result: ScanResult, options: ReporterOptions) => string;

export const reporters = {
  text: formatText,
  sarif: formatSarif,
  compact: formatCompact,
  github: formatGithub,
  json: formatJson,
} satisfies Record<string, Reporter>;

export type Format = keyof typeof reporters;

export function isFormat(name: string): name is Format {
  return Object.hasOwn(reporters, name);
}
