import { isGoSettingName, type GoSetting } from '../facts/go-settings.js';
import { programName } from './commands.js';
import type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './types.js';

/**
 * The Go settings a script sets: assignments of Go variables (`export GOPROXY=…`, `GOFLAGS=… go build`,
 * `env GOSUMDB=off go get`) and `go env -w NAME=value`, for every language that holds shell;
 * `source` names the place for messages (`shell script`, `GitHub Actions run`).
 */
export function shellGoSettings(script: ShellScript, path: string, source: string): GoSetting[] {
  return [
    ...script.assignments.filter((assignment) => isGoSettingName(assignment.name) && assignment.value).map((assignment) => fromAssignment(assignment, path, source)),
    ...script.commands.flatMap((command) => goEnvWrites(command, path)),
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
    return split && isGoSettingName(split[1]!) ? [goEnvSetting(arg, split[1]!, path)] : [];
  });
}

function goEnvSetting(arg: ShellWord, name: string, path: string): GoSetting {
  const value = arg.value!.slice(name.length + 1);
  const start = arg.valueRange.start;
  // A verbatim word's characters follow one another on one line, so its parts can be placed by column.
  const nameRange = arg.verbatim ? { start, end: { line: start.line, column: start.column + name.length } } : arg.range;
  const valueRange = arg.verbatim ? { start: { line: start.line, column: start.column + name.length + 1 }, end: arg.valueRange.end } : arg.valueRange;
  return { name, value, at: { path, range: valueRange }, nameAt: { path, range: nameRange }, source: 'go env -w', verbatim: arg.verbatim };
}
