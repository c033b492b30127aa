import type { WrittenVariable } from '../../facts/go-settings.js';
import type { ParseResult } from '../../language.js';
import { commandLineDialect, loadShellReader, offsetPositions, type ShellScript } from '../../shell/index.js';
import { LineIndex } from '../../positions.js';
import type { Comment, DocumentBase, SourceFile } from '../../types.js';
import { expandMakeVariables, hasReference } from '../../variables.js';

/** A variable assignment: `NAME = value`, `export NAME := value`, `NAME ?= value`, `target: export NAME = value`. */
export interface MakeAssignment extends WrittenVariable {
  operator: string;
  /** The value as written, continuation lines joined; `value` has make references resolved from the file's own variables. */
  written: string;
  /** The targets of a target-specific assignment. */
  targets: string | undefined;
}

/** A recipe line: shell text run for a target, as the shell receives it (make's own references expanded where the file defines them), read by the shell reader at its place in the file. */
export interface RecipeLine {
  start: number;
  end: number;
  script: ShellScript;
}

export interface MakefileDocument extends DocumentBase {
  kind: 'makefile';
  index: LineIndex;
  assignments: MakeAssignment[];
  recipes: RecipeLine[];
}

/** Operators whose value is expanded when used, so with the file's last definitions. */
const RECURSIVE = new Set(['=', '?=', '+=']);

