import { isMap, isScalar, isSeq } from 'yaml';
import type { ParseResult } from '../../language.js';
import type { SourceFile } from '../../types.js';
import { pairOf, scalarKeyedPairs, scalarKeyText } from '../../yaml-source.js';
import { commandLineDialect } from '../../shell/index.js';
import { parseCi, readScripts, readVariables, type CiDocument } from './parser.js';

/** `${{ secrets.TOKEN }}`: known only when the workflow runs. */
const EXPRESSION = /\$\{\{/;

/** A runner label of Windows (`windows-latest`, `windows-2022`, a self-hosted runner's `windows`), whose steps run PowerShell Core unless they name a shell. */
const WINDOWS_LABEL = /^windows(?:-|$)/i;

/** A GitHub Actions workflow: `env:` of the workflow, of each job (and its container) and of each step; each step's `run:` script. */
export function parseGithubWorkflow(file: SourceFile): Promise<ParseResult<CiDocument>> {
  return parseCi(file as SourceFile & { kind: 'github-workflow' }, ({ document: yaml }, document, scripts) => {
    const valueOf = (span: { value: string }) => (EXPRESSION.test(span.value) ? undefined : span.value);
    readVariables(pairOf(yaml.contents, 'env')?.value, document, 'GitHub Actions workflow env', valueOf);
    const workflowShell = defaultShell(yaml.contents);
    for (const job of scalarKeyedPairs(pairOf(yaml.contents, 'jobs')?.value)) {
      const id = scalarKeyText(job);
      const jobShell = defaultShell(job.value) ?? workflowShell ?? (runsOnWindows(job.value) ? 'pwsh' : 'bash');
      readVariables(pairOf(job.value, 'env')?.value, document, `GitHub Actions env of job ${id}`, valueOf);
      readVariables(pairOf(pairOf(job.value, 'container')?.value, 'env')?.value, document, `GitHub Actions container env of job ${id}`, valueOf);
      const steps = pairOf(job.value, 'steps')?.value;
      for (const step of (steps as { items?: unknown[] } | undefined)?.items ?? []) {
        readVariables(pairOf(step, 'env')?.value, document, `GitHub Actions step env in job ${id}`, valueOf);
        // The runner gives the script to the program `shell:` names first (`sh -e {0}`); `pwsh`, `python`, `cmd` steps are not read.
        const dialect = commandLineDialect(scalarText(pairOf(step, 'shell')?.value) ?? jobShell);
        if (dialect) readScripts(pairOf(step, 'run')?.value, scripts, `run: script in job ${id}`, dialect);
      }
    }
  }, withExpressionsAsVariables);
}

/**
 * A script with each `${{ … }}` made a shell variable of the same length (`${{ x }}` → `${_____}`), an expression written
 * over several lines one line long: the runner puts the expression's value there before the shell runs, so it is one word
 * whose value merlint cannot know, and every offset after it holds. tree-sitter-bash misreads `${{` (`"A=${{ x }}$B"` ends
 * the string at its `}}`). The runner refuses a workflow with an expression left open, so none after one is read either.
 */
export function withExpressionsAsVariables(script: string): string {
  let result = '';
  let copied = 0;
  for (let start = script.indexOf('${{'); start !== -1; start = script.indexOf('${{', copied)) {
    EXPRESSION_IN_SCRIPT.lastIndex = start;
    const expression = EXPRESSION_IN_SCRIPT.exec(script)?.[0];
    if (expression === undefined) break;
    result += `${script.slice(copied, start)}\${${'_'.repeat(expression.length - 3)}}`;
    copied = start + expression.length;
  }
  return result + script.slice(copied);
}

/**
 * `${{ … }}` up to the first `}}` outside its strings: a `}}` in one (`'{0}}}'`) does not end it, nor does `''`, a quote in one.
 * A string ends at a quote not followed by another, so that a string is read one way only.
 */
const EXPRESSION_IN_SCRIPT = /\$\{\{(?:'(?:[^']|'')*'(?!')|[^'])*?\}\}/y;

/** Whether a job's `runs-on:` (a label, a list of them, or `{ group, labels }`) names a Windows runner; an expression is not known, and taken for none. */
function runsOnWindows(job: unknown): boolean {
  const runsOn = pairOf(job, 'runs-on')?.value;
  const labels = isMap(runsOn) ? pairOf(runsOn, 'labels')?.value : runsOn;
  const written = isSeq(labels) ? labels.items : [labels];
  return written.some((label) => WINDOWS_LABEL.test(scalarText(label) ?? ''));
}

/** `defaults: run: shell:` of a workflow or job. */
function defaultShell(node: unknown): string | undefined {
  return scalarText(pairOf(pairOf(pairOf(node, 'defaults')?.value, 'run')?.value, 'shell')?.value);
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
