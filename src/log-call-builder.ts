import type { LogCall, LogField, LogRedaction, LogValue, MessagePart } from './facts/log-calls.js';
import type { LineIndex } from './positions.js';

/*
 * Builds log-call facts from a small, language-neutral view of the argument expressions. Each
 * language that writes logs (Go, TypeScript/JavaScript) turns its own syntax into `LogExpr` and
 * says how a library's method takes its arguments (a format, key/value pairs, printed values);
 * how values, messages and fields are described is the same for every language, here.
 */

interface Span {
  /** Offsets in the file's text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export type LogExpr = Span &
  (
    | { readonly kind: 'string'; readonly contentStart: number; readonly contentEnd: number }
    /** A template literal: literal pieces (spans of source) and the expressions between them, in order. */
    | { readonly kind: 'template'; readonly parts: readonly (Span | LogExpr)[] }
    | { readonly kind: 'concat'; readonly operands: readonly LogExpr[] }
    | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[] }
    /** `types`: the declared type of each name of the callee (`r.GetFullName` of `r *github.Repository` → [Repository, undefined]). */
    | { readonly kind: 'call'; readonly callee: string; readonly types?: readonly (string | undefined)[]; readonly args: readonly LogExpr[] }
    /** `types`: the declared named type of each name of `path`; `plain`: declared a string, a number, a bool or a list of them. */
    | { readonly kind: 'name'; readonly path: readonly string[]; readonly types?: readonly (string | undefined)[]; readonly plain?: boolean }
    /** Part of a value: `phone[len(phone)-4:]`, `phone.slice(-4)`. */
    | { readonly kind: 'slice'; readonly operand: LogExpr }
    | { readonly kind: 'constant' }
    | { readonly kind: 'other' }
  );

export type ObjectEntry =
  | { readonly kind: 'property'; readonly key: string | undefined; readonly value: LogExpr }
  | { readonly kind: 'spread'; readonly value: LogExpr };

/** A field written as a call: `zap.String("phone", p)`, `slog.Any("user", u)`, `slog.Group("user", …)`. */
export interface FieldCall {
  readonly key: LogExpr;
  readonly values: readonly LogExpr[];
  readonly whole: boolean;
  /** `slog.Group`: the values are themselves key/value pairs under the key. */
  readonly group?: boolean;
}

export class LogCallBuilder {
  readonly message: MessagePart[] = [];
  readonly fields: LogField[] = [];
  readonly records: LogValue[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    /** The field a call writes, when the call is a field constructor of the library. */
    private readonly fieldCall: (expr: LogExpr) => FieldCall | undefined = () => undefined,
  ) {}

  finish(call: { path: string; library: string; callee: string; span: Span; redactions?: readonly LogRedaction[] }): LogCall {
    return {
      path: call.path,
      library: call.library,
      callee: call.callee,
      range: this.lines.range(call.span.start, call.span.end),
      message: this.message,
      fields: this.fields,
      records: this.records,
      redactions: call.redactions ?? [],
    };
  }

  /** A message argument: its literal text and what is interpolated into it (`+`, `${}`, `fmt.Sprintf`). */
  addMessage(expr: LogExpr, formatter?: (callee: string) => boolean): void {
    switch (expr.kind) {
      case 'string':
        this.addText(expr.contentStart, expr.contentEnd);
        return;
      case 'template':
        for (const part of expr.parts) {
          if ('kind' in part) this.addValue(part, '${}', isSerialised(part));
          else this.addText(part.start, part.end);
        }
        return;
      case 'concat':
        for (const operand of expr.operands) {
          if (operand.kind === 'string' || operand.kind === 'template' || operand.kind === 'concat' || (operand.kind === 'call' && formatter?.(operand.callee))) this.addMessage(operand, formatter);
          // `+` joins strings: Go joins nothing else, and JavaScript writes an object as "[object Object]".
          else this.addValue(operand, '+', isSerialised(operand));
        }
        return;
      case 'call':
        if (formatter?.(expr.callee) && expr.args[0]) {
          this.addFormat(expr.args[0], expr.args.slice(1), formatter);
          return;
        }
        this.addValue(expr, undefined, false);
        return;
      default:
        this.addValue(expr, undefined, true);
    }
  }

  /** A printf-style format and its arguments: each verb takes the next argument. */
  addFormat(format: LogExpr, args: readonly LogExpr[], formatter?: (callee: string) => boolean): void {
    if (format.kind !== 'string') {
      this.addMessage(format, formatter);
      for (const arg of args) this.addValue(arg, undefined, true);
      return;
    }
    const raw = this.text.slice(format.contentStart, format.contentEnd);
    let next = 0;
    let textStart = 0;
    for (const verb of raw.matchAll(FORMAT_VERB)) {
      if (verb[0] === '%%') continue;
      this.addText(format.contentStart + textStart, format.contentStart + verb.index);
      textStart = verb.index + verb[0].length;
      const arg = args[next++];
      if (arg) this.addValue(arg, verb[0], WHOLE_VERB.test(verb[0]));
    }
    this.addText(format.contentStart + textStart, format.contentEnd);
    for (const arg of args.slice(next)) this.addValue(arg, undefined, true);
  }

