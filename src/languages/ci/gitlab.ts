import { isMap, isScalar } from 'yaml';
import type { ParseResult } from '../../language.js';
import type { SourceFile } from '../../types.js';
import { expandShellVariables, type Lookup } from '../../variables.js';
import { pairOf, scalarKeyedPairs, scalarKeyText, type ScalarSpan } from '../../yaml-source.js';
import { parseCi, readScripts, readVariables, type CiDocument, type CiVariable } from './parser.js';

/** Top-level keys of .gitlab-ci.yml that are not jobs. */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

/**
 * A GitLab CI file: `variables:` at the top and in each job (plain values and `{ value: … }`), with
 * `$VAR` references expanded from the file's own variables as GitLab does (unless `expand: false`);
 * the `script:` lines of each job and of `default:`.
 */
export function parseGitlabCi(file: SourceFile): Promise<ParseResult<CiDocument>> {
  return parseCi(file as SourceFile & { kind: 'gitlab-ci' }, ({ document: yaml }, document, scripts) => {
    const globals = readVariables(pairOf(yaml.contents, 'variables')?.value, document, 'GitLab CI global variables', (span, node, earlier) => expandGitlab(span, node, lookupIn(earlier)));
    const globalLookup = lookupIn(globals);
    for (const key of SCRIPT_KEYS) readScripts(pairOf(yaml.contents, key)?.value, scripts, `GitLab CI global ${key}`);
    for (const key of SCRIPT_KEYS) readScripts(pairOf(pairOf(yaml.contents, 'default')?.value, key)?.value, scripts, `GitLab CI default ${key}`);
    for (const job of scalarKeyedPairs(yaml.contents)) {
      const name = scalarKeyText(job);
      if (GLOBAL_KEYWORDS.has(name) || !isMap(job.value)) continue;
      const lookup = (earlier: readonly CiVariable[]): Lookup => (variable) => (earlier.some((each) => each.name === variable) ? lookupIn(earlier)(variable) : globalLookup(variable));
      readVariables(pairOf(job.value, 'variables')?.value, document, `GitLab CI variables of job ${name}`, (span, node, earlier) => expandGitlab(span, node, lookup(earlier)));
      for (const key of SCRIPT_KEYS) readScripts(pairOf(job.value, key)?.value, scripts, `GitLab CI ${key} of job ${name}`);
    }
  });
}

/** The last value each variable was given (in the order written); unknown names are undefined. */
function lookupIn(variables: readonly CiVariable[]): Lookup {
  return (name) => [...variables].reverse().find((variable) => variable.name === name)?.value;
}

function expandGitlab(span: ScalarSpan, node: unknown, lookup: Lookup): string | undefined {
  const expand = pairOf(node, 'expand')?.value;
  if (isScalar(expand) && expand.value === false) return span.value;
  const escaped = span.value.replaceAll('$$', '\u0000');
  return expandShellVariables(escaped, lookup)?.replaceAll('\u0000', '$');
}
