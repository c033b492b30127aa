import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { WrittenVariable } from '../../facts/go-settings.js';
import type { ParseResult } from '../../language.js';
import type { LineIndex } from '../../positions.js';
import type { DocumentBase, Range, SourceFile } from '../../types.js';
import { loadShellReader, type ShellDialect, type ShellScript } from '../../shell/index.js';
import { readYaml, scalarKeyedPairs, scalarKeyText, scalarPositions, scalarSpan, type ScalarSpan, type YamlSource } from '../../yaml-source.js';

/** An environment variable a pipeline sets; its value is undefined when it comes from an expression or a variable the file does not define. */
export interface CiVariable extends WrittenVariable {
  /** Where it applies, for messages: `GitHub Actions job env (build)`. */
  scope: string;
}

/** A shell script of the pipeline (`run:`, `script:` lines), read by the shell reader at its place in the file. */
export interface CiScript {
  node: Scalar;
  scope: string;
  /** The dialect of the shell that runs it. */
  dialect: ShellDialect;
  /** The scopes of other sessions that run it too (GitLab's inherited before_script), each finding in it reported once, at its place. */
  sharedWith?: readonly string[];
  script: ShellScript;
}

export interface CiDocument extends DocumentBase {
  kind: 'github-workflow' | 'gitlab-ci';
  index: LineIndex;
  variables: CiVariable[];
  scripts: CiScript[];
  /** Where a file YAML cannot read shows it is a Jinja template (`{% raw %}` on a line of its own): not checked, and noted. */
  templateTag?: { tag: string; range: Range };
}

/**
 * Reads a CI file's YAML (a file that is not a mapping at its top has nothing to read), then the
 * shell scripts it found, with the shell reader loaded only when there are some; `parsedAs` gives the text
 * the shell parser reads for a script, the runner's own syntax made plain. A script's syntax errors are not
 * reported: the runner's own expressions (`${{ … }}`) are not shell.
 */
export async function parseCi(
  file: SourceFile & { kind: CiDocument['kind'] },
  read: (source: YamlSource, document: CiDocument, scripts: PendingScript[]) => void,
  parsedAs?: (script: string) => string,
): Promise<ParseResult<CiDocument>> {
  const source = readYaml(file.text);
  const document: CiDocument = { kind: file.kind, file, comments: source.comments, statements: [], index: source.index, variables: [], scripts: [] };
  const templateTag = source.errors.length > 0 ? jinjaBlockTagLine(source.index) : undefined;
  if (templateTag) return { document: { ...document, templateTag }, errors: [] };
  const pending: PendingScript[] = [];
  if (isMap(source.document.contents)) read(source, document, pending);
  for (const { node, scope, dialect, sharedWith } of pending) {
    const text = String(node.value);
    // A reader loaded anew for each: after tree-sitter failed on a script, the next is read by a new instance.
    const script = (await loadShellReader())(text, scalarPositions(node, source.index.text, source.index), parsedAs?.(text), dialect);
    document.scripts.push({ node, scope, dialect, sharedWith, script });
    // Comments in a script are comments of the file too: an ignore comment there covers the script's line.
    document.comments.push(...script.comments);
  }
  return { document, errors: source.errors };
}

/** A Jinja block tag alone on its line (`{% raw %}`, `{%- if cookiecutter.docker %}`): YAML refuses one outside a string. */
const JINJA_BLOCK_TAG_LINE = /^[ \t]*(\{%[-+]?[ \t]*[A-Za-z_]\w*\b[^\n]*?[-+]?%\})[ \t]*$/m;

/**
 * The first Jinja block tag on a line of its own, in a file YAML cannot read: a template (cookiecutter, a generator's)
 * that becomes a pipeline only when rendered, so it is noted, not reported as a YAML error.
 */
function jinjaBlockTagLine(index: LineIndex): CiDocument['templateTag'] {
  const found = JINJA_BLOCK_TAG_LINE.exec(index.text);
  if (!found) return undefined;
  const start = found.index + found[0].indexOf(found[1]!);
  return { tag: found[1]!, range: index.range(start, start + found[1]!.length) };
}

export type PendingScript = Omit<CiScript, 'script'>;

/** The variables of an `env:` / `variables:` mapping; `valueOf` gives each one's value from its written text. */
export function readVariables(map: unknown, document: CiDocument, scope: string, valueOf: (written: ScalarSpan, node: unknown, earlier: readonly CiVariable[]) => string | undefined): CiVariable[] {
  const variables: CiVariable[] = [];
  for (const pair of scalarKeyedPairs(map)) {
    const node = isMap(pair.value) ? scalarKeyedPairs(pair.value).find((entry) => scalarKeyText(entry) === 'value')?.value : pair.value;
    if (!isScalar(node) || !pair.key.range) continue;
    const span = scalarSpan(node, document.index.text);
    if (!span) continue;
    const value = valueOf(span, pair.value, variables);
    const [nameStart, nameEnd] = pair.key.range;
    variables.push({ name: scalarKeyText(pair), nameStart, nameEnd, value, valueStart: span.start, valueEnd: span.end, verbatim: span.verbatim && value === span.value, scope });
    document.statements.push(document.index.range(nameStart, span.end));
  }
  document.variables.push(...variables);
  return variables;
}

/** The script lines of a `run:` string or a `script:` list (nested lists included), which a shell of `dialect` runs. */
export function readScripts(node: unknown, scripts: PendingScript[], scope: string, dialect: ShellDialect, sharedWith?: readonly string[]): void {
  if (isSeq(node)) {
    for (const item of node.items) readScripts(item, scripts, scope, dialect, sharedWith);
    return;
  }
  if (isScalar(node) && typeof node.value === 'string' && node.range) scripts.push({ node, scope, dialect, sharedWith });
}
