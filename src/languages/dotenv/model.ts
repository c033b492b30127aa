import { goSettingsAmong, goSettingsContribution } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { DotenvDocument } from './parser.js';

const SOURCES: Record<string, string> = { '.envrc': 'direnv .envrc', 'go.env': 'go.env file' };

/** Env files contribute the Go settings they assign. */
export async function buildDotenvModel(documents: readonly DotenvDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) => {
    const source = SOURCES[document.file.path.slice(document.file.path.lastIndexOf('/') + 1)] ?? 'env file';
    return goSettingsAmong(document.file.path, document.index, document.assignments, () => source);
  });
}
