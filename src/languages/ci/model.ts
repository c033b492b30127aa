import { goSettingsAmong, goSettingsContribution } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { CiDocument } from './parser.js';

/** CI files contribute the Go settings of their environment variables. */
export async function buildCiModel(documents: readonly CiDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) => goSettingsAmong(document.file.path, document.index, document.variables, (variable) => variable.scope));
}