const ASSIGNMENT =
  /^(?:([^:=#\t ][^:=#]*?)[ \t]*:(?![:=])[ \t]*)?(?:(?:override|export|private)[ \t]+)*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(::?:?=|\?=|\+=|!=|=)[ \t]*/;

/**
 * Reads the variable assignments of a GNU Makefile with the position of every value, and where its
 * recipe lines are. Comments, continuation lines, `define … endef` blocks and conditionals are
 * understood; functions (`$(shell …)`) make a value unknown, they are never run.
 */
export async function parseMakefile(file: SourceFile): Promise<ParseResult<MakefileDocument>> {
  const text = file.text;
  const index = new LineIndex(text);
  const document: MakefileDocument = { kind: 'makefile', file, comments: [], statements: [], index, assignments: [], recipes: [] };
  const definitions = new Map<string, { value: string }>();
  const lookup = (name: string) => definitions.get(name)?.value;
  const recipeLines: { start: number; end: number }[] = [];
  let inDefine = false;
  let inRule = false;
  for (let offset = 0; offset < text.length; ) {
    const line = logicalLine(text, offset);
    const content = text.slice(offset, line.end);
    if (inDefine) {
      if (/^[ \t]*endef\b/.test(content)) inDefine = false;
    } else if (text[offset] === '\t' && inRule) {
      recipeLines.push({ start: offset + 1, end: line.end });
    } else {
      const comment = commentStart(content);
      if (comment !== -1) document.comments.push(commentAt(index, text, offset + comment, line.end));
      const code = comment === -1 ? content : content.slice(0, comment);
      if (/^[ \t]*define[ \t]/.test(code)) inDefine = true;
      const assignment = readAssignment(text, offset, offset + code.length, lookup);
      if (assignment) {
        document.assignments.push(assignment);
        document.statements.push(index.range(offset, line.end));
        define(definitions, assignment);
      } else if (/^[^\t#][^=]*:/.test(code) && !/^[ \t]*(?:ifn?eq|ifn?def|else|endif|include|-include|sinclude)\b/.test(code)) {
        inRule = true;
      }
      // Any other line ends the rule's recipe; conditionals, blank lines and comments do not.
      if (assignment && !assignment.targets) inRule = false;
    }
    offset = line.next;
  }
  for (const assignment of document.assignments) {
    if (assignment.value === undefined && hasReference(assignment.written) && RECURSIVE.has(assignment.operator)) assignment.value = expandMakeVariables(assignment.written, lookup);
  }
  // make runs recipes with /bin/sh unless the file sets SHELL, which it never takes from the environment; recipes of one that is not a shell (python3) are not read.
  const dialect = commandLineDialect(lookup('SHELL') ?? '/bin/sh');
  if (recipeLines.length > 0 && dialect) {
    for (const { start, end } of recipeLines) {
      const shellText = recipeText(text, start, end, lookup);
      // A reader loaded anew for each: after tree-sitter failed on a recipe, the next is read by a new instance.
      const script = (await loadShellReader())(shellText.text, offsetPositions(index, shellText.offsets), undefined, dialect);
      document.recipes.push({ start, end, script });
      document.comments.push(...script.comments);
    }
  }
  return { document, errors: [] };
}

/**
 * What the shell receives for a recipe line, with the file offset of each of its characters: the
 * `@`, `-` and `+` prefixes dropped, the tab after each continuation removed, `$$` as `$`, and
 * `$(NAME)` replaced by the value the file gives NAME (left as written, so unknown to the shell, when it gives none).
 */
function recipeText(text: string, start: number, end: number, lookup: (name: string) => string | undefined): { text: string; offsets: number[] } {
  let script = '';
  const offsets: number[] = [];
  const add = (characters: string, offset: number) => {
    script += characters;
    for (let k = 0; k < characters.length; k++) offsets.push(offset);
  };
  let i = start + (/^[@+\-\s]*/.exec(text.slice(start, end))?.[0].length ?? 0);
  while (i < end) {
    const c = text[i]!;
    if (c === '\n') {
      add(c, i);
      i += text[i + 1] === '\t' ? 2 : 1;
    } else if (c === '$' && text[i + 1] === '$') {
      add('$', i);
      i += 2;
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const close = text.indexOf(text[i + 1] === '(' ? ')' : '}', i + 2);
      const reference = close === -1 || close >= end ? undefined : text.slice(i, close + 1);
      const value = reference === undefined ? undefined : expandMakeVariables(reference, lookup);
      if (reference !== undefined && value !== undefined) {
        // The value's characters are placed over the reference, so a finding about them selects `$(NAME)`.
        for (let k = 0; k < value.length; k++) {
          script += value[k];
          offsets.push(i + Math.min(k, reference.length - 1));
        }
        i = close + 1;
      } else {
        add(c, i);
        i++;
      }
    } else {
      add(c, i);
      i++;
    }
  }
  offsets.push(end);
  return { text: script, offsets };
}

function define(definitions: Map<string, { value: string }>, assignment: MakeAssignment): void {
  const earlier = definitions.get(assignment.name);
  if (assignment.operator === '?=' && earlier) return;
  if (assignment.operator === '!=') {
    definitions.delete(assignment.name);
    return;
  }
  const value = assignment.operator === '+=' && earlier ? `${earlier.value} ${assignment.written}` : assignment.written;
  definitions.set(assignment.name, { value: assignment.value ?? value });
}

function readAssignment(text: string, start: number, end: number, lookup: (name: string) => string | undefined): MakeAssignment | undefined {
  const code = text.slice(start, end);
  const match = ASSIGNMENT.exec(code);
  if (!match) return undefined;
  const name = match[2]!;
  const nameStart = start + match[0].lastIndexOf(name, match[0].length - match[3]!.length);
  const valueStart = start + match[0].length;
  const raw = text.slice(valueStart, end);
  const written = raw.replace(/\\\r?\n[ \t]*/g, ' ').replace(/[ \t]+$/, '');
  const valueEnd = valueStart + raw.replace(/[ \t]+$/, '').length;
  const operator = match[3]!;
  // `:=` expands at once with what is defined so far; `=` and `?=` when used, with the file's last definitions (done after reading it).
  const immediate = operator.includes(':') ? expandMakeVariables(written, lookup) : undefined;
  const value = operator === '!=' ? undefined : hasReference(written) ? immediate : written.replaceAll('$$', '$');
  return { name, nameStart, nameEnd: nameStart + name.length, operator, written, value, valueStart, valueEnd, verbatim: value === written && !raw.includes('\n'), targets: match[1] };
}

/** A line with its continuations (`\` at the end). */
function logicalLine(text: string, start: number): { end: number; next: number } {
  let end = start;
  for (;;) {
    const newline = text.indexOf('\n', end);
    if (newline === -1) return { end: text.length, next: text.length };
    let backslashes = 0;
    for (let i = (text[newline - 1] === '\r' ? newline - 2 : newline - 1); i >= start && text[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 0) return { end: text[newline - 1] === '\r' ? newline - 1 : newline, next: newline + 1 };
    end = newline + 1;
  }
}

/** Where a `#` comment starts (not `\#`), or -1. */
function commentStart(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '#') return i;
  }
  return -1;
}

function commentAt(index: LineIndex, text: string, start: number, end: number): Comment {
  return { range: index.range(start, end), text: text.slice(start + 1, end) };
}

