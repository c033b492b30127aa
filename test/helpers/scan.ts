import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, type Config } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load.js';
import { scan, type ScanInput, type ScanResult } from '../../src/engine.js';
import { packagePath } from '../../src/paths.js';
import { allRules } from '../../rules/index.js';

export const TODAY = new Date().toISOString().slice(0, 10);

/** Scans `paths` under `root` the way the CLI would, with the config in `root` if there is one. */
export async function scanDirectory(root: string, paths: string[] = [root], overrides: Partial<ScanInput> = {}): Promise<ScanResult> {
  const configFile = join(root, '.merlint.yaml');
  const config: Config = existsSync(configFile) ? await loadConfig(configFile, new Set(allRules.map((rule) => rule.id))) : defaultConfig();
  return scan({ root, paths, config, today: TODAY, ...overrides });
}

export function repoPath(...parts: string[]): string {
  return packagePath(...parts);
}
