import type { Node, QueryCapture } from 'web-tree-sitter';
import type { LogCall } from '../../facts/log-calls.js';
import { LogCallBuilder, type FieldCall, type LogExpr, type ObjectEntry } from '../../log-call-builder.js';
import type { LineIndex } from '../../positions.js';
import { Scopes } from '../../scopes.js';
import type { SourceFile } from '../../types.js';
import type { DeclaredType, GoRedactionHook, PrintfCall, PrintfLogger } from './document.js';

/*
 * Log calls of a Go file: zap (and its sugared logger), logrus, log/slog, zerolog, klog, the standard
 * `log` and `fmt`. Packages are known by import path, whatever the alias; loggers by their declared
 * type (variables, parameters, struct fields), by what they were assigned (`logger := zap.L()`,
 * `log := logger.With(…)`), or else by a logger's usual name (`logger`, `log`, `l`, `s.logger`).
 */

type Library = 'zap' | 'zap.Sugar' | 'logrus' | 'slog' | 'zerolog' | 'log' | 'fmt' | 'klog' | 'unknown';

const PACKAGES: Record<string, string> = {
  'go.uber.org/zap': 'zap',
  'go.uber.org/zap/zapcore': 'zapcore',
  'github.com/sirupsen/logrus': 'logrus',
  'log/slog': 'slog',
  'golang.org/x/exp/slog': 'slog',
  'github.com/rs/zerolog': 'zerolog',
  'github.com/rs/zerolog/log': 'zerolog/log',
  log: 'log',
  fmt: 'fmt',
  os: 'os',
  'k8s.io/klog': 'klog',
  'k8s.io/klog/v2': 'klog',
};

/** Logger types by package and type name. */
const LOGGER_TYPES: Record<string, Library> = {
  'zap.Logger': 'zap',
  'zap.SugaredLogger': 'zap.Sugar',
  'logrus.Logger': 'logrus',
  'logrus.Entry': 'logrus',
  'logrus.FieldLogger': 'logrus',
  'logrus.Ext1FieldLogger': 'logrus',
  'slog.Logger': 'slog',
  'zerolog.Logger': 'zerolog',
  'log.Logger': 'log',
};

/** Package functions that return a logger. */
const CONSTRUCTORS: Record<string, Library> = {
  'zap.L': 'zap', 'zap.New': 'zap', 'zap.NewProduction': 'zap', 'zap.NewDevelopment': 'zap', 'zap.NewExample': 'zap', 'zap.NewNop': 'zap', 'zap.Must': 'zap', 'zap.S': 'zap.Sugar',
  'logrus.New': 'logrus', 'logrus.StandardLogger': 'logrus', 'logrus.WithField': 'logrus', 'logrus.WithFields': 'logrus', 'logrus.WithError': 'logrus', 'logrus.WithContext': 'logrus', 'logrus.NewEntry': 'logrus',
  'slog.New': 'slog', 'slog.Default': 'slog', 'slog.With': 'slog',
  'zerolog.New': 'zerolog', 'zerolog.Ctx': 'zerolog', 'zerolog/log.With': 'zerolog', 'zerolog/log.Logger': 'zerolog', 'zerolog/log.Ctx': 'zerolog',
  'log.New': 'log', 'log.Default': 'log',
  'klog.V': 'klog', 'klog.Background': 'klog', 'klog.FromContext': 'klog',
};

/** Methods that return a logger of the same library (or, for these two, of the other zap flavour). */
const DERIVING = new Set(['With', 'Named', 'WithOptions', 'WithField', 'WithFields', 'WithError', 'WithContext', 'WithTime', 'WithGroup', 'Logger', 'Level', 'Output', 'V', 'Hook', 'Sample', 'WithValues', 'WithName', 'Str', 'Int']);
const FLAVOUR: Record<string, Library> = { Sugar: 'zap.Sugar', Desugar: 'zap' };

const LEVELS = new Set(['debug', 'info', 'warn', 'warning', 'error', 'dpanic', 'panic', 'fatal', 'trace', 'print']);
/** Any of the levels, for the expressions that find a name beginning with one. */
const LEVEL_ALTERNATIVES = [...LEVELS].join('|');
const LEVEL_PREFIX = new RegExp(`^(?:${LEVEL_ALTERNATIVES})`);
const LOGGER_NAMES = new Set(['logger', 'log', 'l', 'lg', 'lgr', 'sugar', 'slogger', 'zlog', 'zl', 'zlogger', 'zaplog', 'zaplogger', 'sugared', 'entry', 'logging']);

/** Logging libraries' package names, which a project's own package may take to wrap one (`internal/zap` with `Info(msg, fields ...Field)`). */
const LIBRARY_NAMES = new Set(['zap', 'logrus', 'slog', 'zerolog', 'klog']);

/** A name of a logger, a logger's type or a logging package: `logger`, `log`, `Logger`, `appLogger`, `auditLog`. */
function namedLikeLogger(name: string): boolean {
  const lower = name.toLowerCase();
  return LOGGER_NAMES.has(lower) || lower.endsWith('logger') || /[a-z0-9]Log$|_log$/.test(name);
}

/**
 * A method a project's own logger may declare printf-style besides the libraries' (`PrintAuthf`, `ErrorCtxf`): named for a
 * level, ending in `f`. Its calls are log calls where the project declares it so (see readPrintfLogger).
 */
function mayBeProjectPrintf(method: string): boolean {
  const lower = method.toLowerCase();
  return lower.endsWith('f') && !LOG_METHODS.has(lower) && LEVEL_PREFIX.test(lower);
}

/** zap and slog field constructors that log their value whole, with its structure. */
const WHOLE_FIELDS = new Set(['Any', 'Reflect', 'Object', 'Objects', 'Array', 'Inline', 'Interface', 'Dict', 'Fields', 'EmbedObject', 'RawJSON']);
const KEYLESS_FIELDS = new Set(['Error', 'Inline', 'Skip', 'Stack', 'StackSkip', 'Namespace', 'Errors', 'Err', 'Caller', 'Timestamp', 'Ctx', 'Discard', 'Enabled']);
/** zerolog event methods that end the event and write it. */
const ZEROLOG_SENDS = new Set(['Msg', 'Msgf', 'Send', 'MsgFunc']);
const ZEROLOG_LEVELS = new Set(['Trace', 'Debug', 'Info', 'Warn', 'Error', 'Fatal', 'Panic', 'Err', 'WithLevel', 'Log', 'Print']);

