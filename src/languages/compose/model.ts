import { goSettingsAmong, goSettingsContribution } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import type { ComposeDocument } from './parser.js';

/** Compose files contribute the Go settings of their services' environment and build arguments. */
export async function buildComposeModel(documents: readonly ComposeDocument[]): Promise<ModelContribution<undefined>> {
  return goSettingsContribution(documents, (document) => goSettingsAmong(document.file.path, document.index, document.variables, (variable) => variable.scope));
}
