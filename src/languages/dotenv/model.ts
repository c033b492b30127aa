import { goSettingAt, goSettingsContribution, isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { DotenvDocument } from './parser.js';

/** Env files contribute the Go settings they assign. */
export async function buildDotenvModel(documents: readonly DotenvDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, goSettingsOf);
}

function goSettingsOf(document: DotenvDocument): GoSetting[] {
  const name = document.file.path.slice(document.file.path.lastIndexOf('/') + 1);
  const source = name === '.envrc' ? 'direnv .envrc' : name === 'go.env' ? 'go.env file' : 'env file';
  return document.assignments
    .filter((assignment) => isGoSettingName(assignment.name))
    .map((assignment) => goSettingAt(document.file.path, document.index, { ...assignment, source }));
}
