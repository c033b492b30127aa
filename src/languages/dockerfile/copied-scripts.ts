/*
 * Shell scripts an image build writes from here-documents (`COPY <<EOF /entrypoint.sh`) and then runs from a RUN, CMD or
 * ENTRYPOINT: the commands of the script are read as those of the instruction that runs it, at their places in the
 * Dockerfile, as a RUN's own heredoc script is.
 *
 * A file is run as a shell script by a command that names it as its program (`/entrypoint.sh`, or `entrypoint.sh` in a
 * directory of the default PATH) or gives it to a shell (`sh /entrypoint.sh`, `. /entrypoint.sh`), when
 * - a shell is given it: the shell reads any file as its script;
 * - its `#!` line names a shell (`#!/bin/sh`, `#!/usr/bin/env bash`);
 * - it has no `#!` line and the command runs in a shell (shell form): the shell reads a file the kernel cannot execute as
 *   its own script. An exec form cannot start such a file.
 * The file's mode is not followed: one run without its execute bit fails until its author adds it, and then runs this.
 * Only files written at an absolute path are known: a relative destination is one under a WORKDIR the Dockerfile sets (or scratch's `/`).
 *
 * A file whose `#!` line names a shell and that no instruction of the Dockerfile runs is a script the image holds for
 * whatever starts it (a base image's entrypoint, a container's command): its commands are the COPY's (`CopiedText.commands`).
 */

import { PersistentMap } from '../../persistent-map.js';
import { baseName, commandStringOf, dialectOf, interpreterOf, isShell } from '../../shell/commands.js';
import type { ShellDialect } from '../../shell/types.js';
import { copiedTextPath, programWords, type CopiedText, type CopyInstruction, type DockerfileDocument, type ShellCommand } from './model.js';
import type { RunScript } from './run-script.js';
import { lexShell, UNKNOWN_IMAGE_SHELLS, type MappedText, type StageShells } from './shell.js';

/** Copied files by absolute path, with their texts as BuildKit writes them. */
export type CopiedFiles = ReadonlyMap<string, MappedText>;

const NO_COPIED_FILES: CopiedFiles = new Map();