/** Words in a hook that mark a replacement value: `"[REDACTED]"`, `"***"`, `"<masked>"`. */
const REDACTION_MARK = /redact|mask|\*{3,}|x{4,}|removed|hidden|filtered|censored|scrubbed|omitted/i;
const HOOK_SIGNATURES: [RegExp, GoRedactionHook['library']][] = [
  [/\bzapcore\.(?:Field|Core|Encoder|ObjectEncoder|Entry)\b|\bzap\.Field\b/, 'zap'],
  [/\bslog\.Attr\b/, 'slog'],
  [/\blogrus\.Entry\b/, 'logrus'],
];

/** The forms of a level method: printf-style `Infof`, sugared `Infow`, `Println`, klog's structured `InfoS`; each also as slog's `InfoContext` and klog's `InfoDepth`. */
const LEVEL_FORMS = ['', 'f', 'w', 'ln', 'S'];
const LEVEL_VARIANTS = ['', 'Context', 'Depth'];
/** Methods that give a logger fields (`With`, logrus `WithField`): read as calls that log those fields. */
const FIELD_METHODS = ['With', 'WithValues', 'WithField', 'WithFields'];
/** `fmt` functions that print to a writer (`fmt.Fprintf(os.Stderr, …)`); those that print to standard output are the `print` level's. */
const WRITER_PRINTS = ['Fprint', 'Fprintf', 'Fprintln'];
/** The end of a zerolog context, `log.With().Str(…).Logger()`: fields that every later event of the logger carries. */
const ZEROLOG_CONTEXT_END = 'Logger';

/**
 * Every method a log call is read from, lower case: `readCall` reads no other, and the text filter
 * `LOGGING_METHOD` is made from them, so that a file is never left unparsed for a method the reader knows.
 */
export const LOG_METHODS: ReadonlySet<string> = new Set(
  [
    ...[...LEVELS].flatMap((level) => LEVEL_FORMS.flatMap((form) => LEVEL_VARIANTS.map((variant) => `${level}${form}${variant}`))),
    'Log',
    'LogAttrs',
    ...FIELD_METHODS,
    ...WRITER_PRINTS,
    ...ZEROLOG_SENDS,
    ZEROLOG_CONTEXT_END,
  ].map((method) => method.toLowerCase()),
);

/**
 * Whether a file's text can hold a log call or a redaction hook: a logging method after a dot
 * (`.Info`, `.Errorw`, `.Msg`, `.WithField`, `.Println`; white space and comments may stand between
 * them), whatever its case, or a type a hook is known by. A file without any gives neither, and need
 * not be parsed for them. The words are the shortest of `LOG_METHODS` (`info` stands for `infof`, `infow` …).
 */
const LOGGING_METHOD = new RegExp(`\\.(?:\\s|\\/\\*[\\s\\S]*?\\*\\/|\\/\\/[^\\n]*\\n)*(?:${shortestPrefixes(LOG_METHODS).join('|')})`, 'i');

/** The declaration of a function or method named for a level and ending in `f`, which may be a project's own printf-style logger. */
const PRINTF_DECLARATION = new RegExp(`\\bfunc\\s*(?:\\([^)]*\\)\\s*)?(?:${LEVEL_ALTERNATIVES})\\w*f\\s*\\(`, 'i');

export function mayLog(text: string): boolean {
  return LOGGING_METHOD.test(text) || HOOK_SIGNATURES.some(([pattern]) => pattern.test(text)) || PRINTF_DECLARATION.test(text);
}

const MAX_DEPTH = 200;
const READ = ['comment', 'type_spec', 'import_spec', 'const_spec', 'field_declaration', 'parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'short_var_declaration', 'range_clause', 'assignment_statement', 'call_expression', 'function_declaration', 'method_declaration', 'func_literal'];

/**
 * The nodes `extract` reads, each captured by its type, in document order (an outer node before the
 * nodes in it): found inside WebAssembly, where a cursor's walk crosses into it three times a node.
 */
export const READ_QUERY = `[${READ.map((type) => `(${type}) @${type}`).join(' ')}]`;

/** The names an expression is read through, each with the named type it is declared with, where known. */
interface TypedPath {
  names: string[];
  types: (string | undefined)[];
}


const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
/** Nodes that open a block, where a variable declared inside them (`c := Customer{}`) goes out of scope at their end. */
const BLOCKS = new Set([
  ...FUNCTIONS, 'block', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement',
  'expression_case', 'type_case', 'default_case', 'communication_case',
]);

function enclosingFunction(node: Node): Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (FUNCTIONS.has(parent.type)) return parent;
  return undefined;
}

export class GoLogCalls {
  private readonly imports = new Map<string, string>();
  /** Packages imported that are no known library (the project's own, or another's), by local name: one named for logging may wrap a library. */
  private readonly otherPackages = new Set<string>();
  private readonly loggers = new Map<string, Library>();
  private readonly constants = new Set<string>();
  /** Variables and parameters declared with a named type of the project (`u *models.User`): logged whole, the type tells what they hold. */
  private readonly types = new Scopes<DeclaredType>();
  /** The fields of the file's struct types, by `Type.Field`: `m.Recipients` of a `Mail` holds what `Mail.Recipients` is declared to. */
  private readonly fieldTypes = new Map<string, DeclaredType>();
  /** The first result type of each function of the file, by name: `stats := newRunStats()` is what `newRunStats` returns. */
  private readonly resultTypes = new Map<string, DeclaredType>();
  /** typeOf's answers by node id, asked once every declaration is read. */
  private readonly typesOfNodes = new Map<number, DeclaredType | undefined>();
  /** libraryOf's answers for the calls of chains, by node id, asked as calls are read (once every declaration is read). */
  private readonly librariesOfCalls = new Map<number, Library | undefined>();
  private readonly calls: LogCall[] = [];
  private readonly hooks: GoRedactionHook[] = [];
  private readonly printfLoggers: PrintfLogger[] = [];
  private readonly printfCalls: PrintfCall[] = [];
  /** Type declarations by name: a hook's receiver type shows what it wraps (`struct{ zapcore.Encoder }`). */
  private readonly typeTexts = new Map<string, string>();
  /** Calls already read as links of a chain (zerolog events), not to be read again. */
  private readonly consumed = new Set<number>();

  constructor(
    private readonly file: SourceFile,
    private readonly lines: LineIndex,
    private readonly root: Node,
    /** The captures of READ_QUERY in `root`. */
    private readonly captures: readonly QueryCapture[],
    /** Generated code: only its comments are read. */
    private readonly generated: boolean,
    private readonly onComment: (node: Node) => void,
  ) {}

