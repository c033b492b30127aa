import { isMap, isScalar, isSeq } from 'yaml';
import type { ParseResult } from '../../language.js';
import type { SourceFile } from '../../types.js';
import { bashOrShDialect } from '../../shell/images.js';
import type { Lookup } from '../../variables.js';
import { pairOf, scalarKeyedPairs, scalarKeyText, type ScalarSpan } from '../../yaml-source.js';
import type { ShellDialect } from '../../shell/index.js';
import { parseCi, readScripts, readVariables, type CiDocument, type CiVariable, type PendingScript } from './parser.js';

/** Top-level keys of .gitlab-ci.yml that are not jobs. */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
/** A job's script keys by the shell session that runs them: the runner runs before_script and script as one script, after_script in a new shell. */
const JOB_SESSIONS = [['before_script', 'script'], ['after_script']];

/**
 * A GitLab CI file: `variables:` at the top and in each job (plain values and `{ value: … }`), with
 * `$VAR` references expanded from the file's own variables as GitLab does (unless `expand: false`);
 * the `script:` lines of each job and of `default:`, read in the shell the runner finds in the job's image: bash
 * where it has one, else its /bin/sh (src/shell/images.ts); none in a Windows image, where the runner runs PowerShell.
 */
export function parseGitlabCi(file: SourceFile): Promise<ParseResult<CiDocument>> {
  return parseCi(file as SourceFile & { kind: 'gitlab-ci' }, ({ document: yaml }, document, scripts) => {
    const globals = readVariables(pairOf(yaml.contents, 'variables')?.value, document, 'GitLab CI global variables', (span, node, earlier) => expandGitlab(span, node, lookupIn(earlier)));
    const globalLookup = lookupIn(globals);
    const defaults = pairOf(yaml.contents, 'default')?.value;
    const defaultImage = imageOf(defaults) ?? imageOf(yaml.contents);
    const globalDialect = bashOrShDialect(defaultImage);
    /** The sessions of the jobs that run the default before_script (or the top-level one, its older spelling) before their script. */
    const inheritingSessions: string[] = [];
    if (globalDialect) {
      for (const key of SCRIPT_KEYS) readScripts(pairOf(yaml.contents, key)?.value, scripts, `GitLab CI global ${key}`, globalDialect, key === 'before_script' ? inheritingSessions : undefined);
      for (const key of SCRIPT_KEYS) readScripts(pairOf(defaults, key)?.value, scripts, `GitLab CI default ${key}`, globalDialect, key === 'before_script' ? inheritingSessions : undefined);
    }
    for (const job of scalarKeyedPairs(yaml.contents)) {
      const name = scalarKeyText(job);
      if (GLOBAL_KEYWORDS.has(name) || !isMap(job.value)) continue;
      const lookup = (earlier: readonly CiVariable[]): Lookup => (variable) => (earlier.some((each) => each.name === variable) ? lookupIn(earlier)(variable) : globalLookup(variable));
      readVariables(pairOf(job.value, 'variables')?.value, document, `GitLab CI variables of job ${name}`, (span, node, earlier) => expandGitlab(span, node, lookup(earlier)));
      // A job that `extends:` another may take its image from there, which is not read: its image is not known.
      const image = imageOf(job.value) ?? (pairOf(job.value, 'extends') ? undefined : defaultImage);
      const dialect = bashOrShDialect(image);
      if (!dialect) continue;
      readJobScripts(job.value, name, scripts, dialect);
      if (runsInheritedBeforeScript(job.value)) inheritingSessions.push(jobSessionScope(job.value, name, JOB_SESSIONS[0]!));
    }
  });
}

/** A job's scripts, the lines of each shell session under one scope (`before_script and script of job build`): a setting holds for the whole session. */
function readJobScripts(job: unknown, name: string, scripts: PendingScript[], dialect: ShellDialect): void {
  for (const session of JOB_SESSIONS) {
    const scope = jobSessionScope(job, name, session);
    for (const key of session) readScripts(pairOf(job, key)?.value, scripts, scope, dialect);
  }
}

function jobSessionScope(job: unknown, name: string, session: readonly string[]): string {
  return `GitLab CI ${session.filter((key) => pairOf(job, key)).join(' and ')} of job ${name}`;
}

/**
 * Whether the runner runs the default before_script before a job's script: the job has a script and no before_script of its own,
 * its `inherit: default:` keeps it (not `false`, nor a list without before_script), and it `extends:` no job, whose before_script
 * would replace it.
 */
function runsInheritedBeforeScript(job: unknown): boolean {
  if (!pairOf(job, 'script') || pairOf(job, 'before_script') || pairOf(job, 'extends')) return false;
  const inherited = pairOf(pairOf(job, 'inherit')?.value, 'default')?.value;
  if (isSeq(inherited)) return inherited.items.some((item) => isScalar(item) && item.value === 'before_script');
  return !(isScalar(inherited) && inherited.value === false);
}

/** The image an `image:` of a job or of `default:` names (`image: golang:1.22`, `image: { name: golang:1.22 }`). */
function imageOf(node: unknown): string | undefined {
  const image = pairOf(node, 'image')?.value;
  const name = isMap(image) ? pairOf(image, 'name')?.value : image;
  return isScalar(name) && typeof name.value === 'string' ? name.value : undefined;
}

/** The last value each variable was given (in the order written); unknown names are undefined. */
function lookupIn(variables: readonly CiVariable[]): Lookup {
  return (name) => [...variables].reverse().find((variable) => variable.name === name)?.value;
}

function expandGitlab(span: ScalarSpan, node: unknown, lookup: Lookup): string | undefined {
  const expand = pairOf(node, 'expand')?.value;
  if (isScalar(expand) && expand.value === false) return span.value;
  return expandGitlabValue(span.value, lookup);
}

/**
 * The references in a value: `%%`, `%NAME%`, `$NAME`, `${NAME}`, `$$`, and what Go's os.Expand, which the runner uses, reads as
 * special: a `${…}` that holds anything but a name, and a `$` before a digit or one of `*#@!?-`. A `$` before anything else is itself.
 */
const GITLAB_REFERENCE = /%%|%([A-Za-z_]\w*)%|\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\}|(\$)|\{[^}]*\}|\{|[*#@!?0-9-])/g;

/**
 * A `variables:` value as GitLab and its runner expand it: `$NAME`, `${NAME}` and `%NAME%` to the value the file gives NAME
 * (unknown when it gives none: a project, group or predefined variable may be set), `$$` to `$`, and what names no variable
 * (`${NAME:-default}`, `$1`) to nothing, as no shell is involved: POSIX defaults are not GitLab's.
 */
function expandGitlabValue(text: string, lookup: Lookup): string | undefined {
  let known = true;
  const expanded = text.replace(GITLAB_REFERENCE, (reference, percent?: string, plain?: string, braced?: string, dollar?: string) => {
    const name = percent ?? plain ?? braced;
    if (name === undefined) return dollar ?? (reference === '%%' ? reference : '');
    const value = lookup(name);
    if (value === undefined) known = false;
    return value ?? '';
  });
  return known ? expanded : undefined;
}
