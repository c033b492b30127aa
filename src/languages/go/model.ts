import { posix } from 'node:path';
import { appendTo } from '../../append.js';
import { loggedValues, mapLogValues, type LogCall, type LogRedaction, type LogValue } from '../../facts/log-calls.js';
import type { ModelContribution } from '../../language.js';
import type { ModelOptions } from '../../workspace.js';
import type { DeclaredType, GoDocument, GoRedactionHook, PrintfLogger } from './document.js';
import { moduleRoots } from '../../go-modules.js';
import { parseStructFields } from './parser.js';
import { LogCallBuilder } from '../../log-call-builder.js';
import { lineIndexOf } from '../../positions.js';

/**
 * The Go model: every file's log calls, each with the redaction hooks that its Go module installs
 * for its library (a zap core wrapper in one package redacts the calls of every package of the
 * module that logs through it), and its values typed by the struct fields that other files of its
 * package declare (`o.Buyer` of an `Order` declared in model.go). A named hook counts when its name
 * is used besides its declaration.
 */
export async function buildGoModel(documents: readonly GoDocument[], options: ModelOptions): Promise<ModelContribution<undefined>> {
  const moduleOf = moduleRoots((directory) => options.reader.read(directory, 'go.mod').ok);
  const hooks = documents.flatMap((document) => document.hooks.filter((hook) => isInstalled(hook, documents)).map((hook) => ({ hook, module: moduleOf(document.file.path) })));
  const fieldsByPackage = await packageFieldTypes(documents);
  const printfLoggers = new Map(documents.flatMap((document) => document.printfLoggers.map((logger) => [logger.method, logger] as const)));
  const calls = (): LogCall[] =>
    documents.flatMap((document) => {
      const fields = fieldsByPackage.get(posix.dirname(document.file.path));
      const module = moduleOf(document.file.path);
      const moduleHooks = hooks.filter((hook) => hook.module === module);
      return [...document.logCalls, ...projectPrintfCalls(document, printfLoggers)].map((logged) => {
        const call = fields ? mapLogValues(logged, (value) => withFieldType(value, fields)) : logged;
        const redactions = moduleHooks.filter(({ hook }) => covers(hook, call.library)).map(({ hook }): LogRedaction => ({ paths: [], keyWords: hook.keyWords, range: hook.range }));
        return redactions.length === 0 ? call : { ...call, redactions: [...call.redactions, ...redactions] };
      });
    });
  return { model: undefined, facts: { logCalls: calls }, notes: [] };
}

/**
 * Calls of a logger's method that the project declares printf-style (`logger.PrintAuthf(session.Email, req, status, "… %s", session)`):
 * the arguments before its format are written as they are, then the format with the rest.
 */
function projectPrintfCalls(document: GoDocument, printfLoggers: ReadonlyMap<string, PrintfLogger>): LogCall[] {
  const called = document.printfCalls.filter((call) => printfLoggers.has(call.method));
  if (called.length === 0) return [];
  const lines = lineIndexOf(document.file);
  return called.map(({ method, args, library, callee, start, end }) => {
    const { formatIndex, plainParameters } = printfLoggers.get(method)!;
    const builder = new LogCallBuilder(document.file.text, lines);
    builder.addPrinted(args.slice(0, formatIndex), undefined, (index) => !plainParameters[index]);
    const format = args[formatIndex];
    if (format) builder.addFormat(format, args.slice(formatIndex + 1));
    return builder.finish({ path: document.file.path, library, callee, span: { start, end } });
  });
}

/**
 * The struct fields of each package (the Go files of one directory) whose log calls read a field of a typed owner that
 * their own file does not declare.
 */
async function packageFieldTypes(documents: readonly GoDocument[]): Promise<Map<string, Map<string, DeclaredType>>> {
  const byPackage = new Map<string, GoDocument[]>();
  for (const document of documents) appendTo(byPackage, posix.dirname(document.file.path), document);
  const fieldsByPackage = new Map<string, Map<string, DeclaredType>>();
  for (const [directory, files] of byPackage) {
    const owners = files.length < 2 ? [] : [...new Set(files.flatMap((file) => file.logCalls.flatMap(ownersOfUndeclaredFields)))];
    if (owners.length > 0) fieldsByPackage.set(directory, await reachableFields(files, owners));
  }
  return fieldsByPackage;
}

/**
 * The fields of a package's parsed files, and of its files left unparsed (they log nothing) that declare one of `owners` or the
 * type of a field reached from one (`o.Shipment.Courier`: Order, then Shipment), as deep as the types go: each type is looked
 * for once, so a type that holds itself (`Next *Shipment`) ends the walk, and each file is read once.
 */
async function reachableFields(files: readonly GoDocument[], owners: readonly string[]): Promise<Map<string, DeclaredType>> {
  const fields = new Map(files.flatMap((file) => [...(file.fieldTypes ?? [])]));
  const unread = new Set(files.filter((file) => file.fieldTypes === undefined && !file.generated));
  const sought = new Set<string>();
  for (let wanted = owners; wanted.length > 0; ) {
    for (const owner of wanted) sought.add(owner);
    const declaresOwner = new RegExp(`\\b(?:${wanted.join('|')})\\s+struct\\s*\\{`);
    for (const file of unread) {
      if (!declaresOwner.test(file.file.text)) continue;
      unread.delete(file);
      for (const [key, type] of await parseStructFields(file.file)) fields.set(key, type);
    }
    const owned = new Set(wanted.map((owner) => `${owner}.`));
    const reached = [...fields].flatMap(([key, { type }]) => (type !== undefined && !sought.has(type) && owned.has(key.slice(0, key.indexOf('.') + 1)) ? [type] : []));
    wanted = [...new Set(reached)];
  }
  return fields;
}

/** The types of owners whose field a logged value is read through while its own type is unknown: `Order` of `o.Buyer`, `o *Order`. */
function ownersOfUndeclaredFields(call: LogCall): string[] {
  return loggedValues(call).flatMap((value) => value.path.flatMap((_, index) => (index > 0 && value.types[index] === undefined ? (value.types[index - 1] ?? []) : [])));
}

/** The value with the types of the fields it is read through that its package declares: `o.Buyer` is a Customer where `Order.Buyer` is one. */
function withFieldType(value: LogValue, fields: ReadonlyMap<string, DeclaredType>): LogValue {
  const types = [...value.types];
  let plain = value.plain;
  value.path.forEach((name, index) => {
    const owner = types[index - 1];
    const declared = owner === undefined || types[index] !== undefined ? undefined : fields.get(`${owner}.${name}`);
    if (!declared) return;
    types[index] = declared.type;
    if (index === value.path.length - 1) plain = declared.plain;
  });
  return { ...value, types, plain };
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
