import { goSettingAt, goSettingsContribution, isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { CiDocument } from './parser.js';

/** CI files contribute the Go settings of their environment variables. */
export async function buildCiModel(documents: readonly CiDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, goSettingsOf);
}

function goSettingsOf(document: CiDocument): GoSetting[] {
  return document.variables
    .filter((variable) => isGoSettingName(variable.name))
    .map((variable) => goSettingAt(document.file.path, document.index, { ...variable, source: variable.scope }));
}
