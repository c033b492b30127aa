import { isGoSettingName, type GoSetting } from '../facts/go-settings.js';
import { programName } from './commands.js';
import type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './types.js';

/**
 * The Go settings a script sets: assignments of Go variables (`export GOPROXY=…`, `GOFLAGS=… go build`,
 * `env GOSUMDB=off go get`), `go env -w NAME=value` and a container's `docker run -e NAME=value`, for every language that holds shell;
 * `source` names the place for messages (`shell script`, `GitHub Actions run`).
 */
export function shellGoSettings(script: ShellScript, path: string, source: string): GoSetting[] {
  return [
    ...script.assignments.filter((assignment) => isGoSettingName(assignment.name) && assignment.value).map((assignment) => fromAssignment(assignment, path, source)),
    ...script.commands.flatMap((command) => [...goEnvWrites(command, path), ...containerEnvironment(command, path)]),
  ].sort((a, b) => a.nameAt.range.start.line - b.nameAt.range.start.line || a.nameAt.range.start.column - b.nameAt.range.start.column);
}

function fromAssignment(assignment: ShellAssignment, path: string, source: string): GoSetting {
  const value = assignment.value!;
  const setting = { name: assignment.name, value: value.value, at: { path, range: value.valueRange }, nameAt: { path, range: assignment.nameRange }, source, verbatim: value.verbatim };
  return assignment.prefixOf ? { ...setting, appliesTo: assignment.prefixOf.range } : setting;
}

/** `go env -w GOPROXY=https://proxy.example.com,direct GOSUMDB=off` */
function goEnvWrites(command: ShellCommand, path: string): GoSetting[] {
  if (programName(command) !== 'go') return [];
  const [subcommand, ...rest] = command.programArguments;
  if (subcommand?.value !== 'env' || !rest.some((arg) => arg.value === '-w')) return [];
  return rest.flatMap((arg) => {
    const split = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(arg.value ?? '');
    return split && isGoSettingName(split[1]!) ? [wordSetting(arg, split[1]!, path, 'go env -w')] : [];
  });
}

/** Container engines whose subcommands here start a container with the environment `-e` / `--env` give it. */
const CONTAINER_ENGINES = new Set(['docker', 'podman', 'nerdctl']);
const CONTAINER_STARTS = new Set(['run', 'create', 'exec']);

/** `docker run -e GOPROXY=https://goproxy.io,direct golang:1.22 make build`: the go command in the container reads it. */
function containerEnvironment(command: ShellCommand, path: string): GoSetting[] {
  if (!CONTAINER_ENGINES.has(programName(command) ?? '')) return [];
  const [subcommand, ...rest] = command.programArguments;
  if (!CONTAINER_STARTS.has(subcommand?.value ?? '')) return [];
  return rest.flatMap((arg, index) => {
    const option = rest[index - 1]?.value;
    const split = (option === '-e' || option === '--env') && /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(arg.value ?? '');
    return split && isGoSettingName(split[1]!) ? [wordSetting(arg, split[1]!, path, `${programName(command)} ${subcommand!.value} ${option}`)] : [];
  });
}

/** A `NAME=value` word as a setting, its name and value placed apart where the word is written as it reads. */
function wordSetting(arg: ShellWord, name: string, path: string, source: string): GoSetting {
  const value = arg.value!.slice(name.length + 1);
  const start = arg.valueRange.start;
  // A verbatim word's characters follow one another on one line, so its parts can be placed by column.
  const nameRange = arg.verbatim ? { start, end: { line: start.line, column: start.column + name.length } } : arg.range;
  const valueRange = arg.verbatim ? { start: { line: start.line, column: start.column + name.length + 1 }, end: arg.valueRange.end } : arg.valueRange;
  return { name, value, at: { path, range: valueRange }, nameAt: { path, range: nameRange }, source, verbatim: arg.verbatim };
}
