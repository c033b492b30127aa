import type { ScanResult } from '../engine.js';
import type { Format } from './formats.js';
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

export const reporters: Record<Format, Reporter> = {
  text: formatText,
  sarif: formatSarif,
  compact: formatCompact,
  github: formatGithub,
  json: formatJson,
};
