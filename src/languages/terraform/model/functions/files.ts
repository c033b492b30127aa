import { evaluate } from '../evaluate.js';
import { Scope } from '../scope.js';
import { flowedThrough, knownString, takenFrom, unknown, type Value } from '../value.js';
import { arity, object, text, type CallContext, type TerraformFunction } from './support.js';

/**
 * The text of a file, read through the engine's reader, which refuses anything outside the scan
 * root (symbolic links resolved): merlint never reads `file("../../etc/passwd")`.
 */
function read(path: string, context: CallContext): { path: string; text: string } | Value {
  const { environment, workingDirectory } = context.scope;
  const result = environment.reader.read(workingDirectory, path);
  if (!result.ok) return unknown(`${context.call.name}(${JSON.stringify(path)}) was not read: ${result.reason}`, context.at);
  environment.remember(result.path, result.text);
  return result;
}

export const FILE_FUNCTIONS: Record<string, TerraformFunction> = {
  file: (args, context) => {
    arity(args, context, 1);
    const file = read(text(args[0], context), context);
    if ('kind' in file) return file;
    const lines = file.text.split('\n');
    const end = { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
    const origin = { path: file.path, range: { start: { line: 1, column: 1 }, end } };
    let offset = 0;
    const runs = lines.map((line, index) => {
      const run = { offset, start: { line: index + 1, column: 1 } };
      offset += line.length + 1;
      return run;
    });
    const placement = { path: file.path, runs };
    return { ...flowedThrough(knownString(file.text, origin, placement), context.at), readBy: context.at };
  },
  templatefile: (args, context) => {
    arity(args, context, 2);
    const variables = object(args[1], context);
    const file = read(text(args[0], context), context);
    if ('kind' in file) return file;
    const { environment, workingDirectory } = context.scope;
    const bindings = [...variables.entries].map(([name, value]) => [name, takenFrom(value, variables)] as const);
    const scope = new Scope(environment, file.path, undefined, workingDirectory, new Map(bindings));
    const rendered = flowedThrough(evaluate(environment.parseTemplate(file.text, file.path), scope), context.at);
    return rendered.kind === 'string' ? { ...rendered, readBy: context.at } : rendered;
  },
};
