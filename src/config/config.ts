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

export interface TerraformConfig {
  /** Absolute paths of var files to apply after the ones Terraform loads itself. */
  varFiles: string[];
}

export interface Config {
  /** The file the configuration came from, if any. */
  source: string | undefined;
  failOn: Level | 'none';
  ignore: string[];
  rules: Map<string, RuleSetting>;
  terraform: TerraformConfig;
  settings: Settings;
}

export function defaultConfig(): Config {
  return {
    source: undefined,
    failOn: 'error',
    ignore: [],
    rules: new Map(),
    terraform: { varFiles: [] },
    settings: { docker: { nonRootImages: [], staticImages: [] } },
  };
}