/** The directories of the default PATH, where a program named without a directory is looked for. */
const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** What ends a name in an instruction's text: blanks, `/`, quotes, escapes and shell operators. */
const NAME_BOUNDARY = /[\s/'"\\;&|<>(){}$=`]+/;

/**
 * The files a stage's here-documents have written so far at absolute paths, which a stage built FROM it has too. Kept by the
 * first part of their base names (`NAME_BOUNDARY`), so that an instruction finds the few its text names in one pass over it,
 * and persistent, so that thousands of COPYs and the stages built on them share what they have in common.
 */
export class WrittenFiles {
  static readonly NONE = new WrittenFiles(PersistentMap.empty(), 0);

  private constructor(
    private readonly byKey: PersistentMap<CopiedFiles>,
    readonly size: number,
  ) {}

  /** The files after a COPY or ADD of the document has written those of its here-documents. */
  with(document: DockerfileDocument, copy: CopyInstruction, textOf: (copied: CopiedText) => MappedText): WrittenFiles {
    let files: WrittenFiles = this;
    for (const copied of copy.texts) {
      const path = copiedTextPath(document, copy, copied);
      if (path?.startsWith('/')) files = files.withFile(path, textOf(copied));
    }
    return files;
  }

  private withFile(path: string, text: MappedText): WrittenFiles {
    const key = keyOf(path);
    const sharingKey = this.byKey.get(key) ?? NO_COPIED_FILES;
    return new WrittenFiles(this.byKey.set(key, new Map(sharingKey).set(path, text)), this.size + (sharingKey.has(path) ? 0 : 1));
  }

  /** The files whose names `text` spells, which are all an instruction with that text can run. */
  namedIn(text: string): CopiedFiles {
    if (this.size === 0) return NO_COPIED_FILES;
    const named = new Map<string, MappedText>();
    // '' finds the files whose base names start with a boundary character.
    for (const token of new Set(text.split(NAME_BOUNDARY)).add('')) {
      for (const [path, file] of this.byKey.get(token) ?? NO_COPIED_FILES) if (text.includes(baseName(path)!)) named.set(path, file);
    }
    return named;
  }
}

function keyOf(path: string): string {
  return baseName(path)!.split(NAME_BOUNDARY, 1)[0]!;
}

/** A copied file a command runs as a shell script, and the dialect of the shell that reads it. */
export interface CopiedScript {
  readonly file: MappedText;
  readonly dialect: ShellDialect;
}

/**
 * The file a command runs as a shell script, if it runs one of `files`; `inShell`: the command runs in a shell;
 * `shells`: the image's /bin/sh and the shell that runs the instruction.
 */
export function scriptRunBy(command: ShellCommand, files: CopiedFiles, inShell: boolean, shells: StageShells): CopiedScript | undefined {
  const words = programWords(command);
  const program = words[0]?.value;
  if (program === undefined) return undefined;
  const givenToShell = isShell(program) || program === '.' || program === 'source';
  if (givenToShell && commandStringOf(words.map((word) => ({ text: word.value })))) return undefined;
  const path = givenToShell ? words.slice(1).find((word) => !word.value.startsWith('-'))?.value : program;
  const file = path === undefined ? undefined : fileAt(files, path);
  if (!file) return undefined;
  // `. file` is read by the shell running the command; `bash file` by bash; a program by its `#!` line's shell.
  const dialect = givenToShell ? (isShell(program) ? dialectOf(program, shells.sh) : shells.run) : programDialect(file.text, inShell, shells);
  return dialect && { file, dialect };
}

function fileAt(files: CopiedFiles, path: string): MappedText | undefined {
  if (path.includes('/')) return files.get(path);
  for (const directory of DEFAULT_PATH) {
    const file = files.get(`${directory}/${path}`);
    if (file) return file;
  }
  return undefined;
}

/** Which copied files the RUN, CMD and ENTRYPOINT instructions of a Dockerfile run, asked once they are all read. */
export class ScriptRuns {
  private readonly scriptsNaming = new Map<MappedText, RunScript[]>();
  /** The commands of each file run, by the dialect that read it: lexed once, however many instructions run it. */
  private readonly run = new Map<MappedText, Map<ShellDialect, readonly ShellCommand[]>>();

  /** `script` may run `files`: those its text names. */
  named(files: CopiedFiles, script: RunScript): void {
    for (const file of files.values()) {
      const scripts = this.scriptsNaming.get(file);
      if (scripts) scripts.push(script);
      else this.scriptsNaming.set(file, [script]);
    }
  }

  /** The commands of a copied script an instruction runs, which are that instruction's. */
  commandsRun({ file, dialect }: CopiedScript): readonly ShellCommand[] {
    let byDialect = this.run.get(file);
    if (!byDialect) this.run.set(file, (byDialect = new Map()));
    let commands = byDialect.get(dialect);
    if (!commands) byDialect.set(dialect, (commands = lexShell(file, undefined, dialect)));
    return commands;
  }

  /** The commands of a file whose `#!` line names a shell, when no instruction runs it; none for another. */
  commandsOfUnrun(file: MappedText): ShellCommand[] {
    const dialect = programDialect(file.text, false, UNKNOWN_IMAGE_SHELLS);
    if (dialect === undefined) return [];
    // The scripts that name the file find out whether they run it when they are lexed.
    for (const script of this.scriptsNaming.get(file) ?? []) void script.commands;
    return this.run.has(file) ? [] : lexShell(file, undefined, dialect);
  }
}

/**
 * The dialect of the shell that reads a file run as a program, if a shell does: the one its `#!` line names, or, where it has
 * none and a shell runs the command (`inShell`), that shell, which reads a file the kernel cannot execute as its own script.
 */
export function programDialect(text: string, inShell: boolean, shells: StageShells): ShellDialect | undefined {
  if (!text.startsWith('#!')) return inShell ? shells.run : undefined;
  const interpreter = interpreterOf(text);
  return interpreter !== undefined && isShell(interpreter) ? dialectOf(interpreter, shells.sh) : undefined;
}
