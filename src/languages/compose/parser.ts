import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { WrittenVariable } from '../../facts/go-settings.js';
import type { ParseResult } from '../../language.js';
import type { LineIndex } from '../../positions.js';
import type { DocumentBase, SourceFile } from '../../types.js';
import { pairOf, readYaml, scalarKeyedPairs, scalarKeyText, scalarSpan } from '../../yaml-source.js';

/** A variable of a service's `environment` or `build.args`. */
export interface ComposeVariable extends WrittenVariable {
  /** For messages: `environment of service api`. */
  scope: string;
}

export interface ComposeDocument extends DocumentBase {
  kind: 'compose';
  index: LineIndex;
  variables: ComposeVariable[];
}

/**
 * A Compose file: the `environment` of each service and the `args` of its build, in the map form
 * (`GOPROXY: …`) and the list form (`- GOPROXY=…`). Compose fills `${VAR}` from the shell and the
 * project's .env file, not from this file, so a value that refers to a variable is not known here.
 */
export function parseCompose(file: SourceFile): ParseResult<ComposeDocument> {
  const source = readYaml(file.text);
  const document: ComposeDocument = { kind: 'compose', file, comments: source.comments, statements: [], index: source.index, variables: [] };
  for (const service of scalarKeyedPairs(pairOf(source.document.contents, 'services')?.value)) {
    const name = scalarKeyText(service);
    readVariables(document, pairOf(service.value, 'environment')?.value, `environment of Compose service ${name}`);
    readVariables(document, pairOf(pairOf(service.value, 'build')?.value, 'args')?.value, `build argument of Compose service ${name}`);
  }
  return { document, errors: source.errors };
}

function readVariables(document: ComposeDocument, node: unknown, scope: string): void {
  const text = document.index.text;
  if (isMap(node)) {
    for (const pair of scalarKeyedPairs(node)) {
      const span = isScalar(pair.value) && pair.value.value !== null ? scalarSpan(pair.value, text) : undefined;
      if (!span || !pair.key.range) continue;
      add(document, { name: scalarKeyText(pair), nameStart: pair.key.range[0], nameEnd: pair.key.range[1], value: known(span.value), valueStart: span.start, valueEnd: span.end, verbatim: span.verbatim && !span.value.includes('$'), scope });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) if (isScalar(item)) listEntry(document, item, scope);
  }
}

/** `- NAME=value`: the value starts after the first `=`; `- NAME` alone passes the shell's value through. */
function listEntry(document: ComposeDocument, item: Scalar, scope: string): void {
  const span = scalarSpan(item, document.index.text);
  const equals = span?.value.indexOf('=') ?? -1;
  if (!span || equals <= 0) return;
  const value = span.value.slice(equals + 1);
  // Offsets inside the item are exact only when it is written as it reads (no escapes, one line).
  const valueStart = span.verbatim ? span.start + equals + 1 : span.start;
  add(document, { name: span.value.slice(0, equals), nameStart: span.start, nameEnd: span.verbatim ? span.start + equals : span.end, value: known(value), valueStart, valueEnd: span.end, verbatim: span.verbatim && !value.includes('$'), scope });
}

function add(document: ComposeDocument, variable: ComposeVariable): void {
  document.variables.push(variable);
  document.statements.push(document.index.range(variable.nameStart, variable.valueEnd));
}

/** `$$` is a literal `$`; any other `$` refers to the environment Compose runs in. */
function known(value: string): string | undefined {
  const literal = value.replaceAll('$$', '');
  return literal.includes('$') ? undefined : value.replaceAll('$$', '$');
}
