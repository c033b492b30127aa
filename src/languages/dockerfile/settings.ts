import { goSettingsContribution, isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution } from '../../language.js';
import { lineIndexOf, type LineIndex } from '../../positions.js';
import type { Range } from '../../types.js';
import type { ModelOptions } from '../../workspace.js';
import { dockerfileModel, type DockerfileModel } from './go-modules.js';
import { CommandWords } from '../../shell/command-words.js';
import { containerScriptCommands, expand, goVerb, programWords, runsGo, type CopyInstruction, type DockerfileDocument, type EnvInstruction, type Environment, type Instruction, type RunInstruction, type ShellCommand, type Word } from './model.js';

/**
 * The Dockerfile's model stage: its stage model is built by the parser, so what is left is the Go
 * settings it assigns — `ENV`, `ARG` defaults, and in `RUN` `go env -w NAME=value`, `export NAME=value`
 * and `NAME=value command` — and whether the Go module it builds vendors its dependencies.
 */
export async function buildDockerfileModel(documents: readonly DockerfileDocument[], options: ModelOptions): Promise<ModelContribution<DockerfileModel>> {
  return { ...goSettingsContribution(documents, goSettingsOf), model: dockerfileModel(options.reader) };
}

function goSettingsOf(document: DockerfileDocument): GoSetting[] {
  const index = lineIndexOf(document.file);
  const settings: GoSetting[] = [];
  const read = (instruction: Instruction) => {
    switch (instruction.keyword) {
      case 'ENV':
      case 'ARG':
        return pairSettings(document, index, instruction, settings);
      case 'RUN':
        return runSettings(document, index, instruction, settings);
      case 'COPY':
      case 'ADD':
        return instruction.texts.length > 0 ? copiedScriptSettings(document, index, instruction, settings) : undefined;
    }
  };
  document.globalArgs.forEach(read);
  for (const stage of document.stages) stage.instructions.forEach(read);
  return settings;
}

function pairSettings(document: DockerfileDocument, index: LineIndex, instruction: EnvInstruction, settings: GoSetting[]): void {
  const source = instruction.keyword === 'ENV' ? 'Dockerfile ENV' : 'Dockerfile ARG default';
  for (const pair of instruction.pairs) {
    if (!isGoSettingName(pair.name) || pair.value === null || !pair.valueRange) continue;
    const value = expand(pair.value, instruction.environment) ?? undefined;
    settings.push(setting(document, index, pair.name, pair.nameRange, pair.valueRange, pair.value, value, source));
  }
}

/** A Go setting's assignment (`isGoSettingName`), as a prefix, an `export` word or a `go env -w` word. */
const GO_SETTING_WORDS = CommandWords.wordStarts('GO[A-Z0-9]+=');

function runSettings(document: DockerfileDocument, index: LineIndex, run: RunInstruction, settings: GoSetting[]): void {
  if (run.script.mayHold(GO_SETTING_WORDS)) commandSettings(document, index, run.commands, run.environment, 'Dockerfile RUN', settings);
}

/** The Go settings of the shell scripts a COPY or ADD writes from here-documents that no instruction runs and a container may (`containerScriptCommands`). */
function copiedScriptSettings(document: DockerfileDocument, index: LineIndex, copy: CopyInstruction, settings: GoSetting[]): void {
  for (const copied of copy.texts) {
    if (GO_SETTING_WORDS.spelledIn(copied.text)) commandSettings(document, index, containerScriptCommands(document, copy, copied), copy.environment, `Dockerfile ${copy.keyword} script`, settings);
  }
}

/** The Go settings shell commands assign, in `where` (a Dockerfile RUN): prefixes, `export` words and `go env -w` words. */
function commandSettings(document: DockerfileDocument, index: LineIndex, commands: readonly ShellCommand[], environment: Environment, where: string, settings: GoSetting[]): void {
  const add = (word: Word, source: string, prefixOf?: ShellCommand) => {
    const found = assignmentIn(document, index, word, source, environment);
    if (found) settings.push(prefixOf ? { ...found, appliesTo: prefixOf.range } : found);
  };
  const prefix = `${where} command environment`;
  const goEnvWritten = runsGo(document);
  for (const command of commands) {
    // A `NAME=value command` prefix is the environment of that command only.
    for (let i = 0; i < command.assignments.length; i++) add(command.assignments[i]!, prefix, command);
    for (let i = 0; i < command.programIndex; i++) add(command.words[i]!, prefix, command);
    if (command.words[0]?.value === 'export') for (const word of command.words.slice(1)) add(word, `${where} export`);
    if (goEnvWritten) for (const word of goEnvWrites(command)) add(word, `go env -w in a ${where}`);
  }
}

/** The words after `go env` when it writes (`-w`), its options left out; none for any other command. */
function goEnvWrites(command: ShellCommand): readonly Word[] {
  if (!goVerb(command, 'env')) return [];
  const words = programWords(command).slice(2);
  return words.some((word) => word.value === '-w') ? words.filter((word) => word.value !== '-w' && word.value !== '-u') : [];
}

/** `NAME=value` in a shell word: the Go setting it assigns, with the value's range inside any quotes. */
function assignmentIn(document: DockerfileDocument, index: LineIndex, word: Word, source: string, environment: Environment): GoSetting | undefined {
  const equals = word.value.indexOf('=');
  const name = word.value.slice(0, equals);
  if (equals <= 0 || !isGoSettingName(name)) return undefined;
  const start = index.offset(word.range.start);
  const end = index.offset(word.range.end);
  const nameEnd = document.file.text.indexOf('=', start);
  if (nameEnd === -1 || nameEnd >= end) return undefined;
  const written = word.value.slice(equals + 1);
  const valueRange = index.range(nameEnd + 1, end);
  return setting(document, index, name, index.range(start, nameEnd), valueRange, written, expand(written, environment) ?? undefined, source);
}

function setting(document: DockerfileDocument, index: LineIndex, name: string, nameRange: Range, valueRange: Range, written: string, value: string | undefined, source: string): GoSetting {
  let start = index.offset(valueRange.start);
  let end = index.offset(valueRange.end);
  const text = document.file.text;
  if (end - start >= 2 && (text[start] === '"' || text[start] === "'") && text[end - 1] === text[start]) {
    start++;
    end--;
  }
  const path = document.file.path;
  return { name, value, at: { path, range: index.range(start, end) }, nameAt: { path, range: nameRange }, source, verbatim: text.slice(start, end) === written && written === value };
}
