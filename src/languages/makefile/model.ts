import { goSettingsAmong, goSettingsContribution } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { MakefileDocument } from './parser.js';

/** Makefiles contribute the Go settings their variables assign. */
export async function buildMakefileModel(documents: readonly MakefileDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) =>
    goSettingsAmong(document.file.path, document.index, document.assignments, (assignment) => (assignment.targets ? `Makefile variable of ${assignment.targets.trim()}` : 'Makefile variable')),
  );
}
