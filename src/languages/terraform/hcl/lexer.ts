/**
 * HCL's native-syntax scanner, as hclsyntax's scan_tokens.rl cuts text: code tokens, quoted and
 * heredoc templates (their literal text, `${`/`%{` sequences and ends), comments and line breaks.
 * Every token keeps its offsets in the text.
 */

export type TokenType =
  | 'ident'
  | 'number'
  | 'newline'
  | 'comment'
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | '.'
  | ','
  | '*'
  | '/'
  | '%'
  | '+'
  | '-'
  | '='
  | '<'
  | '>'
  | '!'
  | '?'
  | ':'
  | '=='
  | '!='
  | '>='
  | '<='
  | '&&'
  | '||'
  | '::'
  | '...'
  | '=>'
  /** `"` opening and closing a quoted template. */
  | 'oQuote'
  | 'cQuote'
  /** `<<EOT` or `<<-EOT` and its line break; the closing marker. */
  | 'oHeredoc'
  | 'cHeredoc'
  /** Literal text of a quoted template; of a heredoc or a bare template. */
  | 'literal'
  | 'heredocText'
  /** Line breaks inside a quoted string, which HCL rejects. */
  | 'quotedNewline'
  /** `${` or `${~`, `%{` or `%{~`, and `}` or `~}` ending either. */
  | 'interp'
  | 'control'
  | 'seqEnd'
  /** Characters HCL's scanner knows but its language does not use. */
  | 'unsupported'
  | 'invalid'
  | 'eof';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
}

/** What the text was scanned as: a file (or an expression), or a template without quotes (the body of a heredoc). */
export type ScanMode = 'code' | 'template';

const SYMBOLS_2 = new Set(['==', '!=', '>=', '<=', '&&', '||', '::', '=>']);
const PAIR_SECOND = new Set(['=', '&', '|', ':', '>']);
const SYMBOLS_1 = new Set(['{', '}', '[', ']', '(', ')', '.', ',', '*', '/', '%', '+', '-', '=', '<', '>', '!', '?', ':']);
/** Characters HCL's scanner makes tokens of only to report them (bitwise operators, `;`, quotes of other languages). */
const UNSUPPORTED = new Set(['&', '|', '^', '~', ';', '`', "'"]);

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}-]/u;

/** One template being scanned: quoted (ends at `"`), a heredoc (ends at its marker line) or bare (ends with the text). */
interface TemplateFrame {
  kind: 'quoted' | 'heredoc' | 'bare';
  marker: string;
}

/** A `${`/`%{` sequence being scanned as code: it ends at the `}` that brings the brace depth back to `depth`. */
interface SequenceFrame {
  kind: 'sequence';
  depth: number;
}

class Lexer {
  readonly tokens: Token[] = [];
  private at = 0;
  private braces = 0;
  private readonly stack: (TemplateFrame | SequenceFrame)[] = [];

