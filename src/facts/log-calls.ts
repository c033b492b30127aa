import type { Range } from '../types.js';

/*
 * Log calls with their arguments, from every language that writes logs (Go, TypeScript/JavaScript):
 * which library, the message template and what is interpolated into it, the structured
 * key/value fields, and what the logger itself redacts. The PDPA rules read these, never a syntax tree.
 */

/** A value written to a log: a field's value, an interpolated argument, a whole record. */
export interface LogValue {
  /** The expression as written. */
  readonly text: string;
  readonly range: Range;
  /**
   * The names the value is read from, outermost first: `req.User.Phone` → [req, User, Phone];
   * `getPhone(u)` → [getPhone]; empty when the value is no single name (a literal, arithmetic).
   */
  readonly path: readonly string[];
  /** Functions the value passes through before it is logged, outermost first: `mask(strings.TrimSpace(p))` → [mask, strings.TrimSpace]. */
  readonly wrappers: readonly string[];
  /** A literal or a named constant (`"[REDACTED]"`, `"ok"`, `42`): it holds nothing read at run time. */
  readonly constant: boolean;
  /**
   * Logged whole, as its fields would be serialised: `zap.Any`, `slog.Any`, logrus and JavaScript
   * object values, `%v`/`%+v` — a struct or object logged this way writes every field it holds.
   */
  readonly whole: boolean;
  /**
   * The named type each name of `path` is declared with, where known (`r.GetFullName()` of `r *github.Repository` → [Repository,
   * undefined]; `c` of `c := Customer{…}` → [Customer]): what the value and its owners are, beside what they are called.
   */
  readonly types: readonly (string | undefined)[];
  /** Declared to hold a plain value: a string, a number, a bool or a list of them (`user string`, `recipients: string[]`), no record. */
  readonly plain: boolean;
  /**
   * Its own declared type (the last of `types`) is a shape of data the scan declares, a TypeScript interface or object type
   * (`notification: IEmailNotification`): what the type's name says the value holds, beside the value's own name.
   */
  readonly shaped: boolean;
}

/** A structured key/value field: `zap.String("phone", p)`, `{ phone: p }`, `.Str("phone", p)`, `"phone", p` pairs. */
export interface LogField {
  /** The key's text, when written as a literal; undefined for a computed key. */
  readonly key: string | undefined;
  /** The key path from the call's root (`user.phone` for `{ user: { phone } }`), for redaction paths. */
  readonly keyPath: string;
  readonly value: LogValue;
}

/** A piece of the message: literal text, or a value interpolated into it (a format argument, `${…}`, `+ value`). */
export type MessagePart =
  | { readonly kind: 'text'; readonly text: string; readonly range: Range }
  /** `verb`: the printf verb (`%s`, `%+v`), `${}` in a template literal, `+` in a concatenation; undefined for a value printed after the message. */
  | { readonly kind: 'value'; readonly value: LogValue; readonly verb: string | undefined };

/** What the logger redacts before a record is written: pino `redact`, a winston format, a zap core or encoder hook. */
export interface LogRedaction {
  /** Key paths replaced (`phone`, `user.nric`, `*.email`, `req.headers.authorization`). */
  readonly paths: readonly string[];
  /** Keys replaced when they contain one of these words (a hook testing `strings.Contains(key, "phone")`). */
  readonly keyWords: readonly string[];
  /** Where the redaction is set up. */
  readonly range: Range;
}

export interface LogCall {
  /** The file the call is in, relative to the scan root. */
  readonly path: string;
  /** `zap`, `zap.Sugar`, `logrus`, `slog`, `zerolog`, `log`, `fmt`, `console`, `pino`, `winston`, `bunyan`, `nestjs`. */
  readonly library: string;
  /** The callee as written (`logger.Info`, `log.Printf`), for messages. */
  readonly callee: string;
  readonly range: Range;
  readonly message: readonly MessagePart[];
  readonly fields: readonly LogField[];
  /** Arguments logged whole without a key (`logger.info(customer)`, `log.Println(user)`, `...record`). */
  readonly records: readonly LogValue[];
  /** What the logger the call writes through redacts; empty when nothing is known. */
  readonly redactions: readonly LogRedaction[];
}

/** Every value a call writes: interpolated into its message, as a field's value, or as a record. */
export function loggedValues(call: LogCall): LogValue[] {
  return [...call.message.flatMap((part) => (part.kind === 'value' ? [part.value] : [])), ...call.fields.map((field) => field.value), ...call.records];
}

/** The call with each value it writes replaced by what `map` makes of it. */
export function mapLogValues(call: LogCall, map: (value: LogValue) => LogValue): LogCall {
  return {
    ...call,
    message: call.message.map((part) => (part.kind === 'value' ? { ...part, value: map(part.value) } : part)),
    fields: call.fields.map((field) => ({ ...field, value: map(field.value) })),
    records: call.records.map(map),
  };
}

/** Whether a logger's redaction covers a field at `keyPath` (`user.phone`) with this last key. */
export function redactedBy(call: LogCall, keyPath: string): LogRedaction | undefined {
  const lowerPath = keyPath.toLowerCase();
  const key = lowerPath.slice(lowerPath.lastIndexOf('.') + 1);
  return call.redactions.find(
    (redaction) => redaction.paths.some((path) => redactionPathCovers(path.toLowerCase(), lowerPath)) || redaction.keyWords.some((word) => key.includes(word.toLowerCase())),
  );
}

/** pino/fast-redact paths: `a.b`, `a[*].b`, `*.b`, `a["b"]`; a path covers the field and everything under it. */
function redactionPathCovers(pattern: string, keyPath: string): boolean {
  const wanted = pattern.replace(/\[\s*["']([^"']*)["']\s*\]/g, '.$1').replace(/\[\s*\*\s*\]/g, '.*').split('.').filter(Boolean);
  const parts = keyPath.split('.');
  if (wanted.length > parts.length) return false;
  // Unanchored at the start: a logger's paths name keys of the record, and a call's fields sit at its top level.
  return wanted.every((part, index) => part === '*' || part === parts[index]) || (wanted.length === 1 && parts[parts.length - 1] === wanted[0]);
}
