import type { LogCall } from '../../facts/log-calls.js';
import type { ModelContribution } from '../../language.js';
import type { ScriptDocument } from './document.js';
import { moduleKey } from './units.js';

/**
 * The TypeScript/JavaScript model: every module's log calls; a call through a logger imported from
 * another scanned module (`import { logger } from './logger'`) takes that logger's library and redaction.
 */
export async function buildScriptModel(documents: readonly ScriptDocument[]): Promise<ModelContribution<undefined>> {
  const modules = new Map(documents.map((document) => [moduleKey(document.file.path), document]));
  const calls = (): LogCall[] =>
    documents.flatMap((document) => [
      ...document.logCalls,
      ...document.importedCalls.map(({ call, from, name }) => {
        const logger = modules.get(from)?.loggers.find((candidate) => candidate.name === name);
        return logger ? { ...call, library: logger.library, redactions: [...call.redactions, ...logger.redactions] } : call;
      }),
    ]);
  return { model: undefined, facts: { logCalls: calls }, notes: [] };
}
