/*
 * The text of a file a COPY or ADD writes from a here-document, as BuildKit writes it, with the document offset of each
 * of its characters: the body, its lines' leading tabs removed after `<<-` (`ChompHeredocContent`, instructions/parse.go),
 * then, for a here-document whose name is not quoted (`<<EOF`, not `<<"EOF"` or `<<'EOF'`), expanded as
 * `SourcesAndDest.ExpandRaw` expands it when the instruction is dispatched (dockerfile2llb/convert.go).
 */

import { BACKSLASH, LF, TAB } from '../../character-codes.js';
import { lastAtOrBefore, type LineIndex } from '../../positions.js';
import { referenceAt } from '../../variable-references.js';
import { expand, type Environment } from './model.js';
import type { MappedText } from './shell.js';

const DOLLAR = 36;

/** How much longer than its body expansion may make a file (`ENV A=$A$A` doubles A): references past that are left as written. */
const LONGEST_GROWTH = 65536;

/** BuildKit's special parameters (`$@`, `$?` …), which no ENV or ARG sets, so they expand to nothing. */
const SPECIAL_PARAMETER = /^(?:[0-9]+|[@*#?$!0-]|\{(?:[0-9]+|[@*#?$!0-])\})/;

/**
 * The file's text. ExpandRaw's lexer reads quotes as plain characters and a backslash as escaping the character after
 * it (the backslash is dropped, whatever the Dockerfile's escape directive), and takes `$NAME`, `${NAME}`,
 * `${NAME:-word}` and `${NAME:+word}` from the stage's ENV and ARG; `$1`, `$@` and the other special parameters give
 * nothing. A reference merlint cannot know the value of — a build argument without a default, a name the Dockerfile
 * does not set (the base image may), a pattern substitution — is left as written, so no rule takes it for a value.
 * `environment` is undefined for a quoted name, whose body BuildKit writes as it is.
 */
export function copiedText(body: string, start: number, chomp: boolean, environment: Environment | undefined, lines: LineIndex): MappedText {
  if (!chomp && (environment === undefined || !/[$\\]/.test(body))) return new RewrittenText(body, [0], [start], [start + body.length], lines);
  const text = new RewrittenTextBuilder(start);
  let literalFrom = 0;
  for (let i = 0; i < body.length; i++) {
    if (chomp && (i === 0 || body.charCodeAt(i - 1) === LF) && body.charCodeAt(i) === TAB) {
      text.add(body.slice(literalFrom, i), literalFrom, i);
      while (body.charCodeAt(i) === TAB) i++;
      literalFrom = i--;
      continue;
    }
    const code = body.charCodeAt(i);
    if (environment === undefined || (code !== BACKSLASH && code !== DOLLAR)) continue;
    text.add(body.slice(literalFrom, i), literalFrom, i);
    if (code === BACKSLASH) {
      // The escaped character starts the next run of text as written, and is not read as a `$`.
      literalFrom = ++i;
      continue;
    }
    const end = substitutionEnd(body, i);
    const value = end === undefined || text.length > body.length + LONGEST_GROWTH ? undefined : valueOf(body.slice(i, end), environment);
    if (value === undefined) {
      // Left as written, with the references inside it: `${UNSET:-$B}` stays whole.
      literalFrom = i;
      if (end !== undefined) i = end - 1;
      continue;
    }
    text.add(value, i, end!);
    literalFrom = end!;
    i = end! - 1;
  }
  text.add(body.slice(literalFrom), literalFrom, body.length);
  return text.build(lines);
}

/** Where the reference at the `$` at `dollar` ends; undefined for a `$` that starts none (BuildKit keeps it). */
function substitutionEnd(body: string, dollar: number): number | undefined {
  const special = SPECIAL_PARAMETER.exec(body.slice(dollar + 1, dollar + 32));
  if (special) return dollar + 1 + special[0].length;
  return referenceAt(body, dollar)?.end;
}

/** The value of a reference: nothing for a special parameter, else `expand`'s, undefined where a value it needs is unknown. */
function valueOf(reference: string, environment: Environment): string | undefined {
  if (SPECIAL_PARAMETER.test(reference.slice(1))) return '';
  return expand(reference, environment, null) ?? undefined;
}

/** Collects the pieces of a rewritten text and where each stands in the document: text as written, or the value of a reference. */
class RewrittenTextBuilder {
  private text = '';
  private readonly textStarts: number[] = [];
  private readonly documentStarts: number[] = [];
  private readonly documentEnds: number[] = [];

  constructor(private readonly start: number) {}

  get length(): number {
    return this.text.length;
  }

  /** `piece`, which stands for the body from `from` to `to`. */
  add(piece: string, from: number, to: number): void {
    if (piece === '') return;
    this.textStarts.push(this.text.length);
    this.documentStarts.push(this.start + from);
    this.documentEnds.push(this.start + to);
    this.text += piece;
  }

  build(lines: LineIndex): RewrittenText {
    if (this.textStarts.length === 0) return new RewrittenText('', [0], [this.start], [this.start], lines);
    return new RewrittenText(this.text, this.textStarts, this.documentStarts, this.documentEnds, lines);
  }
}

/**
 * Text made of pieces of the document: a character of a piece as written is at its own offset; one of a reference's
 * value at the reference's, the value's first character at its `$` and its last at its end, so a word holding the
 * value selects the reference.
 */
class RewrittenText implements MappedText {
  constructor(
    readonly text: string,
    private readonly textStarts: readonly number[],
    private readonly documentStarts: readonly number[],
    private readonly documentEnds: readonly number[],
    readonly lines: LineIndex,
  ) {}

  offsetOf(index: number): number {
    const piece = lastAtOrBefore(this.textStarts, index);
    const last = Math.max(this.documentStarts[piece]!, this.documentEnds[piece]! - 1);
    const pieceEnd = this.textStarts[piece + 1] ?? this.text.length;
    return index === pieceEnd - 1 ? last : Math.min(this.documentStarts[piece]! + index - this.textStarts[piece]!, last);
  }
}