  constructor(
    private readonly text: string,
    mode: ScanMode,
    from: number,
  ) {
    this.at = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;
    if (mode === 'template') this.stack.push({ kind: 'bare', marker: '' });
    while (this.at < text.length) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined || top.kind === 'sequence') this.code();
      else this.template(top);
    }
    this.push('eof', text.length, text.length);
  }

  private push(type: TokenType, start: number, end: number): void {
    this.tokens.push({ type, start, end });
    this.at = end;
  }

  private code(): void {
    const text = this.text;
    let start = this.at;
    let code = text.charCodeAt(start);
    while (code === 32 || code === 9) code = text.charCodeAt(++start);
    this.at = start;
    const next = text.charCodeAt(start + 1);
    if (start >= text.length) return;
    if (code === 10) this.push('newline', start, start + 1);
    else if (code === 13 && next === 10) this.push('newline', start, start + 2);
    else if (isDigit(code)) this.push('number', start, this.numberEnd(start));
    else if (isIdentStart(text, start)) this.push('ident', start, identEnd(text, start));
    else if (code === 35 || (code === 47 && next === 47)) this.push('comment', start, lineEnd(text, start, true));
    else if (code === 47 && next === 42 && text.indexOf('*/', start + 2) !== -1) this.push('comment', start, text.indexOf('*/', start + 2) + 2);
    else if (code === 34) {
      this.push('oQuote', start, start + 1);
      this.stack.push({ kind: 'quoted', marker: '' });
    } else if (code === 60 && next === 60 && this.heredocStart(start)) {
      // heredocStart pushed the tokens.
    } else if (code === 123) {
      this.braces++;
      this.push('{', start, start + 1);
    } else if (code === 125 || (code === 126 && next === 125)) this.closeBrace(start, code === 126 ? 2 : 1);
    else this.symbol(start);
  }

  private symbol(start: number): void {
    const text = this.text;
    const char = text[start]!;
    if (text.startsWith('...', start)) this.push('...', start, start + 3);
    else if (PAIR_SECOND.has(text[start + 1] ?? '') && SYMBOLS_2.has(text.slice(start, start + 2))) this.push(text.slice(start, start + 2) as TokenType, start, start + 2);
    else if (SYMBOLS_1.has(char)) this.push(char as TokenType, start, start + 1);
    else if (UNSUPPORTED.has(char)) this.push('unsupported', start, start + 1);
    else this.push('invalid', start, start + (text.codePointAt(start)! > 0xffff ? 2 : 1));
  }

  /** `}` ends the `${`/`%{` sequence it balances, else it closes a brace (`~}` ends a sequence either way, as in HCL). */
  private closeBrace(start: number, length: number): void {
    const top = this.stack[this.stack.length - 1];
    const endsSequence = top?.kind === 'sequence' && top.depth === this.braces;
    this.braces--;
    if (endsSequence) this.stack.pop();
    this.push(endsSequence || length === 2 ? 'seqEnd' : '}', start, start + length);
  }

  /** `NumberLit`: a digit, then digits, `.` and exponents, not ending in `.`. */
  private numberEnd(start: number): number {
    const text = this.text;
    let end = start + 1;
    for (;;) {
      const code = text.charCodeAt(end);
      if ((code >= 48 && code <= 57) || code === 46) end++;
      else if ((code === 101 || code === 69) && isDigit(text.charCodeAt(end + 1))) end += 2;
      else if ((code === 101 || code === 69) && (text[end + 1] === '+' || text[end + 1] === '-') && isDigit(text.charCodeAt(end + 2))) end += 3;
      else break;
    }
    while (text[end - 1] === '.') end--;
    return end;
  }

  /** `<<EOT` or `<<-EOT` followed by a line break opens a heredoc; anything else is two `<`. */
  private heredocStart(start: number): boolean {
    const text = this.text;
    const marker = heredocMarker(text, start);
    if (!marker) return false;
    const breakLength = text[marker.end] === '\n' ? 1 : text[marker.end] === '\r' && text[marker.end + 1] === '\n' ? 2 : 0;
    if (breakLength === 0) return false;
    this.push('oHeredoc', start, marker.end + breakLength);
    this.stack.push({ kind: 'heredoc', marker: text.slice(marker.nameStart, marker.end) });
    return true;
  }

  private template(frame: TemplateFrame): void {
    const text = this.text;
    const start = this.at;
    const char = text[start]!;
    if ((char === '$' || char === '%') && text[start + 1] === '{') {
      const length = text[start + 2] === '~' ? 3 : 2;
      this.braces++;
      this.stack.push({ kind: 'sequence', depth: this.braces });
      this.push(char === '$' ? 'interp' : 'control', start, start + length);
    } else if (frame.kind === 'quoted') {
      this.quoted(start);
    } else if (frame.kind === 'heredoc' && (start === 0 || text[start - 1] === '\n') && this.closesHeredoc(start, frame.marker)) {
      // closesHeredoc pushed the tokens.
    } else {
      this.push('heredocText', start, this.literalEnd(start, true));
    }
  }

  private quoted(start: number): void {
    const text = this.text;
    const char = text[start]!;
    if (char === '"') {
      this.stack.pop();
      this.push('cQuote', start, start + 1);
    } else if (char === '\n' || char === '\r') {
      let end = start + 1;
      while (text[end] === '\n' || text[end] === '\r') end++;
      this.push('quotedNewline', start, end);
    } else if (char === '\\' && (start + 1 >= text.length || text[start + 1] === '\n' || text[start + 1] === '\r')) {
      this.push('invalid', start, start + 1);
    } else {
      this.push('literal', start, this.literalEnd(start, false));
    }
  }

  /**
   * The end of literal text from `start`: before a `${` or `%{` that opens a sequence (one right
   * after the same sign is the escape `$${`), and in quoted strings before `"` or a line break
   * (escapes skipped); in heredocs and bare templates after the line break that ends the line.
   */
  private literalEnd(start: number, lines: boolean): number {
    const text = this.text;
    let end = start;
    while (end < text.length) {
      const char = text[end]!;
      if ((char === '$' || char === '%') && text[end + 1] === '{' && (end === start || text[end - 1] !== char)) {
        if (end > start) return end;
        end++;
      } else if (lines && char === '\n') {
        return end + 1;
      } else if (!lines && (char === '"' || char === '\n' || char === '\r')) {
        return end;
      } else if (!lines && char === '\\') {
        if (end + 1 >= text.length || text[end + 1] === '\n' || text[end + 1] === '\r') return end;
        end += 2;
      } else {
        end++;
      }
    }
    return end;
  }

  /** A line that holds only the heredoc's marker (and spaces) closes it: the marker, then the line break. */
  private closesHeredoc(start: number, marker: string): boolean {
    const text = this.text;
    const end = lineEnd(text, start, false);
    const line = text.slice(start, end);
    if (end >= text.length || line.trim() !== marker) return false;
    const markerStart = start + line.indexOf(marker);
    this.stack.pop();
    this.push('cHeredoc', markerStart, markerStart + marker.length);
    const breakStart = text[end - 1] === '\r' ? end - 1 : end;
    this.push('newline', breakStart, end + 1);
    return true;
  }
}

