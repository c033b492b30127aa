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

const SYMBOLS_3 = new Set(['...']);
const SYMBOLS_2 = new Set(['==', '!=', '>=', '<=', '&&', '||', '::', '=>']);
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
    const start = this.at;
    const char = text[start]!;
    const code = text.charCodeAt(start);
    if (char === ' ' || char === '\t') {
      this.at++;
    } else if (char === '\n') {
      this.push('newline', start, start + 1);
    } else if (char === '\r' && text[start + 1] === '\n') {
      this.push('newline', start, start + 2);
    } else if (code >= 48 && code <= 57) {
      this.push('number', start, this.numberEnd(start));
    } else if (isIdentStart(char, code)) {
      this.push('ident', start, this.identEnd(start + 1));
    } else if (char === '#' || (char === '/' && text[start + 1] === '/')) {
      this.push('comment', start, lineEnd(text, start, true));
    } else if (char === '/' && text[start + 1] === '*' && text.indexOf('*/', start + 2) !== -1) {
      this.push('comment', start, text.indexOf('*/', start + 2) + 2);
    } else if (char === '"') {
      this.push('oQuote', start, start + 1);
      this.stack.push({ kind: 'quoted', marker: '' });
    } else if (char === '<' && text[start + 1] === '<' && this.heredocStart(start)) {
      // heredocStart pushed the tokens.
    } else if (char === '{') {
      this.braces++;
      this.push('{', start, start + 1);
    } else if (char === '}' || (char === '~' && text[start + 1] === '}')) {
      this.closeBrace(start, char === '~' ? 2 : 1);
    } else {
      this.symbol(start);
    }
  }

  private symbol(start: number): void {
    const three = this.text.slice(start, start + 3);
    const two = three.slice(0, 2);
    if (SYMBOLS_3.has(three)) this.push(three as TokenType, start, start + 3);
    else if (SYMBOLS_2.has(two)) this.push(two as TokenType, start, start + 2);
    else if (SYMBOLS_1.has(three[0]!)) this.push(three[0] as TokenType, start, start + 1);
    else if (UNSUPPORTED.has(three[0]!)) this.push('unsupported', start, start + 1);
    else this.push('invalid', start, start + (this.text.codePointAt(start)! > 0xffff ? 2 : 1));
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

  private identEnd(from: number): number {
    const text = this.text;
    let end = from;
    for (;;) {
      const code = text.charCodeAt(end);
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45) end++;
      else if (code > 127 && ID_CONTINUE.test(String.fromCodePoint(text.codePointAt(end)!))) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
      else return end;
    }
  }

  /** `<<EOT` or `<<-EOT` followed by a line break opens a heredoc; anything else is two `<`. */
  private heredocStart(start: number): boolean {
    const text = this.text;
    const nameStart = text[start + 2] === '-' ? start + 3 : start + 2;
    if (!isIdentStart(text[nameStart] ?? '', text.charCodeAt(nameStart))) return false;
    const nameEnd = this.identEnd(nameStart + 1);
    const breakLength = text[nameEnd] === '\n' ? 1 : text[nameEnd] === '\r' && text[nameEnd + 1] === '\n' ? 2 : 0;
    if (breakLength === 0) return false;
    this.push('oHeredoc', start, nameEnd + breakLength);
    this.stack.push({ kind: 'heredoc', marker: text.slice(nameStart, nameEnd) });
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

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentStart(char: string, code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (code > 127 && ID_START.test(char));
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
