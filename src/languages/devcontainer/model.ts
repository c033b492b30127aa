import { goSettingsAmong, goSettingsContribution } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { DevcontainerDocument } from './parser.js';

/** Devcontainers contribute the Go settings of their `containerEnv` and `remoteEnv`. */
export async function buildDevcontainerModel(documents: readonly DevcontainerDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) => goSettingsAmong(document.file.path, document.index, document.variables, (variable) => `devcontainer ${variable.property}`));
}
