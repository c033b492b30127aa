import type { ModelContribution } from '../../language.js';
import { shellGoSettings } from '../../shell/index.js';
import type { ShellDocument } from './document.js';

/** Shell scripts have no model of their own for rules yet; they contribute the Go settings they assign. */
export async function buildShell(documents: readonly ShellDocument[]): Promise<ModelContribution<undefined>> {
  return {
    model: undefined,
    facts: { goSettings: () => documents.flatMap((document) => shellGoSettings(document.script, document.file.path, 'shell script')) },
    notes: [],
  };
}
