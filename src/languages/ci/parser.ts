import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { WrittenVariable } from '../../facts/go-settings.js';
import type { ParseResult } from '../../language.js';
import type { LineIndex } from '../../positions.js';
import type { DocumentBase, SourceFile } from '../../types.js';
import { readYaml, scalarKeyedPairs, scalarKeyText, scalarSpan, type ScalarSpan, type YamlSource } from '../../yaml-source.js';

/** An environment variable a pipeline sets; its value is undefined when it comes from an expression or a variable the file does not define. */
export interface CiVariable extends WrittenVariable {
  /** Where it applies, for messages: `GitHub Actions job env (build)`. */
  scope: string;
}

/** A shell script of the pipeline (`run:`, `script:` lines), kept with its YAML node for the shell reader. */
export interface CiScript {
  node: Scalar;
  span: ScalarSpan;
  scope: string;
}

export interface CiDocument extends DocumentBase {
  kind: 'github-workflow' | 'gitlab-ci';
  index: LineIndex;
  variables: CiVariable[];
  scripts: CiScript[];
}

/** Reads a CI file's YAML; a file that is not a mapping at its top has nothing to read. */
export function parseCi(file: SourceFile & { kind: CiDocument['kind'] }, read: (source: YamlSource, document: CiDocument) => void): ParseResult<CiDocument> {
  const source = readYaml(file.text);
  const document: CiDocument = { kind: file.kind, file, comments: source.comments, statements: [], index: source.index, variables: [], scripts: [] };
  if (isMap(source.document.contents)) read(source, document);
  return { document, errors: source.errors };
}

/** The variables of an `env:` / `variables:` mapping; `valueOf` gives each one's value from its written text. */
export function readVariables(map: unknown, document: CiDocument, scope: string, valueOf: (written: ScalarSpan, node: unknown, earlier: readonly CiVariable[]) => string | undefined): CiVariable[] {
  const variables: CiVariable[] = [];
  for (const pair of scalarKeyedPairs(map)) {
    const node = isMap(pair.value) ? scalarKeyedPairs(pair.value).find((entry) => scalarKeyText(entry) === 'value')?.value : pair.value;
    if (!isScalar(node) || !pair.key.range) continue;
    const span = scalarSpan(node, document.file.text);
    if (!span) continue;
    const value = valueOf(span, pair.value, variables);
    const [nameStart, nameEnd] = pair.key.range;
    variables.push({ name: scalarKeyText(pair), nameStart, nameEnd, value, valueStart: span.start, valueEnd: span.end, verbatim: span.verbatim && value === span.value, scope });
    document.statements.push(document.index.range(nameStart, span.end));
  }
  document.variables.push(...variables);
  return variables;
}

/** The script lines of a `run:` string or a `script:` list (nested lists included). */
export function readScripts(node: unknown, document: CiDocument, scope: string): void {
  if (isSeq(node)) {
    for (const item of node.items) readScripts(item, document, scope);
    return;
  }
  if (!isScalar(node) || typeof node.value !== 'string') return;
  const span = scalarSpan(node, document.file.text);
  if (span) document.scripts.push({ node, span, scope });
}