  extract(): { calls: LogCall[]; hooks: GoRedactionHook[]; fieldTypes: ReadonlyMap<string, DeclaredType>; printfLoggers: PrintfLogger[]; printfCalls: PrintfCall[] } {
    const calls: Node[] = [];
    const functions: Node[] = [];
    // A function may be declared after the calls whose results name its type.
    if (!this.generated) for (const { name, node } of this.captures) if (name === 'function_declaration') this.addResultType(node);
    for (const { name: type, node } of this.captures) {
      if (type === 'comment') {
        this.onComment(node);
        continue;
      }
      if (this.generated) continue;
      switch (type) {
        case 'import_spec':
          this.addImport(node);
          break;
        case 'type_spec': {
          const name = node.childForFieldName('name')?.text;
          if (name) this.typeTexts.set(name, node.text);
          break;
        }
        case 'const_spec':
          for (const name of node.childrenForFieldName('name')) this.constants.add(name.text);
          break;
        case 'field_declaration':
        case 'parameter_declaration':
        case 'variadic_parameter_declaration':
        case 'var_spec':
          this.addTyped(node);
          break;
        case 'short_var_declaration':
          this.addInferred(node.childForFieldName('left')?.namedChildren ?? [], node.childForFieldName('right'), node);
          this.addAssigned(node.childForFieldName('left')?.namedChildren ?? [], node.childForFieldName('right'));
          break;
        case 'range_clause':
          this.addRanged(node);
          break;
        case 'assignment_statement':
          this.addAssigned(node.childForFieldName('left')?.namedChildren ?? [], node.childForFieldName('right'));
          break;
        case 'call_expression':
          calls.push(node);
          break;
        case 'function_declaration':
        case 'method_declaration':
        case 'func_literal':
          functions.push(node);
          break;
      }
    }
    // Outermost calls first, so that a zerolog chain is read from its end.
    for (const call of calls) {
      if (!this.consumed.has(call.id)) this.readCall(call);
    }
    for (const fn of functions) {
      this.readHook(fn);
      this.readPrintfLogger(fn);
    }
    return { calls: this.calls, hooks: this.hooks, fieldTypes: this.fieldTypes, printfLoggers: this.printfLoggers, printfCalls: this.printfCalls };
  }

  // --- what names mean ---------------------------------------------------------------------

  private addImport(node: Node): void {
    const path = node.childForFieldName('path');
    if (!path) return;
    const pkg = PACKAGES[path.text.slice(1, -1)];
    const alias = node.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') return;
    if (pkg) this.imports.set(alias ?? (pkg === 'zerolog/log' ? 'log' : pkg), pkg);
    else this.otherPackages.add(alias ?? packageName(path.text.slice(1, -1)));
  }

  private addTyped(node: Node): void {
    const type = node.childForFieldName('type');
    const library = type ? this.typeLibrary(type) : undefined;
    const names = node.childrenForFieldName('name');
    if (library) for (const name of names) this.loggers.set(name.text, library);
    if (type && !library && node.type === 'field_declaration') for (const [key, declared] of fieldTypesOf(node)) this.fieldTypes.set(key, declared);
    else if (type && !library) {
      // A builtin type is kept too: `m string` in a closure hides the `m *Member` of the function around it.
      const declared = declaredType(type, node.type === 'variadic_parameter_declaration');
      const { startIndex: start, endIndex: end } = enclosingFunction(node) ?? { startIndex: 0, endIndex: Infinity };
      for (const name of names) this.types.add(name.text, declared, start, end);
    }
    if (node.type === 'var_spec') {
      const value = node.childForFieldName('value');
      if (value && !type) this.addInferred(names, value, node);
      if (value) this.addAssigned(names, value);
    }
  }

  /**
   * Variables whose type a literal or a function of the file gives them: `customer := "x"` a string, `c := Customer{…}` or
   * `&Customer{}` a Customer, `to := []string{…}` strings, `stats := newRunStats()` what `newRunStats` returns. Their scope runs
   * from the declaration to the end of the block it is in.
   */
  private addInferred(targets: readonly (Node | null)[], right: Node | null, declaration: Node): void {
    const values = right?.type === 'expression_list' ? right.namedChildren : right ? [right] : [];
    if (targets.length !== values.length && values.length !== 1) return;
    let block = declaration.parent;
    while (block && !BLOCKS.has(block.type)) block = block.parent;
    const scope = block ? { start: declaration.endIndex, end: block.endIndex } : { start: 0, end: Infinity };
    targets.forEach((target, index) => {
      // `next, err := loadNext()`: the first target takes the function's first result.
      const value = values.length === targets.length ? values[index] : index === 0 ? values[0] : undefined;
      const inferred = value && (literalType(value) ?? this.resultTypeOf(value));
      if (inferred && target?.type === 'identifier') this.types.add(target.text, inferred, scope.start, scope.end);
    });
  }

  private addResultType(declaration: Node): void {
    const name = declaration.childForFieldName('name')?.text;
    const result = declaration.childForFieldName('result');
    const first = result?.type === 'parameter_list' ? result.namedChildren.find((parameter) => parameter?.type === 'parameter_declaration')?.childForFieldName('type') : result;
    if (name && first) this.resultTypes.set(name, declaredType(first, false));
  }

  /** The declared result type of a call of a function of the file: `newRunStats()`. */
  private resultTypeOf(value: Node): DeclaredType | undefined {
    const callee = value.type === 'call_expression' ? value.childForFieldName('function') : undefined;
    return callee?.type === 'identifier' ? this.resultTypes.get(callee.text) : undefined;
  }

  /**
   * `for _, b := range blocks`: the element of a list declared with its type (`blocks ...*Block`, `customers []Customer`) is one
   * of that type, or plain where the list is of plain values; its scope is the loop.
   */
  private addRanged(clause: Node): void {
    const element = clause.childForFieldName('left')?.namedChildren[1];
    const list = clause.childForFieldName('right');
    const loop = clause.parent;
    if (element?.type !== 'identifier' || list?.type !== 'identifier' || !loop) return;
    const declared = this.typeAt(list.text, clause.startIndex);
    if (!declared || !(declared.plain || declared.type?.endsWith('s'))) return;
    this.types.add(element.text, { type: declared.type?.slice(0, -1), plain: declared.plain }, clause.endIndex, loop.endIndex);
  }

  private typeLibrary(type: Node): Library | undefined {
    let node: Node | null = type;
    while (node && (node.type === 'pointer_type' || node.type === 'parenthesized_type')) node = node.namedChildren[0] ?? null;
    if (node?.type !== 'qualified_type') return undefined;
    const pkg = this.imports.get(node.childForFieldName('package')?.text ?? '');
    return pkg ? LOGGER_TYPES[`${pkg}.${node.childForFieldName('name')?.text}`] : undefined;
  }

