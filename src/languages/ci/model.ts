import { goSettingsAmong, goSettingsContribution, verbatimInFile } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import { shellGoSettings } from '../../shell/index.js';
import type { CiDocument } from './parser.js';

/** CI files contribute the Go settings of their environment variables and of their scripts (`export GOFLAGS=…`, `go env -w …`). */
export async function buildCiModel(documents: readonly CiDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) => [
    ...goSettingsAmong(document.file.path, document.index, document.variables, (variable) => variable.scope),
    ...verbatimInFile(
      document.scripts.flatMap(({ script, scope }) => shellGoSettings(script, document.file.path, scope)),
      document.file.text,
      document.index,
    ),
  ]);
}
