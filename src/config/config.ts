import type { Level } from '../types.js';

export type RuleSetting = Level | 'off';

export interface DockerSettings {
  nonRootImages: string[];
  staticImages: string[];
}

/** Per-family settings that rules read through their context. */
export interface Settings {
  docker: DockerSettings;
}

export interface Config {
  /** The file the configuration came from, if any. */
  source: string | undefined;
  failOn: Level | 'none';
  ignore: string[];
  rules: Map<string, RuleSetting>;
  settings: Settings;
}

export function defaultConfig(): Config {
  return {
    source: undefined,
    failOn: 'error',
    ignore: [],
    rules: new Map(),
    settings: { docker: { nonRootImages: [], staticImages: [] } },
  };
}
