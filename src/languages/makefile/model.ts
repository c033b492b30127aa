import { goSettingsAmong, goSettingsContribution, verbatimInFile } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import { shellGoSettings } from '../../shell/index.js';
import type { MakefileDocument } from './parser.js';

/** Makefiles contribute the Go settings their variables assign and those their recipes set (`export GOFLAGS=…`, `go env -w …`). */
export async function buildMakefileModel(documents: readonly MakefileDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) => [
    ...goSettingsAmong(document.file.path, document.index, document.assignments, (assignment) => (assignment.targets ? `Makefile variable of ${assignment.targets.trim()}` : 'Makefile variable')),
    ...verbatimInFile(
      document.recipes.flatMap((recipe) => shellGoSettings(recipe.script, document.file.path, 'Makefile recipe')),
      document.file.text,
      document.index,
    ),
  ]);
}
