import type { LogCall, LogRedaction } from '../../facts/log-calls.js';
import type { ModelContribution } from '../../language.js';
import type { ModelOptions } from '../../workspace.js';
import type { GoDocument, GoRedactionHook } from './document.js';
import { moduleRoots } from '../../go-modules.js';

/**
 * The Go model: every file's log calls, each with the redaction hooks that its Go module installs
 * for its library (a zap core wrapper in one package redacts the calls of every package of the
 * module that logs through it). A named hook counts when its name is used besides its declaration.
 */
export async function buildGoModel(documents: readonly GoDocument[], options: ModelOptions): Promise<ModelContribution<undefined>> {
  const moduleOf = moduleRoots((directory) => options.reader.read(directory, 'go.mod').ok);
  const hooks = documents.flatMap((document) => document.hooks.filter((hook) => isInstalled(hook, documents)).map((hook) => ({ hook, module: moduleOf(document.file.path) })));
  const calls = (): LogCall[] =>
    documents.flatMap((document) =>
      document.logCalls.map((call) => {
        const module = moduleOf(document.file.path);
        const redactions = hooks.filter((hook) => hook.module === module && covers(hook.hook, call.library)).map(({ hook }): LogRedaction => ({ paths: [], keyWords: hook.keyWords, range: hook.range }));
        return redactions.length === 0 ? call : { ...call, redactions: [...call.redactions, ...redactions] };
      }),
    );
  return { model: undefined, facts: { logCalls: calls }, notes: [] };
}

function covers(hook: GoRedactionHook, library: string): boolean {
  return library === hook.library || (hook.library === 'zap' && library === 'zap.Sugar');
}

function isInstalled(hook: GoRedactionHook, documents: readonly GoDocument[]): boolean {
  if (hook.name === undefined) return true;
  const name = hook.name.replace(/\W/g, '');
  const uses = new RegExp(`\\b${name}\\b`, 'g');
  // Its declaration and the receivers of its methods mention it too: it is installed where it is mentioned besides those.
  const declarations = new RegExp(`\\(\\s*\\w*\\s*\\*?${name}\\s*\\)|\\b(?:func|type)\\s+${name}\\b`, 'g');
  const count = (pattern: RegExp) => documents.reduce((sum, document) => sum + (document.file.text.match(pattern)?.length ?? 0), 0);
  return count(uses) > count(declarations);
}