/** The end of the name starting at `at` (its first character checked by isIdentStart). */
function identEnd(text: string, at: number): number {
  let end = at + (text.codePointAt(at)! > 0xffff ? 2 : 1);
  for (;;) {
    const code = text.charCodeAt(end);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45) end++;
    else if (code > 127 && ID_CONTINUE.test(String.fromCodePoint(text.codePointAt(end)!))) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
    else return end;
  }
}

/**
 * `<<EOT` or `<<-EOT` at `at`, as HCL's scanner reads a heredoc's marker (any name, Unicode
 * letters too): where the name starts and ends; undefined when no name follows the `<<`.
 */
export function heredocMarker(text: string, at: number): { nameStart: number; end: number } | undefined {
  const nameStart = text[at + 2] === '-' ? at + 3 : at + 2;
  if (text[at] !== '<' || text[at + 1] !== '<' || !isIdentStart(text, nameStart)) return undefined;
  return { nameStart, end: identEnd(text, nameStart) };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (code > 127 && ID_START.test(String.fromCodePoint(text.codePointAt(at)!)));
}

/** The offset of the line break ending the line at `from` (after it with `including`), or the end of the text. */
function lineEnd(text: string, from: number, including: boolean): number {
  const lineBreak = text.indexOf('\n', from);
  if (lineBreak === -1) return text.length;
  return including ? lineBreak + 1 : lineBreak;
}

/** The tokens of `text` from offset `from` on (offsets stay those of `text`), ending with an `eof` token. */
export function tokenize(text: string, mode: ScanMode = 'code', from = 0): Token[] {
  return new Lexer(text, mode, from).tokens;
}
