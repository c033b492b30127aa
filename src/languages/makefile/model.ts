import { goSettingAt, goSettingsContribution, isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { MakefileDocument } from './parser.js';

/** Makefiles contribute the Go settings their variables assign. */
export async function buildMakefileModel(documents: readonly MakefileDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, goSettingsOf);
}

function goSettingsOf(document: MakefileDocument): GoSetting[] {
  return document.assignments
    .filter((assignment) => isGoSettingName(assignment.name))
    .map((assignment) => goSettingAt(document.file.path, document.index, { ...assignment, source: assignment.targets ? `Makefile variable of ${assignment.targets.trim()}` : 'Makefile variable' }));
}