  /**
   * Values printed one after another (`log.Println("phone:", p)`, `console.log("phone", p)`): literals are text, and so is
   * a formatted message (`log.Println(fmt.Errorf("… %s", p))`), whose arguments are values where they are written; the rest values,
   * each written whole unless `whole` says its parameter takes a plain one (`username string` of a logger's method).
   */
  addPrinted(args: readonly LogExpr[], formatter?: (callee: string) => boolean, whole: (index: number) => boolean = () => true): void {
    args.forEach((arg, index) => {
      if (arg.kind === 'string' || arg.kind === 'template' || arg.kind === 'concat' || (arg.kind === 'call' && formatter?.(arg.callee))) this.addMessage(arg, formatter);
      else this.addValue(arg, undefined, whole(index));
    });
  }

  /** Key/value pairs (`Infow(msg, "phone", p)`, `slog.Info(msg, "phone", p, slog.String(…))`); a field call stands alone. */
  addPairs(args: readonly LogExpr[], prefix = ''): void {
    for (let index = 0; index < args.length; index++) {
      const arg = args[index]!;
      const field = this.fieldCall(arg);
      if (field) {
        this.addFieldCall(field, prefix);
        continue;
      }
      const value = args[index + 1];
      if (arg.kind === 'string' && value) {
        this.addField(arg, value, true, prefix);
        index++;
      } else if (arg.kind === 'object') this.addObject(arg, prefix);
      else this.records.push(this.describe(arg, true));
    }
  }

  /** Field calls only (`logger.Info(msg, zap.String(…), …)`); anything else is a record logged whole. */
  addFieldCalls(args: readonly LogExpr[]): void {
    for (const arg of args) {
      const field = this.fieldCall(arg);
      if (field) this.addFieldCall(field, '');
      else if (arg.kind !== 'constant') this.records.push(this.describe(arg, true));
    }
  }

  addFieldCall(field: FieldCall, prefix: string): void {
    if (field.group) {
      this.addPairs(field.values, `${prefix}${this.keyText(field.key) ?? '?'}.`);
      return;
    }
    const value = field.values[0];
    if (value) this.addField(field.key, value, field.whole, prefix);
  }

  /** An object literal of fields (`{ phone, user: { nric } }`, `logrus.Fields{…}`); spreads are records. */
  addObject(expr: LogExpr & { kind: 'object' }, prefix = ''): void {
    for (const entry of expr.entries) {
      if (entry.kind === 'spread') {
        this.records.push(this.describe(entry.value, true));
        continue;
      }
      if (entry.value.kind === 'object' && entry.key !== undefined) {
        this.addObject(entry.value, `${prefix}${entry.key}.`);
        continue;
      }
      this.fields.push({ key: entry.key, keyPath: `${prefix}${entry.key ?? '?'}`, value: this.describe(entry.value, true) });
    }
  }

  addField(key: LogExpr, value: LogExpr, whole: boolean, prefix = ''): void {
    const text = this.keyText(key);
    this.fields.push({ key: text, keyPath: `${prefix}${text ?? '?'}`, value: this.describe(value, whole) });
  }

  addRecord(expr: LogExpr): void {
    this.records.push(this.describe(expr, true));
  }

  private keyText(key: LogExpr): string | undefined {
    return key.kind === 'string' ? this.text.slice(key.contentStart, key.contentEnd) : undefined;
  }

  private addText(start: number, end: number): void {
    if (end > start) this.message.push({ kind: 'text', text: this.text.slice(start, end), range: this.lines.range(start, end) });
  }

  private addValue(expr: LogExpr, verb: string | undefined, whole: boolean): void {
    this.message.push({ kind: 'value', value: this.describe(expr, whole), verb });
  }

  /** What a value reads and through which functions it passes. */
  describe(expr: LogExpr, whole: boolean): LogValue {
    const wrappers: string[] = [];
    let subject = expr;
    for (;;) {
      if (subject.kind === 'slice') {
        wrappers.push('slice');
        subject = subject.operand;
      } else if (subject.kind === 'call') {
        const argument = subject.args.find((arg) => arg.kind !== 'constant' && arg.kind !== 'string');
        if (!argument) break;
        wrappers.push(subject.callee);
        subject = argument;
      } else break;
    }
    return {
      text: this.text.slice(expr.start, expr.end),
      range: this.lines.range(expr.start, expr.end),
      path: pathOf(subject),
      types: subject.kind === 'name' || subject.kind === 'call' ? (subject.types ?? []) : [],
      wrappers,
      constant: subject.kind === 'constant' || subject.kind === 'string' || (subject.kind === 'template' && subject.parts.every((part) => !('kind' in part))),
      whole: whole && subject.kind !== 'string' && subject.kind !== 'template' && subject.kind !== 'concat',
      plain: subject.kind === 'name' && subject.plain === true,
      shaped: false,
    };
  }
}

function pathOf(expr: LogExpr): readonly string[] {
  if (expr.kind === 'name') return expr.path;
  if (expr.kind === 'call') return expr.callee.split('.');
  return [];
}

/** Text that holds a whole value: `${JSON.stringify(user)}` writes the record, `${user}` and `'…' + user` write `[object Object]`. */
function isSerialised(expr: LogExpr): boolean {
  return expr.kind === 'call' && /(?:^|\.)(?:stringify|inspect|format)$/.test(expr.callee);
}

/** printf verbs (Go's fmt and Node's util.format): flags, width, precision, verb; `%%` is a literal percent sign. */
const FORMAT_VERB = /%%|%[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z]/g;
/** Verbs that print a value with its structure: Go `%v`, `%+v`, `%#v`; Node `%o`, `%O`, `%j`. */
const WHOLE_VERB = /^%[-+# 0]*(?:\d+)?[voOj]$/;