  /** The type of the variable `name` at offset `at`: the one declared in the innermost function or block around it, or in the file. */
  private typeAt(name: string, at: number): DeclaredType | undefined {
    return this.types.at(name, at);
  }

  private addAssigned(targets: readonly (Node | null)[], right: Node | null): void {
    if (!right) return;
    const values = right.type === 'expression_list' ? right.namedChildren : [right];
    targets.forEach((target, index) => {
      // `logger, err := zap.NewProduction()`: the logger is the first of the results.
      const value = values[index] ?? (index === 0 ? values[0] : undefined);
      const library = value ? this.libraryOf(value, false) : undefined;
      const name = target?.type === 'selector_expression' ? target.childForFieldName('field')?.text : target?.text;
      if (library && name) this.loggers.set(name, library);
    });
  }

  /**
   * The logging library an expression's value belongs to: a package, a logger, or something derived from one. A chain of calls
   * (`zap.L().Named("a").Sugar()`) is read down to where it starts, or to a call whose library is known, and its methods applied
   * from there outwards: a recursion down a chain thousands of calls long overflows the stack, and each of its calls is read as a
   * log call (`l.With(…).With(…)`), whose reads of the chain below it would grow with the square of its length.
   */
  private libraryOf(node: Node, guess: boolean): Library | undefined {
    const derivations: { call: Node; method: string }[] = [];
    let link: Node | undefined = node;
    let library: Library | undefined;
    while (link) {
      if (link.type === 'parenthesized_expression' || link.type === 'unary_expression') {
        link = link.namedChildren[0];
        continue;
      }
      if (guess && this.librariesOfCalls.has(link.id)) {
        library = this.librariesOfCalls.get(link.id);
        break;
      }
      const called = link.type === 'call_expression' ? this.calledLibrary(link, guess) : { library: this.namedLibrary(link, guess) };
      if ('library' in called) {
        library = called.library;
        break;
      }
      derivations.push({ call: link, method: called.method });
      link = called.receiver;
    }
    for (let index = derivations.length - 1; index >= 0; index--) {
      const { call, method } = derivations[index]!;
      library = library && derivedLibrary(library, method);
      if (guess) this.librariesOfCalls.set(call.id, library);
    }
    return library;
  }

  /** The library of a name: a package, a logger, or (with `guess`) a receiver named like one. */
  private namedLibrary(node: Node, guess: boolean): Library | undefined {
    switch (node.type) {
      case 'identifier': {
        const pkg = this.imports.get(node.text);
        if (pkg) return packageLibrary(pkg);
        return this.loggers.get(node.text) ?? (guess ? this.guess(node.text) : undefined);
      }
      case 'selector_expression': {
        const operand = node.childForFieldName('operand')!;
        const field = node.childForFieldName('field')!.text;
        const pkg = operand.type === 'identifier' ? this.imports.get(operand.text) : undefined;
        if (pkg) return CONSTRUCTORS[`${pkg}.${field}`];
        return this.loggers.get(field) ?? (guess ? this.guess(field) : undefined);
      }
      default:
        return undefined;
    }
  }

  /** The library a call's value belongs to where its callee tells (a package's constructor), else the receiver and method it derives it by. */
  private calledLibrary(call: Node, guess: boolean): { library: Library | undefined } | { receiver: Node; method: string } {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression') return { library: undefined };
    const receiver = callee.childForFieldName('operand')!;
    const method = callee.childForFieldName('field')!.text;
    const pkg = receiver.type === 'identifier' ? this.imports.get(receiver.text) : undefined;
    if (pkg) return { library: CONSTRUCTORS[`${pkg}.${method}`] ?? (pkg === 'zerolog/log' && ZEROLOG_LEVELS.has(method) ? 'zerolog' : undefined) };
    if (receiver.type === 'identifier' && this.isWrapper(receiver.text) && CONSTRUCTORS[`${receiver.text}.${method}`]) return { library: this.guess(receiver.text) };
    return { receiver, method };
  }

  /**
   * `log.Ctx(ctx).Info().Str(…)` where `log` is the project's own package handing out zerolog loggers: the library
   * of the name the chain starts from, `unknown` when it is named like a logger and the file imports no logging library.
   */
  private chainRootLibrary(chain: Node): Library | undefined {
    let link: Node | null = chain;
    while (link?.type === 'call_expression' || link?.type === 'selector_expression') link = link.type === 'call_expression' ? link.childForFieldName('function') : link.childForFieldName('operand');
    return link?.type === 'identifier' && this.libraryOf(link, true) === 'unknown' ? 'unknown' : undefined;
  }

  /** A receiver named like a logger (`logger`, `log`, `s.logger`, `appLogger`): the library this file imports, if one. */
  private guess(name: string): Library | undefined {
    if (!namedLikeLogger(name) && !this.isWrapper(name)) return undefined;
    const imported = new Set(this.imports.values());
    for (const pkg of ['zap', 'logrus', 'slog', 'zerolog', 'zerolog/log', 'klog']) {
      if (imported.has(pkg)) return packageLibrary(pkg);
    }
    return 'unknown';
  }

  /**
   * A package of the project's (not a known library) named for logging or for a logging library (`internal/log`, `pkg/zap`):
   * it may wrap a library under the library's own names (`log.Info(msg, log.String("email", e))`, `zap.L()`), read as that library is.
   */
  private isWrapper(name: string): boolean {
    return this.otherPackages.has(name) && (namedLikeLogger(name) || LIBRARY_NAMES.has(name));
  }

  // --- calls ---------------------------------------------------------------------------------

  private readCall(call: Node): void {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression') return;
    const receiver = callee.childForFieldName('operand')!;
    const method = callee.childForFieldName('field')!.text;
    const projectPrintf = mayBeProjectPrintf(method);
    if (!LOG_METHODS.has(method.toLowerCase()) && !projectPrintf) return;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((arg) => arg.type !== 'comment') ?? [];
    // The zap package has no log functions of its own: `zap.Error(err)` is a field, logged by the call it is given to.
    if (receiver.type === 'identifier' && this.imports.get(receiver.text) === 'zap') return;
    const library = this.libraryOf(receiver, true) ?? (ZEROLOG_SENDS.has(method) ? this.chainRootLibrary(receiver) : undefined);
    if (!library) return;
    if (projectPrintf) {
      this.printfCalls.push({ method, library, callee: callee.text, args: args.map((arg) => this.expr(arg)), ...spanOf(call) });
      return;
    }
    if (library === 'zerolog' || (library === 'unknown' && ZEROLOG_SENDS.has(method))) {
      this.readZerolog(call, method, args);
      return;
    }
    const builder = new LogCallBuilder(this.file.text, this.lines, (expr) => this.fieldCall(expr));
    if (!this.readMethod(builder, library, method, args.map((arg) => this.expr(arg)), args)) return;
    this.calls.push(builder.finish({ path: this.file.path, library, callee: callee.text, span: spanOf(call) }));
  }

