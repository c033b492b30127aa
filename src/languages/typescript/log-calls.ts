import type { ts as TS } from '@ts-morph/common';
import type { LogCall, LogRedaction } from '../../facts/log-calls.js';
import { LogCallBuilder, type LogExpr, type ObjectEntry } from '../../log-call-builder.js';
import type { LineIndex } from '../../positions.js';
import { Scopes } from '../../scopes.js';
import type { SourceFile } from '../../types.js';
import type { DeclaredType, ImportedLogCall, ModuleImport, ModuleLogger, ModuleReexport } from './document.js';
import { isRelative } from './modules.js';

/*
 * Log calls of a TypeScript/JavaScript module: console, pino, winston, bunyan, NestJS `Logger`.
 * Loggers are known by the module they come from (imports and require, whatever the local name),
 * by what they were assigned (`const logger = pino({ redact })`, `logger.child(…)`, `new Logger(…)`,
 * class properties and constructor parameters), or else by a logger's usual name.
 */

const MAX_DEPTH = 200;
const MODULES: Record<string, string> = { pino: 'pino', winston: 'winston', bunyan: 'bunyan', '@nestjs/common': 'nestjs', 'nestjs-pino': 'pino', 'pino-http': 'pino' };
const LEVELS = new Set(['log', 'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'http', 'critical', 'notice', 'alert', 'emerg']);
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
const LOGGER_NAMES = new Set(['logger', 'log', 'l', 'lg', 'pino', 'winston', 'bunyan']);
const FACTORIES = new Set(['createLogger', 'pino', 'bunyan', 'child', 'getLogger']);

interface Binding {
  library: string;
  redactions: LogRedaction[];
}

export class ScriptLogCalls {
  private readonly imports = new Map<string, string>();
  private readonly moduleImports = new Map<string, ModuleImport>();
  private readonly plainTypes = new Set<string>();
  private readonly dataTypes = new Set<string>();
  private readonly reexports: ModuleReexport[] = [];
  private readonly loggers = new Map<string, Binding>();
  /** Loggers held in class properties and constructor parameters, read as `this.logger`. */
  private readonly properties = new Map<string, Binding>();
  private readonly constants = new Set<string>();
  /**
   * Parameters and variables declared with a named type (`customer: Customer`, `u: models.User`): logged whole, the type tells
   * what they hold; or with a plain one (`name: string`, `recipients: string[]`), which holds no record.
   */
  private readonly types = new Scopes<DeclaredType>();
  /** Members of the file's interfaces, object types and classes, by `Type.member`: `mail.recipients` of a `Mail` holds what `Mail.recipients` is declared to. */
  private readonly members = new Map<string, DeclaredType>();
  /** childOf's answers by call. */
  private readonly childRoots = new Map<TS.Expression, TS.Expression>();
  private readonly arrays = new Map<string, TS.ArrayLiteralExpression>();
  private readonly calls: LogCall[] = [];
  private readonly importedCalls: ImportedLogCall[] = [];
  private readonly moduleLoggers: ModuleLogger[] = [];
  /** Names the module exports its own bindings under (`export default logger`, `export { l as logger }`): [exported, local]. */
  private readonly exportedAs: [string, string][] = [];

  constructor(
    private readonly ts: typeof TS,
    private readonly file: SourceFile,
    private readonly lines: LineIndex,
    private readonly source: TS.SourceFile,
  ) {}

  extract(): {
    calls: LogCall[];
    importedCalls: ImportedLogCall[];
    loggers: ModuleLogger[];
    members: ReadonlyMap<string, DeclaredType>;
    plainTypes: ReadonlySet<string>;
    dataTypes: ReadonlySet<string>;
    reexports: readonly ModuleReexport[];
    moduleImports: ReadonlyMap<string, ModuleImport>;
  } {
    const calls: TS.CallExpression[] = [];
    forEachNode(this.ts, this.source, (node) => {
      this.declare(node);
      if (this.ts.isCallExpression(node)) calls.push(node);
    });
    for (const call of calls) this.readCall(call);
    this.addExportedLoggers();
    return { calls: this.calls, importedCalls: this.importedCalls, loggers: this.moduleLoggers, members: this.members, plainTypes: this.plainTypes, dataTypes: this.dataTypes, reexports: this.reexports, moduleImports: this.moduleImports };
  }

  // --- what names mean ---------------------------------------------------------------------

  private declare(node: TS.Node): void {
    const ts = this.ts;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) this.addImport(node.moduleSpecifier.text, node.importClause);
    else if (ts.isVariableDeclaration(node) && node.initializer) this.addVariable(node);
    else if ((ts.isPropertyDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) {
      const binding = (node.initializer && this.bindingOf(node.initializer)) ?? (node.type && this.typeBinding(node.type));
      if (!binding && node.type && ts.isParameter(node)) this.addType(node, node.name.text, node.type);
      if (!binding && node.type && ts.isPropertyDeclaration(node)) this.addMember(node, node.name.text, node.type);
      if (binding) this.properties.set(node.name.text, binding);
      if (binding && ts.isParameter(node)) this.loggers.set(node.name.text, binding);
    } else if (ts.isPropertySignature(node) && node.type && ts.isIdentifier(node.name)) this.addMember(node, node.name.text, node.type);
    else if (ts.isTypeAliasDeclaration(node) && this.declaredType(node.type)?.typed === 'plain') this.plainTypes.add(node.name.text);
    else if (ts.isInterfaceDeclaration(node) || (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type))) this.dataTypes.add(node.name.text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) this.addReexport(node.moduleSpecifier.text, node.exportClause);
    else if (ts.isExportDeclaration(node) && !node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const element of node.exportClause.elements) this.exportedAs.push([element.name.text, element.propertyName?.text ?? element.name.text]);
    } else if (ts.isExportAssignment(node) && !node.isExportEquals) this.addDefaultExport(node.expression);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(ts, node.left)) this.addDefaultExport(node.right);
    if (ts.isParameter(node) && ts.isObjectBindingPattern(node.name) && node.type && ts.isTypeLiteralNode(node.type)) this.addBindings(node, node.name, node.type);
  }

  /** `({ recipient, otp }: { recipient: string; otp: string })`: each name bound has the type of its member. */
  private addBindings(parameter: TS.ParameterDeclaration, pattern: TS.ObjectBindingPattern, type: TS.TypeLiteralNode): void {
    const ts = this.ts;
    for (const element of pattern.elements) {
      if (!ts.isIdentifier(element.name)) continue;
      const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
      const member = type.members.find((candidate) => ts.isPropertySignature(candidate) && candidate.name.getText(this.source) === key) as TS.PropertySignature | undefined;
      const declared = member?.type && this.declaredType(member.type);
      if (declared) this.addScoped(parameter, element.name.text, declared);
    }
  }

  private addType(node: TS.Node, name: string, type: TS.TypeNode): void {
    const declared = this.declaredType(type);
    if (declared) this.addScoped(node, name, declared);
  }

  private addScoped(node: TS.Node, name: string, declared: DeclaredType): void {
    const scope = enclosingFunction(this.ts, node) ?? this.source;
    this.types.add(name, declared, scope.pos, scope.end);
  }

  /** A member of a class, an interface or a type alias's object type (`recipients: string[]` in `interface Mail`). */
  private addMember(node: TS.Node, name: string, type: TS.TypeNode): void {
    const ts = this.ts;
    const owner = ts.isTypeLiteralNode(node.parent) ? node.parent.parent : node.parent;
    const ownerName = (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner) || ts.isTypeAliasDeclaration(owner)) && owner.name ? owner.name.text : undefined;
    const declared = this.declaredType(type);
    if (ownerName && declared) this.members.set(`${ownerName}.${name}`, declared);
  }

  /** `string`, `string[]`, `readonly string[]`, `Array<string> | undefined` are plain; `Customer`, `Customer[]` (as `Customers`) named. */
  private declaredType(type: TS.TypeNode): DeclaredType | undefined {
    const ts = this.ts;
    const { element, plural } = elementOf(ts, type);
    const { StringKeyword, NumberKeyword, BooleanKeyword, BigIntKeyword } = ts.SyntaxKind;
    if ([StringKeyword, NumberKeyword, BooleanKeyword, BigIntKeyword].includes(element.kind)) return { typed: 'plain' };
    if (!ts.isTypeReferenceNode(element)) return undefined;
    const typeName = ts.isIdentifier(element.typeName) ? element.typeName.text : element.typeName.right.text;
    return /^[A-Z]/.test(typeName) && !this.imports.has(typeName) ? { typed: 'named', name: plural ? `${typeName}s` : typeName } : undefined;
  }

  /**
   * What a name, a member read through a declared one (`mail.recipients`, `this.recipients`) or an element of either
   * (`mail.recipients[0]`) is declared to hold.
   */
  private typeOf(node: TS.Expression): DeclaredType | undefined {
    return this.linkTypes(node).at(-1)!.declared;
  }

  /** The named type of each name `pathOf` reads an expression through (`repo.fullName` of `repo: Repository` → [Repository, undefined]). */
  private typesOf(node: TS.Expression): (string | undefined)[] {
    const ts = this.ts;
    return this.linkTypes(node).flatMap(({ link, declared }, index) => {
      const own = declared?.typed === 'named' ? declared.name : undefined;
      if (index === 0) return ts.isIdentifier(link) || link.kind === ts.SyntaxKind.ThisKeyword ? [own] : [];
      if (ts.isPropertyAccessExpression(link)) return [own];
      return ts.isElementAccessExpression(link) && ts.isStringLiteral(link.argumentExpression) ? [undefined] : [];
    });
  }

  /** What each link of an expression's access chain (`accessChain`) is declared to hold, each read from the link before it. */
  private linkTypes(node: TS.Expression): { link: TS.Expression; declared: DeclaredType | undefined }[] {
    const ts = this.ts;
    const [start, ...steps] = accessChain(ts, node);
    const types = [{ link: start!, declared: ts.isIdentifier(start!) ? this.types.at(start.text, start.pos) : undefined }];
    for (const step of steps) {
      const before = types.at(-1)!;
      if (!ts.isPropertyAccessExpression(step)) {
        types.push({ link: step, declared: before.declared });
        continue;
      }
      const owner = before.link.kind === ts.SyntaxKind.ThisKeyword ? enclosingClassName(ts, step) : before.declared;
      const ownerName = typeof owner === 'string' ? owner : owner?.typed === 'named' ? owner.name : undefined;
      types.push({ link: step, declared: ownerName === undefined ? undefined : this.members.get(`${ownerName}.${step.name.text}`) });
    }
    return types;
  }

  private addImport(specifier: string, clause: TS.ImportClause | undefined): void {
    if (!clause) return;
    const names: [string, string][] = [];
    if (clause.name) names.push([clause.name.text, 'default']);
    const bindings = clause.namedBindings;
    if (bindings && this.ts.isNamespaceImport(bindings)) names.push([bindings.name.text, '*']);
    if (bindings && this.ts.isNamedImports(bindings)) for (const element of bindings.elements) names.push([element.name.text, element.propertyName?.text ?? element.name.text]);
    this.addModuleNames(specifier, names);
  }

  /** `export default logger` (or CommonJS `module.exports = logger`, which `require` reads as the default) names a binding of the module; `export default pino({…})` is a logger of its own. */
  private addDefaultExport(expression: TS.Expression): void {
    const exported = unwrap(this.ts, expression);
    if (this.ts.isIdentifier(exported)) this.exportedAs.push(['default', exported.text]);
    else {
      const binding = this.bindingOf(exported);
      if (binding) this.moduleLoggers.push({ name: 'default', ...binding });
    }
  }

  /** The module's loggers under the names it exports them as, which its importers ask for (`import logger from './logger'` asks for `default`). */
  private addExportedLoggers(): void {
    for (const [exported, local] of this.exportedAs) {
      const logger = exported === local ? undefined : this.moduleLoggers.find((candidate) => candidate.name === local);
      if (logger) this.moduleLoggers.push({ ...logger, name: exported });
    }
  }

  /** `export * from './sns'`, `export { User, Member as Customer } from './user'`; `export * as ns` exports a namespace, no name of its own. */
  private addReexport(specifier: string, clause: TS.NamedExportBindings | undefined): void {
    if (clause && !this.ts.isNamedExports(clause)) return;
    const names = clause && new Map(clause.elements.map((element) => [element.name.text, element.propertyName?.text ?? element.name.text]));
    this.reexports.push({ specifier, names });
  }

  private addModuleNames(specifier: string, names: [string, string][]): void {
    const library = MODULES[specifier];
    for (const [local, imported] of names) {
      if (library) this.imports.set(local, library);
      else this.moduleImports.set(local, { specifier, name: imported });
    }
  }

  private addVariable(node: TS.VariableDeclaration): void {
    const ts = this.ts;
    const initializer = unwrap(ts, node.initializer!);
    const required = ts.isCallExpression(initializer) && ts.isIdentifier(initializer.expression) && initializer.expression.text === 'require' ? initializer.arguments[0] : undefined;
    if (required && ts.isStringLiteral(required)) {
      if (ts.isIdentifier(node.name)) this.addModuleNames(required.text, [[node.name.text, 'default']]);
      else if (ts.isObjectBindingPattern(node.name)) this.addModuleNames(required.text, node.name.elements.flatMap((element) => (ts.isIdentifier(element.name) ? [[element.name.text, (element.propertyName as TS.Identifier | undefined)?.text ?? element.name.text] as [string, string]] : [])));
      return;
    }
    if (!ts.isIdentifier(node.name)) return;
    const declared = node.type ? this.declaredType(node.type) : literalType(ts, initializer);
    if (declared) this.addScoped(node, node.name.text, declared);
    if (ts.isArrayLiteralExpression(initializer)) this.arrays.set(node.name.text, initializer);
    if (isLiteral(ts, initializer) && isConstDeclaration(ts, node)) this.constants.add(node.name.text);
    const binding = this.bindingOf(initializer);
    if (!binding) return;
    this.loggers.set(node.name.text, binding);
    if (isTopLevel(ts, node)) this.moduleLoggers.push({ name: node.name.text, ...binding });
  }

  /** What logger an expression makes: `pino({…})`, `winston.createLogger({…})`, `new Logger(…)`, `logger.child({…})`. */
  private bindingOf(expr: TS.Expression): Binding | undefined {
    const ts = this.ts;
    const node = unwrap(ts, expr);
    const parent = this.childOf(node);
    if (parent) {
      const binding = this.receiverBinding(parent);
      return binding && { library: binding.library, redactions: [...binding.redactions] };
    }
    if (ts.isNewExpression(node)) {
      const library = this.imports.get(rootName(ts, node.expression) ?? '');
      return library ? { library, redactions: [] } : undefined;
    }
    if (!ts.isCallExpression(node)) return undefined;
    const callee = node.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    const root = rootName(ts, callee);
    const library = this.imports.get(root ?? '');
    if (!library || !name || !(FACTORIES.has(name) || ts.isIdentifier(callee))) return undefined;
    return { library, redactions: this.redactionsOf(library, node.arguments[0]) };
  }

  private typeBinding(type: TS.TypeNode): Binding | undefined {
    if (!this.ts.isTypeReferenceNode(type)) return undefined;
    const library = this.imports.get(rootName(this.ts, type.typeName as TS.Expression) ?? '');
    return library ? { library, redactions: [] } : undefined;
  }

  /**
   * The logger a chain of `.child(…)` calls is made from (`logger` of `logger.child({…}).child({…})`), read down a loop and kept for
   * each call of the chain: a chain may be thousands long, and each of its calls is a log call that asks for it.
   */
  private childOf(node: TS.Expression): TS.Expression | undefined {
    const chain: TS.Expression[] = [];
    let parent: TS.Expression | undefined;
    for (let link = node; isChildCall(this.ts, link); link = parent) {
      parent = this.childRoots.get(link);
      if (parent) break;
      chain.push(link);
      parent = unwrap(this.ts, link.expression.expression);
    }
    for (const call of chain) this.childRoots.set(call, parent!);
    return parent;
  }

  private receiverBinding(expr: TS.Expression): Binding | undefined {
    const ts = this.ts;
    const node = unwrap(ts, expr);
    if (ts.isIdentifier(node)) return this.loggers.get(node.text);
    if (ts.isPropertyAccessExpression(node)) return this.properties.get(node.name.text) ?? this.loggers.get(node.name.text);
    return this.bindingOf(node);
  }

  // --- redaction configured on the logger --------------------------------------------------------

  /** pino `redact: [paths]` or `{ paths }`; winston formats that replace or delete keys; bunyan serializers by key. */
  private redactionsOf(library: string, options: TS.Expression | undefined): LogRedaction[] {
    const ts = this.ts;
    if (!options || !ts.isObjectLiteralExpression(options)) return [];
    const redactions: LogRedaction[] = [];
    for (const property of options.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const key = propertyName(ts, property.name);
      const range = this.lines.range(property.getStart(this.source), property.end);
      if (key === 'redact' && library === 'pino') {
        let value = unwrap(ts, property.initializer);
        if (ts.isObjectLiteralExpression(value)) {
          const paths = value.properties.find((entry) => ts.isPropertyAssignment(entry) && propertyName(ts, entry.name) === 'paths') as TS.PropertyAssignment | undefined;
          if (paths) value = unwrap(ts, paths.initializer);
        }
        redactions.push({ paths: this.strings(value), keyWords: [], range });
      } else if (key === 'serializers' && ts.isObjectLiteralExpression(property.initializer)) {
        const paths = property.initializer.properties.flatMap((entry) => (entry.name && !/^(?:err|error|req|res)$/.test(propertyName(ts, entry.name) ?? '') ? [propertyName(ts, entry.name) ?? ''] : []));
        redactions.push({ paths: paths.filter(Boolean), keyWords: [], range });
      } else if (key === 'format') {
        const format = this.formatRedaction(property.initializer);
        if (format) redactions.push({ ...format, range });
      }
    }
    return redactions;
  }

  /** Strings of an array literal, or of a `const` array it names. */
  private strings(expr: TS.Expression): string[] {
    const ts = this.ts;
    const array = ts.isIdentifier(expr) ? this.arrays.get(expr.text) : ts.isArrayLiteralExpression(expr) ? expr : undefined;
    return array?.elements.flatMap((element) => (ts.isStringLiteralLike(element) ? [element.text] : [])) ?? [];
  }

  /** A winston format that redacts: keys it assigns a mask to or deletes, or a redacting format whose body is elsewhere (it covers every key). */
  private formatRedaction(expr: TS.Expression): Omit<LogRedaction, 'range'> | undefined {
    const text = expr.getText(this.source);
    const paths = [...text.matchAll(/\b\w+\.(\w+)\s*=\s*['"`][^'"`]*(?:redact|mask|\*{3}|hidden|removed)/gi), ...text.matchAll(/\bdelete\s+\w+(?:\.(\w+)|\[['"](\w+)['"]\])/g)].map((match) => match[1] ?? match[2] ?? '');
    const keyWords = /redact|mask|\*{3}/i.test(text) ? [...text.matchAll(/['"]([A-Za-z_]\w{1,30})['"]/g)].map((match) => match[1]!).filter((word) => !/redact|mask|info|level|message/i.test(word)) : [];
    if (paths.length > 0 || keyWords.length > 0) return { paths: paths.filter(Boolean), keyWords };
    return /\b\w*(?:redact|mask|saniti[sz]e|scrub|anonymi[sz]e)\w*\s*\(/i.test(text) ? { paths: ['*'], keyWords: [] } : undefined;
  }

  // --- calls ---------------------------------------------------------------------------------

  private readCall(call: TS.CallExpression): void {
    const ts = this.ts;
    if (!ts.isPropertyAccessExpression(call.expression)) return;
    const receiver = unwrap(ts, call.expression.expression);
    const method = call.expression.name.text;
    const target = this.target(receiver, method);
    if (!target) return;
    const builder = new LogCallBuilder(this.file.text, this.lines);
    const args = call.arguments.map((arg) => this.expr(arg));
    // winston's `log('info', message, …)` names its level first; the message follows it.
    const namedLevel = method === 'log' && target.library !== 'console' && target.library !== 'nestjs' ? levelArgument(ts, call) : undefined;
    if (method === 'child') builder.addPairs(args);
    else if (target.library === 'nestjs') this.readNest(builder, args);
    else this.readArguments(builder, namedLevel === undefined ? args : args.slice(1), target.library === 'console');
    const logCall = builder.finish({ path: this.file.path, library: target.library, callee: call.expression.getText(this.source), span: { start: call.getStart(this.source), end: call.end }, redactions: target.redactions });
    if (target.imported) this.importedCalls.push({ call: logCall, ...target.imported });
    else this.calls.push(logCall);
  }

  /** The logger a method is called on, if the method writes a log record. */
  private target(receiver: TS.Expression, method: string): (Binding & { imported?: Omit<ImportedLogCall, 'call'> }) | undefined {
    const ts = this.ts;
    const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
    if (name === 'console' && ts.isIdentifier(receiver)) return CONSOLE_METHODS.has(method) ? { library: 'console', redactions: [] } : undefined;
    if (!LEVELS.has(method.toLowerCase()) && method !== 'child') return undefined;
    const known = this.receiverBinding(receiver) ?? (name && this.imports.get(name) ? { library: this.imports.get(name)!, redactions: [] } : undefined);
    if (known) return known;
    const imported = ts.isIdentifier(receiver) ? this.moduleImports.get(receiver.text) : undefined;
    const named = this.namedLogger(name);
    if (imported && isRelative(imported.specifier)) return { library: 'unknown', redactions: [], imported: { imported, logsAlone: true } };
    if (imported) return { ...(named ?? { library: 'unknown', redactions: [] }), imported: { imported, logsAlone: named !== undefined } };
    return named;
  }

  /** A receiver named like a logger (`logger`, `log`, `auditLogger`): of the one logging library the module imports, if one. */
  private namedLogger(name: string | undefined): Binding | undefined {
    if (!name || !(LOGGER_NAMES.has(name.toLowerCase()) || /logger$/i.test(name))) return undefined;
    const libraries = new Set(this.imports.values());
    return { library: libraries.size === 1 ? [...libraries][0]! : 'unknown', redactions: [] };
  }

  /**
   * pino and bunyan `info(obj?, msg, …args)`, winston `info(msg, …meta)` and `log(level, msg, meta)`,
   * console `log(…values)`: objects are fields, the first string is the message (a format when more
   * arguments follow), a leading non-string value is a record merged into the line.
   */
  private readArguments(builder: LogCallBuilder, args: LogExpr[], printed: boolean): void {
    let messageSeen = false;
    for (let index = 0; index < args.length; index++) {
      const arg = args[index]!;
      if (arg.kind === 'object') builder.addObject(arg);
      else if (!messageSeen && (arg.kind === 'string' || arg.kind === 'template' || arg.kind === 'concat')) {
        messageSeen = true;
        const rest = args.slice(index + 1).filter((next) => next.kind !== 'object');
        if (arg.kind === 'string' && rest.length > 0 && this.file.text.slice(arg.contentStart, arg.contentEnd).includes('%')) {
          builder.addFormat(arg, rest);
          for (const next of args.slice(index + 1)) if (next.kind === 'object') builder.addObject(next);
          return;
        }
        builder.addMessage(arg);
      } else if (!messageSeen && index === 0 && !printed) builder.addRecord(arg);
      else builder.addPrinted([arg]);
    }
  }

  /** NestJS `log(message, …optionalParams)`: the message may itself be an object; a trailing string is the context. */
  private readNest(builder: LogCallBuilder, args: LogExpr[]): void {
    const [message, ...rest] = args;
    if (!message) return;
    if (message.kind === 'object') builder.addObject(message);
    else builder.addMessage(message);
    for (const arg of rest) {
      if (arg.kind === 'object') builder.addObject(arg);
      else if (arg.kind !== 'string') builder.addPrinted([arg]);
    }
  }

  // --- expressions ---------------------------------------------------------------------------

  private depth = 0;

  /** An argument as the neutral view; nesting deeper than any log message (`a + b + …` ten thousand times) is left unread. */
  private expr(input: TS.Expression): LogExpr {
    if (this.depth > MAX_DEPTH) return { start: input.getStart(this.source), end: input.end, kind: 'other' };
    this.depth++;
    try {
      return this.readExpr(input);
    } finally {
      this.depth--;
    }
  }

  private readExpr(input: TS.Expression): LogExpr {
    const ts = this.ts;
    const node = unwrap(ts, input);
    const span = { start: node.getStart(this.source), end: node.end };
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { ...span, kind: 'string', contentStart: span.start + 1, contentEnd: span.end - 1 };
    if (ts.isTemplateExpression(node)) {
      const parts: (LogExpr | { start: number; end: number })[] = [{ start: node.head.getStart(this.source) + 1, end: node.head.end - 2 }];
      for (const part of node.templateSpans) {
        parts.push(this.expr(part.expression));
        const tail = ts.isTemplateTail(part.literal);
        parts.push({ start: part.literal.getStart(this.source) + 1, end: part.literal.end - (tail ? 1 : 2) });
      }
      return { ...span, kind: 'template', parts };
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const operands = [this.expr(node.left), this.expr(node.right)].flatMap((side) => (side.kind === 'concat' ? side.operands : [side]));
      return { ...span, kind: 'concat', operands };
    }
    if (isLiteral(ts, node) || (ts.isIdentifier(node) && (this.constants.has(node.text) || node.text === 'undefined'))) return { ...span, kind: 'constant' };
    const path = pathOf(ts, node);
    if (path) return { ...span, kind: 'name', path, types: this.typesOf(node), plain: this.typeOf(node)?.typed === 'plain' };
    if (ts.isCallExpression(node)) return this.callExpr(node, span);
    if (ts.isObjectLiteralExpression(node)) return { ...span, kind: 'object', entries: node.properties.flatMap((property) => this.entry(property)) };
    return { ...span, kind: 'other' };
  }

  private callExpr(node: TS.CallExpression, span: { start: number; end: number }): LogExpr {
    const ts = this.ts;
    const callee = node.expression;
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    // `phone.slice(-4)`, `nric.substring(5)`, `phone.replace(/\d(?=\d{4})/g, '*')`: a part of the value, or a masked one.
    if (method && /^(?:slice|substring|substr|padStart|replace|replaceAll|at|charAt)$/.test(method) && ts.isPropertyAccessExpression(callee)) return { ...span, kind: 'slice', operand: this.expr(callee.expression) };
    const path = pathOf(ts, callee);
    return { ...span, kind: 'call', callee: path ? path.join('.') : 'call', types: path && this.typesOf(callee), args: node.arguments.map((arg) => this.expr(arg)) };
  }

  private entry(property: TS.ObjectLiteralElementLike): ObjectEntry[] {
    const ts = this.ts;
    if (ts.isSpreadAssignment(property)) return [{ kind: 'spread', value: this.expr(property.expression) }];
    if (ts.isShorthandPropertyAssignment(property)) {
      return [{ kind: 'property', key: property.name.text, value: this.expr(property.name) }];
    }
    if (!ts.isPropertyAssignment(property)) return [];
    return [{ kind: 'property', key: propertyName(ts, property.name), value: this.expr(property.initializer) }];
  }
}

/** Every node in document order, without recursion: generated code nests expressions ten thousand deep. */
export function forEachNode(ts: typeof TS, root: TS.Node, visit: (node: TS.Node) => void): void {
  const stack: TS.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const children: TS.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

/** The type an array type holds (`T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`), an optional one's (`T | undefined`) or the type itself. */
function elementOf(ts: typeof TS, type: TS.TypeNode): { element: TS.TypeNode; plural: boolean } {
  let element = type;
  let plural = false;
  for (;;) {
    if (ts.isParenthesizedTypeNode(element) || ts.isTypeOperatorNode(element)) element = element.type;
    else if (ts.isArrayTypeNode(element)) [element, plural] = [element.elementType, true];
    else if (ts.isUnionTypeNode(element) && element.types.filter((member) => !isNothing(ts, member)).length === 1) element = element.types.find((member) => !isNothing(ts, member))!;
    else if (ts.isTypeReferenceNode(element) && ts.isIdentifier(element.typeName) && /^(?:Readonly)?Array$/.test(element.typeName.text) && element.typeArguments?.length === 1) [element, plural] = [element.typeArguments[0]!, true];
    else return { element, plural };
  }
}

/** `undefined` and `null` in a union: what an optional value holds besides its type. */
function isNothing(ts: typeof TS, type: TS.TypeNode): boolean {
  return type.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword);
}

/** The type a variable without one takes from its initializer: a string's, a number's or a bool's, an array of them, `new Customer()`'s. */
function literalType(ts: typeof TS, initializer: TS.Expression): DeclaredType | undefined {
  if (isPlainLiteral(ts, initializer) || ts.isTemplateExpression(initializer)) return { typed: 'plain' };
  if (ts.isArrayLiteralExpression(initializer) && initializer.elements.length > 0 && initializer.elements.every((element) => isPlainLiteral(ts, element))) return { typed: 'plain' };
  if (ts.isNewExpression(initializer) && ts.isIdentifier(initializer.expression) && /^[A-Z]/.test(initializer.expression.text)) return { typed: 'named', name: initializer.expression.text };
  return undefined;
}

/** The function, method, arrow function or accessor that `node` is declared in, whose body is the scope of its parameters and variables. */
function enclosingFunction(ts: typeof TS, node: TS.Node): TS.Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (ts.isFunctionLike(parent)) return parent;
  return undefined;
}

function enclosingClassName(ts: typeof TS, node: TS.Node): string | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (ts.isClassLike(parent)) return parent.name?.text;
  return undefined;
}

/** `module.exports`, whose value `require('./logger')` gives. */
function isModuleExports(ts: typeof TS, node: TS.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function unwrap(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isAwaitExpression(current) || ts.isTypeAssertionExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

function isLiteral(ts: typeof TS, node: TS.Node): boolean {
  const kind = node.kind;
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword;
}

/** A string, number or bool literal; `null` says nothing of what the variable will hold. */
function isPlainLiteral(ts: typeof TS, node: TS.Node): boolean {
  return isLiteral(ts, node) && node.kind !== ts.SyntaxKind.NullKeyword;
}

function isConstDeclaration(ts: typeof TS, node: TS.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(node.parent) && (node.parent.flags & ts.NodeFlags.Const) !== 0;
}

function isTopLevel(ts: typeof TS, node: TS.VariableDeclaration): boolean {
  return ts.isVariableStatement(node.parent.parent) && ts.isSourceFile(node.parent.parent.parent);
}

/** `this.user.phone` → [this, user, phone]; `req.body["nric"]` → [req, body, nric]; `users[0]` → [users]. */
function pathOf(ts: typeof TS, node: TS.Expression): string[] | undefined {
  const [start, ...steps] = accessChain(ts, node);
  let path = ts.isIdentifier(start!) ? [start.text] : start!.kind === ts.SyntaxKind.ThisKeyword ? ['this'] : undefined;
  for (const step of steps) {
    if (ts.isPropertyAccessExpression(step)) (path ??= []).push(step.name.text);
    else if (path && ts.isElementAccessExpression(step) && ts.isStringLiteral(step.argumentExpression)) path.push(step.argumentExpression.text);
  }
  return path;
}

/**
 * The links an expression is read through, from what it starts from out to itself, without parentheses (`mail.recipients[0]`:
 * `mail`, `mail.recipients`, `mail.recipients[0]`): read down a loop, as a chain may be thousands of links long.
 */
function accessChain(ts: typeof TS, node: TS.Expression): TS.Expression[] {
  const links: TS.Expression[] = [];
  let link = node;
  for (; ts.isPropertyAccessExpression(link) || ts.isElementAccessExpression(link); link = unwrap(ts, link.expression)) links.push(link);
  links.push(link);
  return links.reverse();
}

/** `logger.child({…})`: a call that makes a child logger. */
function isChildCall(ts: typeof TS, node: TS.Expression): node is TS.CallExpression & { expression: TS.PropertyAccessExpression } {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'child';
}

function rootName(ts: typeof TS, node: TS.Node): string | undefined {
  let current = node;
  while (ts.isPropertyAccessExpression(current) || ts.isQualifiedName(current)) current = ts.isPropertyAccessExpression(current) ? current.expression : current.left;
  return ts.isIdentifier(current) ? current.text : undefined;
}

function propertyName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

/** winston `log('info', …)`: the level is the first argument. */
function levelArgument(ts: typeof TS, call: TS.CallExpression): string | undefined {
  const first = call.arguments[0];
  return first && ts.isStringLiteral(first) ? first.text : undefined;
}

