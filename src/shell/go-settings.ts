import { isGoSettingName, type GoSetting } from '../facts/go-settings.js';
import { programName } from './commands.js';
import type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './types.js';

/**
 * The Go settings a script sets: assignments of Go variables (`export GOPROXY=…`, `GOFLAGS=… go build`,
 * `env GOSUMDB=off go get`), `go env -w NAME=value`, a container's `docker run -e NAME=value` and a build's `docker build --build-arg NAME=value`, for every language that holds shell;
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

/** Container engines whose `run`, `create` and `exec` start a container with the environment `-e` / `--env` give it. */
const CONTAINER_ENGINES = new Set(['docker', 'podman', 'nerdctl']);
const CONTAINER_STARTS = new Set(['run', 'create', 'exec']);
/** Builders whose `build` (buildah's `bud` too) gives each `--build-arg NAME=value` to the Dockerfile's `ARG NAME`. */
const IMAGE_BUILDERS = new Set([...CONTAINER_ENGINES, 'buildah']);
const IMAGE_BUILDS = new Set(['build', 'bud']);
/** Subcommand groups before the subcommand: `docker container run`, `docker image build`, `docker buildx build`. */
const SUBCOMMAND_GROUPS = new Set(['container', 'image', 'buildx', 'builder']);

interface ValueOption {
  long: string;
  short?: string;
}

const ENVIRONMENT: ValueOption = { long: '--env', short: '-e' };
const BUILD_ARGUMENT: ValueOption = { long: '--build-arg' };

/**
 * `docker run -e GOPROXY=https://goproxy.io,direct golang:1.22 make build`: the go command in the container reads it.
 * `docker build --build-arg GOPROXY=…`: the RUN commands of a stage that declares `ARG GOPROXY` read it. It is read
 * whether or not the Dockerfile declares it: which Dockerfile a build reads is known only when it runs (`-f`, the
 * context directory), and a build argument nothing declares is passed only by mistake.
 */
function containerEnvironment(command: ShellCommand, path: string): GoSetting[] {
  const engine = programName(command) ?? '';
  const [first, ...afterFirst] = command.programArguments;
  const grouped = SUBCOMMAND_GROUPS.has(first?.value ?? '');
  const subcommand = grouped ? afterFirst[0]?.value : first?.value;
  const rest = grouped ? afterFirst.slice(1) : afterFirst;
  const option = CONTAINER_ENGINES.has(engine) && CONTAINER_STARTS.has(subcommand ?? '') ? ENVIRONMENT : IMAGE_BUILDERS.has(engine) && IMAGE_BUILDS.has(subcommand ?? '') ? BUILD_ARGUMENT : undefined;
  if (!option) return [];
  return optionValues(rest, option).flatMap(({ word, skipped }) => {
    const split = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.value!.slice(skipped));
    return split && isGoSettingName(split[1]!) ? [wordSetting(word, split[1]!, path, `${engine} ${subcommand} ${option.short ?? option.long}`, skipped)] : [];
  });
}

/**
 * The values given to an option, as Docker's flag parser (spf13/pflag) takes them: `--env NAME=value`, `--env=NAME=value`,
 * `-e NAME=value`, `-e=NAME=value` and `-eNAME=value`; `skipped`: the characters of the option written in the value's word.
 */
function optionValues(args: readonly ShellWord[], option: ValueOption): { word: ShellWord; skipped: number }[] {
  const values: { word: ShellWord; skipped: number }[] = [];
  args.forEach((arg, index) => {
    const written = arg.value;
    const next = args[index + 1];
    if (written === undefined) return;
    if ((written === option.long || written === option.short) && next?.value !== undefined) values.push({ word: next, skipped: 0 });
    else if (written.startsWith(`${option.long}=`)) values.push({ word: arg, skipped: option.long.length + 1 });
    else if (option.short && written.startsWith(option.short) && written.length > option.short.length) values.push({ word: arg, skipped: option.short.length + (written[option.short.length] === '=' ? 1 : 0) });
  });
  return values;
}

/** A `NAME=value` word (after `skipped` characters of an option, `--env=`) as a setting, its name and value placed apart where the word is written as it reads. */
function wordSetting(arg: ShellWord, name: string, path: string, source: string, skipped = 0): GoSetting {
  const value = arg.value!.slice(skipped + name.length + 1);
  const start = arg.valueRange.start;
  const nameColumn = start.column + skipped;
  // A verbatim word's characters follow one another on one line, so its parts can be placed by column.
  const nameRange = arg.verbatim ? { start: { line: start.line, column: nameColumn }, end: { line: start.line, column: nameColumn + name.length } } : arg.range;
  const valueRange = arg.verbatim ? { start: { line: start.line, column: nameColumn + name.length + 1 }, end: arg.valueRange.end } : arg.valueRange;
  return { name, value, at: { path, range: valueRange }, nameAt: { path, range: nameRange }, source, verbatim: arg.verbatim };
}