  /** Reads a method's arguments into the builder; false when the method does not log. */
  private readMethod(builder: LogCallBuilder, library: Library, method: string, args: LogExpr[], nodes: Node[]): boolean {
    const [first, ...rest] = args;
    if (method === 'With' || method === 'WithValues') {
      if (library === 'zap') builder.addFieldCalls(this.withoutErrorFields(args));
      else builder.addPairs(args);
      return true;
    }
    if (library === 'logrus' && method === 'WithField' && first && rest[0]) {
      builder.addField(first, rest[0], true);
      return true;
    }
    if (library === 'logrus' && method === 'WithFields' && first) {
      builder.addPairs([first]);
      return true;
    }
    if (library === 'fmt' || library === 'log') return this.readPrint(builder, library, method, args, nodes);
    if (!isLevelMethod(method)) return false;
    const suffix = method.slice(stem(method).length);
    if (suffix === 'f') builder.addFormat(formatOf(first), rest, this.formatter);
    else if (suffix === 'w' || suffix === 'S' || library === 'slog' || library === 'unknown') this.readMessageAndPairs(builder, library, method, args);
    else if (library === 'zap') {
      if (first) builder.addMessage(first, this.formatter);
      builder.addFieldCalls(this.withoutErrorFields(rest));
    } else builder.addPrinted(args, this.formatter);
    return true;
  }

