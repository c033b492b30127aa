import type { ErrorObject } from 'ajv';
import { isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import { UsageError } from './errors.js';
import type { CompiledValidator } from './yaml-schema.js';
import { yaml12CutStringError } from './yaml-cut-strings.js';
import { errorSpan, parsedWithinNesting, withYamlLineBreaks } from './yaml-source.js';

/*
 * YAML text parsed and checked against a JSON schema, with the positions of its values: what
 * src/yaml-schema.ts loads for a text the cache does not hold, or for a message about one it does.
 */

export type Parsed = { document: Document; lines: LineCounter };

/** The value of YAML text that passes `validate`; `what` names the whole document in messages ("the configuration"). */
export function validYaml(written: string, file: string, validate: CompiledValidator, what: string): { value: unknown; parsed: Parsed } {
  const text = withYamlLineBreaks(written);
  const parsed = parseYaml(text);
  const { document } = parsed;
  const at = atIn(file, parsed.lines);
  const syntaxError = document.errors[0];
  if (syntaxError) throw new UsageError(`${at(errorSpan(syntaxError, text)[0])}: ${syntaxMessage(syntaxError, what)}`);
  const nestedKey = nestedCollectionKeyOffset(document);
  if (nestedKey !== undefined) throw new UsageError(`${at(nestedKey)}: a key of ${what} holds a map or a list as a key of its own; keys are names`);
  const value = toValue(document, at);
  if (!validate(value)) {
    const error = mostSpecific(validate.errors ?? []);
    throw new UsageError(`${at(offsetOf(document, error))}: ${describe(error, what)}`);
  }
  return { value, parsed };
}

/** The YAML library's message, except where it names its own API (several documents in one file). */
function syntaxMessage(error: YAMLError, what: string): string {
  if (error.code === 'MULTIPLE_DOCS') return `${what} is one YAML document; remove the second \`---\` and what follows it`;
  return error.message.split('\n')[0]!;
}

// logLevel 'error': a key that is a list or map would otherwise print a warning of the YAML library on stderr; the schema refuses it.
const OPTIONS = { prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

/**
 * merlint's own files are YAML 1.2, as editors check them against the schema: a quoted string that
 * goes on left of its key is an error where it goes on, never a value read short. A lone CR ends a line, as in the files scanned.
 */
export function parseYaml(written: string): Parsed {
  const text = withYamlLineBreaks(written);
  const lines = new LineCounter();
  const read = () => {
    const document = parseDocument(text, { ...OPTIONS, lineCounter: lines });
    const cutError = yaml12CutStringError(document, text, (yaml) => parseDocument(yaml, OPTIONS));
    if (cutError) document.errors.unshift(cutError);
    return document;
  };
  const empty = () => {
    // Placed in `text` without parsing it: its lines are counted as the yaml package counts them (a line ends at `\n`).
    lines.lineStarts.splice(0, Infinity, 0);
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) lines.addNewLine(newline + 1);
    return parseDocument('', OPTIONS);
  };
  return { document: parsedWithinNesting(text, read, empty), lines };
}

function atIn(file: string, lines: LineCounter): (offset: number) => string {
  return (offset) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
}

/** `file:line:col` of the value at `path` (or of its key when `key` is given), falling back to the nearest parent. */
export function positionOf(file: string, { document, lines }: Parsed, path: readonly (string | number)[], key?: string): string {
  return atIn(file, lines)(key === undefined ? nodeOffset(document, path) : keyOffset(document, path, key));
}

/**
 * Where the first key written inside a key that is a map or a list is itself a map or a list
 * (`? {? {a: b}: c}: d`), which no schema of merlint's allows: the yaml package turns such keys into
 * strings in time that doubles with each key nested in a key (400 deep took 45 s, found by fuzzing).
 * A key that is a map or a list of names is left to the schema, which names it.
 */
function nestedCollectionKeyOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      visit(pair.key as Node, {
        Pair(_inner, inner) {
          if (!isCollection(inner.key)) return undefined;
          offset = (inner.key as Node).range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      return offset === undefined ? undefined : visit.BREAK;
    },
  });
  return offset;
}

/** The document's value; an alias to an anchor not set before it (found by fuzzing) is an error at the first alias. */
function toValue(document: Document, at: (offset: number) => string): unknown {
  try {
    return document.toJS() ?? {};
  } catch (error) {
    let offset = 0;
    visit(document, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw new UsageError(`${at(offset)}: ${(error as Error).message}`);
  }
}

/** Errors about the keys of the object that is there: where a value may be a string or an object, these beat "must be one of" the strings. */
const ABOUT_KEYS = new Set(['propertyNames', 'additionalProperties', 'required']);

function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const preferred = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'if' && error.keyword !== 'anyOf');
  const aboutKeys = (error: ErrorObject) => (ABOUT_KEYS.has(error.keyword) ? 1 : 0);
  return [...(preferred.length ? preferred : errors)].sort((a, b) => b.instancePath.length - a.instancePath.length || aboutKeys(b) - aboutKeys(a))[0] ?? errors[0]!;
}

function describe(error: ErrorObject, what: string): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : what;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key ${String(error.params.additionalProperty)} in ${where}`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return `${where} has a key that is not a rule id (letters and three digits, e.g. DKR002)`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function pathOf(error: ErrorObject): string[] {
  return error.instancePath.split('/').slice(1).map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function offsetOf(document: Document, error: ErrorObject): number {
  const path = pathOf(error);
  if (error.keyword === 'additionalProperties') return keyOffset(document, path, String(error.params.additionalProperty));
  if (error.keyword === 'propertyNames') return keyOffset(document, path, String(error.params.propertyName));
  return nodeOffset(document, path);
}

function nodeOffset(document: Document, path: readonly (string | number)[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = (length ? document.getIn(path.slice(0, length), true) : document.contents) as Node | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

/** Where `key` is written in the map at `path`; the map itself when the key is not there. */
function keyOffset(document: Document, path: readonly (string | number)[], key: string): number {
  const parent = path.length ? document.getIn(path, true) : document.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair && isScalar(pair.key)) return pair.key.range?.[0] ?? 0;
  }
  return nodeOffset(document, path);
}
