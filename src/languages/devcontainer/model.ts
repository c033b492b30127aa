import { goSettingAt, goSettingsContribution, isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { DevcontainerDocument } from './parser.js';

/** Devcontainers contribute the Go settings of their `containerEnv` and `remoteEnv`. */
export async function buildDevcontainerModel(documents: readonly DevcontainerDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, goSettingsOf);
}

function goSettingsOf(document: DevcontainerDocument): GoSetting[] {
  return document.variables
    .filter((variable) => isGoSettingName(variable.name))
    .map((variable) => goSettingAt(document.file.path, document.index, { ...variable, source: `devcontainer ${variable.property}` }));
}