  /** slog `Info(msg, kv…)`, `InfoContext(ctx, msg, kv…)`, `Log(ctx, level, msg, kv…)`; sugared `Infow`; klog `InfoS`/`ErrorS(err, msg, kv…)`. */
  private readMessageAndPairs(builder: LogCallBuilder, library: Library, method: string, args: LogExpr[]): void {
    let skip = 0;
    if (library === 'slog' && (method.endsWith('Context') || method === 'Log' || method === 'LogAttrs')) skip = method.startsWith('Log') ? 2 : 1;
    if (method === 'ErrorS') skip = 1;
    const message = args[skip];
    // A logger of a package merlint does not know, called like `log.Error("failed for %s", email)`: a format.
    if (library === 'unknown' && message?.kind === 'string' && /%[-+# 0-9.]*[a-zA-Z]/.test(this.file.text.slice(message.contentStart, message.contentEnd)) && args.length > skip + 1) {
      builder.addFormat(message, args.slice(skip + 1), this.formatter);
      return;
    }
    if (message) builder.addMessage(message, this.formatter);
    builder.addPairs(args.slice(skip + 1));
  }

  /** `fmt.Printf`, `fmt.Fprintf(os.Stderr, …)`, `log.Println`, `log.Fatalf`: printed or formatted, with no fields. */
  private readPrint(builder: LogCallBuilder, library: Library, method: string, args: LogExpr[], nodes: Node[]): boolean {
    let values = args;
    if (library === 'fmt') {
      if (method.startsWith('Fprint')) {
        const writer = nodes[0]?.text ?? '';
        if (!/^os\.(?:Stdout|Stderr)$|log/i.test(writer)) return false;
        values = args.slice(1);
      } else if (!method.startsWith('Print')) return false;
    } else if (!/^(?:Print|Fatal|Panic)(?:f|ln)?$/.test(method)) return false;
    if (method.endsWith('f')) builder.addFormat(formatOf(values[0]), values.slice(1), this.formatter);
    else builder.addPrinted(values, this.formatter);
    return true;
  }

  /** A zerolog event: `log.Info().Str("phone", p).Msg("…")`, read from its end down to the level, or a context `With().Str(…).Logger()`. */
  private readZerolog(call: Node, method: string, args: Node[]): void {
    const isSend = ZEROLOG_SENDS.has(method);
    if (!isSend && method !== 'Logger') return;
    const builder = new LogCallBuilder(this.file.text, this.lines, (expr) => this.fieldCall(expr));
    let atLevel = false;
    let levelCallee = '';
    let context = false;
    for (let link = call.childForFieldName('function')?.childForFieldName('operand'); link?.type === 'call_expression'; ) {
      this.consumed.add(link.id);
      const callee = link.childForFieldName('function');
      if (callee?.type !== 'selector_expression') break;
      const name = callee.childForFieldName('field')!.text;
      const linkArgs = link.childForFieldName('arguments')?.namedChildren.filter((arg) => arg.type !== 'comment') ?? [];
      if (ZEROLOG_LEVELS.has(name)) {
        atLevel = true;
        levelCallee = `${callee.text}()`;
        break;
      }
      if (name === 'With') {
        context = true;
        levelCallee = `${callee.text}()`;
        break;
      }
      this.zerologField(builder, name, linkArgs);
      link = callee.childForFieldName('operand');
    }
    if (isSend ? !atLevel : !context) return;
    if (method === 'Msg' && args[0]) builder.addMessage(this.expr(args[0]), this.formatter);
    if (method === 'Msgf' && args[0]) builder.addFormat(formatOf(this.expr(args[0])), args.slice(1).map((arg) => this.expr(arg)), this.formatter);
    this.calls.push(builder.finish({ path: this.file.path, library: 'zerolog', callee: `${levelCallee}….${method}`, span: spanOf(call) }));
  }

  private zerologField(builder: LogCallBuilder, name: string, args: Node[]): void {
    if (KEYLESS_FIELDS.has(name) || args.length === 0) return;
    if (name === 'Fields') {
      builder.addPairs([this.expr(args[0]!)]);
      return;
    }
    if (args.length >= 2) builder.addField(this.expr(args[0]!), this.expr(args[1]!), WHOLE_FIELDS.has(name));
  }

  private readonly formatter = (callee: string): boolean => {
    const [pkg, fn] = callee.split('.');
    return this.imports.get(pkg ?? '') === 'fmt' && (fn === 'Sprintf' || fn === 'Errorf');
  };

  /**
   * The fields of a zap call but those that log an error's message or the call's place (`zap.Error(errs.ErrNotEnoughStartedMembers)`,
   * `zap.Stack("stack")`), which are no record whatever the error's name; `zap.Inline(user)` logs a record whole.
   */
  private withoutErrorFields(args: readonly LogExpr[]): LogExpr[] {
    return args.filter((arg) => {
      if (arg.kind !== 'call') return true;
      const [pkg, name = ''] = arg.callee.split('.');
      return this.imports.get(pkg ?? '') !== 'zap' || !KEYLESS_FIELDS.has(name) || WHOLE_FIELDS.has(name);
    });
  }

  /**
   * `zap.String("phone", p)`, `slog.Any("user", u)`, `slog.Group("user", …)`: a field constructor of zap or slog, or one of the same
   * name that a project's package wrapping a library declares, with its key written (`log.String("email", e)`).
   */
  private fieldCall(expr: LogExpr): FieldCall | undefined {
    if (expr.kind !== 'call') return undefined;
    const [pkg, name] = expr.callee.split('.');
    const library = this.imports.get(pkg ?? '');
    const wrapped = this.isWrapper(pkg ?? '') && expr.args[0]?.kind === 'string';
    if ((library !== 'zap' && library !== 'slog' && !wrapped) || !name || KEYLESS_FIELDS.has(name) || /^(?:New\w*|L|S|Must|WrapCore|AddCaller\w*|AddStacktrace|Hooks|Fields|Development|IncreaseLevel|ErrorOutput|Option|\w+Value|Level\w*|Handler\w*)$/.test(name)) return undefined;
    const [key, ...values] = expr.args;
    if (!key) return undefined;
    return { key, values, whole: WHOLE_FIELDS.has(name), group: library === 'slog' && name === 'Group' };
  }

  // --- expressions ---------------------------------------------------------------------------

  private depth = 0;

  /** An argument as the neutral view; nesting deeper than any log message (`a + b + …` ten thousand times) is left unread. */
  private expr(node: Node): LogExpr {
    if (this.depth > MAX_DEPTH) return { ...spanOf(node), kind: 'other' };
    this.depth++;
    try {
      return this.readExpr(node);
    } finally {
      this.depth--;
    }
  }

  private readExpr(node: Node): LogExpr {
    const span = spanOf(node);
    switch (node.type) {
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return { ...span, kind: 'string', contentStart: node.startIndex + 1, contentEnd: node.endIndex - 1 };
      case 'int_literal':
      case 'float_literal':
      case 'imaginary_literal':
      case 'rune_literal':
      case 'true':
      case 'false':
      case 'nil':
      case 'iota':
        return { ...span, kind: 'constant' };
      case 'identifier':
      case 'selector_expression':
      case 'index_expression': {
        if (node.type === 'identifier' && this.constants.has(node.text)) return { ...span, kind: 'constant' };
        const path = this.pathOf(node);
        if (!path) return { ...span, kind: 'other' };
        return { ...span, kind: 'name', path: path.names, types: path.types, plain: this.typeOf(node)?.plain };
      }
      case 'binary_expression':
        if (node.childForFieldName('operator')?.text === '+') return { ...span, kind: 'concat', operands: [node.childForFieldName('left')!, node.childForFieldName('right')!].flatMap((side) => operands(this.expr(side))) };
        return { ...span, kind: 'other' };
      case 'parenthesized_expression':
      case 'type_assertion_expression':
        return node.namedChildren[0] ? this.expr(node.namedChildren[0]) : { ...span, kind: 'other' };
      case 'unary_expression':
        return ['&', '*'].includes(node.childForFieldName('operator')?.text ?? '') ? this.expr(node.childForFieldName('operand')!) : { ...span, kind: 'other' };
      case 'slice_expression':
        return { ...span, kind: 'slice', operand: this.expr(node.childForFieldName('operand')!) };
      case 'call_expression': {
        const callee = node.childForFieldName('function')!;
        const args = node.childForFieldName('arguments')?.namedChildren.filter((arg) => arg.type !== 'comment' && arg.type !== 'variadic_argument') ?? [];
        const path = callee.type === 'identifier' || callee.type === 'selector_expression' ? this.pathOf(callee) : undefined;
        const name = path ? path.names.join('.') : callee.type.includes('type') ? callee.text : 'call';
        return { ...span, kind: 'call', callee: name, types: path?.types, args: args.map((arg) => this.expr(arg)) };
      }
      case 'composite_literal':
        return this.compositeLiteral(node);
      default:
        return { ...span, kind: 'other' };
    }
  }

  /**
   * The declared type of a variable, of a field of the file's struct types read through one (`m.Recipients`), or of an element
   * of either (`m.Recipients[0]`: a string of `[]string`, a Customer of `[]Customer`, named `Customers`). Kept by node: the
   * path of a chain of selectors asks it of each link, which asks it of the link before (4,600 links took 24 s; found by fuzzing).
   * The links of a chain are typed from its start outwards, each from the one before it: a recursion down a chain thousands of
   * links long overflows the stack.
   */
  private typeOf(node: Node): DeclaredType | undefined {
    const untyped: Node[] = [];
    for (let link: Node | undefined = node; link && !this.typesOfNodes.has(link.id); link = typedOperand(link)) untyped.push(link);
    for (let index = untyped.length - 1; index >= 0; index--) this.typesOfNodes.set(untyped[index]!.id, this.declaredTypeOf(untyped[index]!));
    return this.typesOfNodes.get(node.id);
  }

  /** A node's declared type, that of the operand it is read through (typeOf's answer, known by then) given. */
  private declaredTypeOf(node: Node): DeclaredType | undefined {
    const operand = typedOperand(node);
    switch (node.type) {
      case 'identifier':
        return this.typeAt(node.text, node.startIndex);
      case 'selector_expression': {
        const owner = this.typeOf(operand!)?.type;
        return owner === undefined ? undefined : this.fieldTypes.get(`${owner}.${node.childForFieldName('field')!.text}`);
      }
      default:
        return operand ? this.typeOf(operand) : undefined;
    }
  }

  /**
   * `user.Contact.Phone` → [user, Contact, Phone]; `m["phone"]` → [m, phone]; `users[0]` → [users]; `getUser().Phone` → [getUser, Phone];
   * each name with the named type it is declared with (`r.GetFullName()` of `r *github.Repository`: [r, GetFullName] of [Repository, undefined]),
   * so that whose name or e-mail a field is need not hang on what the variable is called.
   */
  private pathOf(node: Node): TypedPath | undefined {
    // Down the chain to the name it starts from, then back out adding a name a link: a recursion down a chain thousands of
    // links long overflows the stack.
    const links: Node[] = [];
    let start: Node | undefined = node;
    while (start && PATH_LINKS.has(start.type)) {
      links.push(start);
      start = start.type === 'call_expression' ? start.childForFieldName('function')! : start.type === 'parenthesized_expression' || start.type === 'unary_expression' ? start.namedChildren.at(-1) : start.childForFieldName('operand')!;
    }
    let path = start && this.startOfPath(start);
    for (let index = links.length - 1; index >= 0; index--) path = this.extendedPath(path, links[index]!);
    return path;
  }

  /** The path of the name a chain starts from: `user` of `user.Contact.Phone`. */
  private startOfPath(node: Node): TypedPath | undefined {
    switch (node.type) {
      case 'identifier':
        return { names: [node.text], types: [this.typeAt(node.text, node.startIndex)?.type] };
      case 'field_identifier':
      case 'package_identifier':
        return { names: [node.text], types: [undefined] };
      default:
        return undefined;
    }
  }

  /** `path`, the path of a link's operand, extended in place by the link: a selector's name, a string index's key. */
  private extendedPath(path: TypedPath | undefined, link: Node): TypedPath | undefined {
    switch (link.type) {
      case 'selector_expression': {
        const extended = path ?? { names: [], types: [] };
        extended.names.push(link.childForFieldName('field')!.text);
        extended.types.push(this.typeOf(link)?.type);
        return extended;
      }
      case 'index_expression': {
        const index = link.childForFieldName('index');
        if (path && index?.type === 'interpreted_string_literal') {
          path.names.push(index.text.slice(1, -1));
          path.types.push(undefined);
        }
        return path;
      }
      default:
        return path;
    }
  }

  /** `logrus.Fields{"phone": p}`, `map[string]any{…}`: an object of fields; a struct literal is a record of its type. */
  private compositeLiteral(node: Node): LogExpr {
    const span = spanOf(node);
    const body = node.childForFieldName('body');
    const elements = body?.namedChildren.filter((child) => child.type === 'keyed_element') ?? [];
    const entries: ObjectEntry[] = [];
    for (const element of elements) {
      const [key, value] = element.namedChildren.map((child) => (child.type === 'literal_element' ? (child.namedChildren[0] ?? child) : child));
      if (!key || !value) continue;
      const isString = key.type === 'interpreted_string_literal' || key.type === 'raw_string_literal';
      if (!isString) {
        const type = node.childForFieldName('type')?.text.replace(/^.*\./, '') ?? 'struct';
        return { ...span, kind: 'name', path: [type], types: [type] };
      }
      entries.push({ kind: 'property', key: key.text.slice(1, -1), value: this.expr(value) });
    }
    return { ...span, kind: 'object', entries };
  }

  // --- redaction hooks ---------------------------------------------------------------------------

  /**
   * A function that rewrites fields by key before they are written: a zap core's `Write`, an encoder's
   * `AddString`, a slog `ReplaceAttr`, a logrus hook's `Fire` — seen by its types, a test of a key
   * against words, and a replacement value such as `"[REDACTED]"`.
   */
  private readHook(fn: Node): void {
    const text = fn.text;
    const receiver = fn.type === 'method_declaration' ? receiverType(fn) : undefined;
    const wraps = `${text}\n${receiver ? (this.typeTexts.get(receiver) ?? '') : ''}`;
    const signature = HOOK_SIGNATURES.find(([pattern]) => pattern.test(wraps));
    if (!signature) return;
    const literals: string[] = [];
    let marked = /\b(?:redact|mask|hash|sanitize|anonymize|scrub)\w*\(/i.test(text);
    for (const match of text.matchAll(/"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g)) {
      const literal = match[1] ?? match[2] ?? '';
      if (REDACTION_MARK.test(literal)) marked = true;
      else if (/^[A-Za-z_][\w.-]{1,40}$/.test(literal)) literals.push(literal.toLowerCase());
    }
    if (!marked || !/\bKey\b|\bkey\b|\.Data\[/.test(text)) return;
    const keyWords = [...new Set([...literals, ...this.listedWords(text)])];
    if (keyWords.length === 0) return;
    const name = fn.type === 'func_literal' ? undefined : (receiver ?? fn.childForFieldName('name')?.text);
    this.hooks.push({ library: signature[1], keyWords, range: this.lines.range(fn.startIndex, fn.childForFieldName('body')?.startIndex ?? fn.endIndex), name });
  }

  /**
   * `func (l *Logger) PrintAuthf(username string, req *http.Request, status AuthStatus, format string, a ...interface{})`, or such a
   * function of a package named for logging: a logger's method named for a level and ending in `f` whose last parameters are a
   * string and `...interface{}` (or `...any`) writes a format with those arguments. A helper that only formats (`errorf` of a
   * Server, `Wrapf` of an errors package) is no logger's.
   */
  private readPrintfLogger(fn: Node): void {
    const method = fn.childForFieldName('name')?.text;
    if (fn.type === 'func_literal' || !method || !mayBeProjectPrintf(method)) return;
    const owner = fn.type === 'method_declaration' ? receiverType(fn) : this.root.namedChildren.find((child) => child.type === 'package_clause')?.namedChildren[0]?.text;
    if (!owner || !namedLikeLogger(owner)) return;
    const parameters = fn.childForFieldName('parameters')?.namedChildren.filter((parameter) => parameter.type !== 'comment') ?? [];
    const [format, rest] = parameters.slice(-2);
    if (rest?.type !== 'variadic_parameter_declaration' || !/^(?:interface\s*\{\s*\}|any)$/.test(rest.childForFieldName('type')?.text ?? '') || format?.childForFieldName('type')?.text !== 'string') return;
    const plainParameters = parameters.flatMap((parameter) => {
      const plain = PLAIN_TYPE.test(parameter.childForFieldName('type')?.text ?? '');
      return Array<boolean>(Math.max(1, parameter.childrenForFieldName('name').length)).fill(plain);
    });
    this.printfLoggers.push({ method, formatIndex: plainParameters.length - 2, plainParameters: plainParameters.slice(0, -2) });
  }

  /** Words of package-level lists a hook reads by name (`sensitiveKeys`), written in the same file. */
  private listedWords(hookText: string): string[] {
    const words: string[] = [];
    for (const declaration of this.root.namedChildren) {
      if (declaration.type !== 'var_declaration' && declaration.type !== 'const_declaration') continue;
      const names = declaration.descendantsOfType(['var_spec', 'const_spec']).flatMap((spec) => spec?.childrenForFieldName('name').map((name) => name.text) ?? []);
      if (!names.some((name) => new RegExp(`\\b${name}\\b`).test(hookText))) continue;
      for (const match of declaration.text.matchAll(/"([A-Za-z_][\w.-]{1,40})"/g)) words.push(match[1]!.toLowerCase());
    }
    return words;
  }
}

/** The query for struct fields alone, for a file read only for its package's types. */
export const FIELD_QUERY = '(field_declaration) @field_declaration';

/** The fields of the struct types declared where these captures of FIELD_QUERY are, by `Type.Field`. */
export function structFieldTypes(captures: readonly QueryCapture[]): Map<string, DeclaredType> {
  return new Map(captures.flatMap(({ node }) => fieldTypesOf(node)));
}

/** `Recipients []string` in `type Mail struct { … }`, under `Mail.Recipients`; nothing for a field of an unnamed struct. */
function fieldTypesOf(field: Node): [string, DeclaredType][] {
  const type = field.childForFieldName('type');
  const struct = field.parent?.parent;
  const owner = struct?.type === 'struct_type' && struct.parent?.type === 'type_spec' ? struct.parent.childForFieldName('name')?.text : undefined;
  if (!type || !owner) return [];
  return field.childrenForFieldName('name').map((name) => [`${owner}.${name.text}`, declaredType(type, false)]);
}

/** A string, number or bool, a pointer to one, or a slice or array of them. */
const PLAIN_TYPE = /^(?:\[\d*\]|\*)*(?:string|bool|byte|rune|u?int(?:8|16|32|64)?|uintptr|float(?:32|64)|complex(?:64|128))$/;

/** The type a declaration names; a variadic parameter (`to ...string`) holds a slice of it. */
function declaredType(type: Node, variadic: boolean): DeclaredType {
  const named = namedType(type);
  return { type: named && variadic ? `${named}s` : named, plain: PLAIN_TYPE.test(type.text) };
}

const PLAIN_LITERALS = new Set(['interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'true', 'false']);

/** The type a literal gives a variable declared with it: `"x"`, `42`, `true`; `Customer{…}`, `&Customer{…}`, `[]string{…}`. */
function literalType(value: Node): DeclaredType | undefined {
  if (PLAIN_LITERALS.has(value.type)) return { type: undefined, plain: true };
  switch (value.type) {
    case 'composite_literal': {
      const type = value.childForFieldName('type');
      return type ? declaredType(type, false) : undefined;
    }
    case 'unary_expression': {
      const operand = value.childForFieldName('operand');
      return value.childForFieldName('operator')?.text === '&' && operand?.type === 'composite_literal' ? literalType(operand) : undefined;
    }
    default:
      return undefined;
  }
}

/** `*models.User` → User, `[]User` → Users, `*runStats` → runStats; undefined for predeclared and unnamed types. */
function namedType(type: Node): string | undefined {
  const text = type.text.replace(/^[*&]+/, '');
  const plural = /^\[\]\*?/.test(text);
  const name = /^(?:\[\]\*?)?(?:\w+\.)?([A-Za-z_]\w*)$/.exec(text)?.[1];
  if (name === undefined || PREDECLARED_TYPES.has(name)) return undefined;
  return plural ? `${name}s` : name;
}

const PREDECLARED_TYPES = new Set([
  'any', 'bool', 'byte', 'comparable', 'complex64', 'complex128', 'error', 'float32', 'float64', 'int', 'int8', 'int16', 'int32', 'int64',
  'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
]);

/** What a logger's method `method` returns, of a logger of `library`: one of the same library, of zap's other flavour, or none. */
function derivedLibrary(library: Library, method: string): Library | undefined {
  if (FLAVOUR[method] && library.startsWith('zap')) return FLAVOUR[method];
  // A zerolog logger's methods give events and contexts, which log like it.
  if (library === 'zerolog') return library;
  return DERIVING.has(method) ? library : undefined;
}

/** The links a path is read through down to the name it starts from (`getUser().Phone`, `(*u).Phone`, `m["phone"]`). */
const PATH_LINKS = new Set(['selector_expression', 'index_expression', 'call_expression', 'parenthesized_expression', 'unary_expression']);

/** The operand whose declared type a node's type is read from: a selector's, an index's, a parenthesis's or a unary operator's. */
function typedOperand(node: Node): Node | undefined {
  switch (node.type) {
    case 'selector_expression':
    case 'index_expression':
    case 'parenthesized_expression':
    case 'unary_expression':
      return node.childForFieldName('operand') ?? node.namedChildren[0] ?? undefined;
    default:
      return undefined;
  }
}

/** The name a package is declared with, as its import path usually ends: `example.com/app/internal/log` → log, `…/zap/v2` → zap, `gopkg.in/yaml.v3` → yaml. */
function packageName(path: string): string {
  const parts = path.split('/');
  const last = parts.length > 1 && /^v\d+$/.test(parts.at(-1)!) ? parts.at(-2)! : parts.at(-1)!;
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '');
}

function packageLibrary(pkg: string): Library | undefined {
  if (pkg === 'zerolog/log' || pkg === 'zerolog') return 'zerolog';
  if (pkg === 'zapcore' || pkg === 'os') return undefined;
  return pkg as Library;
}

/** `Infow` → Info, `Errorf` → Error, `InfoContext` → Info, `Println` → Print, `InfoS` → Info. */
function stem(method: string): string {
  return method.replace(/(?:Context|Depth)$/, '').replace(/(?:ln|f|w|S)$/, '');
}

function isLevelMethod(method: string): boolean {
  return method === 'Log' || method === 'LogAttrs' || LEVELS.has(stem(method).toLowerCase());
}

/** The words that begin with no other of them, in order: [info, infof, infow, warn, warning] → [info, warn]. */
function shortestPrefixes(words: Iterable<string>): string[] {
  const prefixes: string[] = [];
  for (const word of [...words].sort()) {
    // Sorted, the words a prefix begins follow it before any other word does.
    const last = prefixes[prefixes.length - 1];
    if (last === undefined || !word.startsWith(last)) prefixes.push(word);
  }
  return prefixes;
}

function receiverType(method: Node): string | undefined {
  const receiver = method.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type');
  return receiver?.text.replace(/^\*/, '').replace(/\[.*$/, '');
}

function operands(expr: LogExpr): LogExpr[] {
  return expr.kind === 'concat' ? [...expr.operands] : [expr];
}

function spanOf(node: Node): { start: number; end: number } {
  return { start: node.startIndex, end: node.endIndex };
}

function emptyExpr(): LogExpr {
  return { start: 0, end: 0, kind: 'constant' };
}

/** A printf-style method's format argument: Go declares it `format string`, so a name there is a string, whatever its words (`logFmtErrForUser`). */
function formatOf(expr: LogExpr | undefined): LogExpr {
  if (!expr) return emptyExpr();
  return expr.kind === 'name' ? { ...expr, plain: true } : expr;
}
