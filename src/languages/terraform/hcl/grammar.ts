import { repetition, type Attribute, type BinaryExpression, type Block, type Body, type Expression, type Label, type TemplatePart } from './syntax.js';
import { heredocMarker, tokenize, type Token, type TokenType } from './lexer.js';
import type { Range } from '../../../types.js';
import { comparePositions } from '../../../positions.js';
import type { ParseError } from '../../../language.js';
import { nestDirectives, type DirectiveHost } from './directives.js';
import { BARE_TEMPLATE, HEREDOC, INDENTED_HEREDOC, invalidEscapes, QUOTED, removeIndentation, stripWhiteSpace, type SequenceContent, type TemplateStyle, type TemplateToken } from './template.js';

/**
 * HCL's native syntax read by recursive descent, as hclsyntax's parser.go reads it: the same
 * grammar, the same places for errors, the same recovery (after an error, further errors are
 * suppressed until the caller starts the next statement). It builds merlint's tree directly.
 */

/** Turns offsets in the text handed to the parser into positions in the file the text came from. */
export interface Positions {
  range(startOffset: number, endOffset: number): Range;
}

/** A syntax error. `cause`: an opening whose end is missing, reported before the errors that follow from it. */
export interface Problem extends ParseError {
  /** Where it starts, as an offset in the text. */
  offset: number;
  cause?: true;
}

/** Expressions, blocks and template directives nested deeper than this are not read: the parser, the evaluator and the rules all recurse through them. */
const DEEPEST_NESTING = 1000;

const PRECEDENCE: Partial<Record<TokenType, number>> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

const OPPOSITE: Partial<Record<TokenType, TokenType>> = { '{': '}', '}': '{', '[': ']', ']': '[', '(': ')', ')': '(', oQuote: 'cQuote', cQuote: 'oQuote', oHeredoc: 'cHeredoc', cHeredoc: 'oHeredoc', interp: 'seqEnd', control: 'seqEnd', seqEnd: 'interp' };

export class HclGrammar {
  readonly problems: Problem[] = [];
  /** Errors found, those suppressed while recovering included: a construct failed when this grew while reading it. */
  private failures = 0;
  private recovering = false;
  private depth = 0;
  private next = 0;
  private previous: Token;
  private readonly newlines: boolean[] = [true];
  /** Tokens from this index on read as the end of the text (a broken statement re-read up to the next one). */
  private limit: number;

  /** What nesting a template's directives needs of the parser. */
  private readonly directiveHost: DirectiveHost = {
    range: (start, end) => this.range(start, end),
    fail: (message, start, end, cause) => this.fail(message, start, end, cause),
    nested: (read, unread) => this.nested(read, unread),
  };

  /** Statements re-read so far, and the characters that cost (see MAX_REREADS, MOST_REREAD_WORK). */
  private rereads = 0;
  private rereadWork = 0;

  /** The `next` that find() last started from (-1: none, or the newline mode or tokens changed since) and what it found: a peek() and the read() after it look once. */
  private foundFrom = -1;
  private found = 0;

  constructor(
    private readonly text: string,
    /** The tokens read; a re-read statement changes those from it on (see topLevelItem). */
    public tokens: Token[],
    private readonly positions: Positions,
  ) {
    this.limit = tokens.length - 1;
    this.previous = tokens[0]!;
  }

  // Tokens

  private find(): number {
    if (this.foundFrom !== this.next) {
      this.found = this.significant(this.next);
      this.foundFrom = this.next;
    }
    return this.found;
  }

  /** The index of the first token from `from` on that the parser sees: comments skipped, and line breaks too inside brackets. */
  private significant(from: number): number {
    const including = this.newlines[this.newlines.length - 1];
    for (let index = from; index < this.limit; index++) {
      const token = this.tokens[index]!;
      if (token.type === 'comment') {
        if (including && this.text.charCodeAt(token.end - 1) === 10) return index;
      } else if (token.type !== 'newline' || including) {
        return index;
      }
    }
    return this.limit;
  }

  private tokenAt(index: number): Token {
    if (index >= this.limit) {
      const at = this.tokens[this.limit]!.start;
      return { type: 'eof', start: at, end: at };
    }
    const token = this.tokens[index]!;
    // A `#` or `//` comment ends with the line break, which ends a statement as a line break does.
    return token.type === 'comment' ? { type: 'newline', start: token.start, end: token.end } : token;
  }

  private peek(): Token {
    return this.tokenAt(this.find());
  }

  private read(): Token {
    const index = this.find();
    this.next = Math.min(index + 1, this.limit);
    this.previous = this.tokenAt(index);
    return this.previous;
  }

  private withNewlines<T>(including: boolean, read: () => T): T {
    this.newlines.push(including);
    this.foundFrom = -1;
    try {
      return read();
    } finally {
      this.newlines.pop();
      this.foundFrom = -1;
    }
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.type === 'ident' && token.end - token.start === word.length && this.text.startsWith(word, token.start);
  }

  private source(token: Token): string {
    return this.text.slice(token.start, token.end);
  }

  range(start: number, end: number): Range {
    return this.positions.range(start, end);
  }

  // Errors and recovery

  private fail(message: string, start: number, end: number, cause?: true): void {
    this.failures++;
    if (!this.recovering) this.problems.push({ message, range: this.range(start, end), offset: start, ...(cause ? { cause } : {}) });
  }

  /** An error HCL reports even while recovering. */
  private report(message: string, token: Token): void {
    this.failures++;
    this.problems.push({ message, range: this.range(token.start, token.end), offset: token.start });
  }

  private failRange(message: string, range: Range): void {
    this.failures++;
    if (!this.recovering) this.problems.push({ message, range, offset: -1 });
  }

  private failAt(message: string, token: Token): void {
    this.fail(message, token.start, token.end);
  }

  /** Skips to the token that closes what `end` closes (nested pairs skipped), or to the end. */
  private recover(end: TokenType): Token {
    const start = OPPOSITE[end];
    this.recovering = true;
    let nest = 0;
    for (;;) {
      const token = this.read();
      const type = end === 'seqEnd' && token.type === 'control' ? 'interp' : token.type;
      if (type === start) nest++;
      else if (type === end) {
        if (nest < 1) return token;
        nest--;
      } else if (type === 'eof') return token;
    }
  }

  private recoverOver(start: TokenType): void {
    for (let token = this.read(); token.type !== start && token.type !== 'eof'; token = this.read());
    this.recover(OPPOSITE[start]!);
  }

  /** Skips to the line break that ends the statement (brackets, strings and sequences skipped). */
  private recoverAfterStatement(): void {
    this.recovering = true;
    const open: TokenType[] = [];
    for (;;) {
      const token = this.read();
      const type = token.type;
      if ((type === 'newline' && open.length === 0) || type === 'eof') return;
      if (type === '{' || type === '[' || type === '(' || type === 'oQuote' || type === 'oHeredoc' || type === 'interp' || type === 'control') open.push(type);
      else if (type === '}' || type === ']' || type === ')' || type === 'cQuote' || type === 'cHeredoc' || type === 'seqEnd') {
        const opener = type === 'seqEnd' ? undefined : OPPOSITE[type];
        const matches = (candidate: TokenType) => (opener ? candidate === opener : candidate === 'interp' || candidate === 'control');
        while (open.length > 0 && !matches(open[open.length - 1]!)) open.pop();
        open.pop();
      }
    }
  }

  /** Guards recursion: past DEEPEST_NESTING, reports once and reads nothing more of the construct. */
  private nested<T>(read: () => T, unread: (at: Token) => T): T {
    if (this.tooDeep(0)) return unread(this.peek());
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /**
   * Whether a node `links` levels below the current depth would be nested past DEEPEST_NESTING (a
   * chain of operators or accesses nests its tree as deep as it is long); if so, reports it.
   */
  private tooDeep(links: number): boolean {
    if (this.depth + links < DEEPEST_NESTING) return false;
    const at = this.peek();
    this.fail(`expressions, blocks or template directives nested more than ${DEEPEST_NESTING} deep, which merlint does not read, so what is inside them is not checked; move inner parts into locals`, at.start, at.end);
    this.recovering = true;
    return true;
  }

  // Bodies

  /** The statements of a file, each read on its own: an error in one does not hide the errors of the next. */
  file(): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(0, this.text.length) };
    const seen = new Map<string, Attribute>();
    for (;;) {
      this.recovering = false;
      const next = this.peek();
      if (next.type === 'eof') return body;
      if (next.type === 'newline') {
        this.read();
        continue;
      }
      const item = this.topLevelItem();
      if (item) this.add(body, item, seen);
    }
  }

  /**
   * One statement of the file. A statement whose error made the parser read to the end of the file
   * (an unclosed block or bracket, a string left open that turned the rest into text) is read again
   * on its own, scanned up to the next line that starts a statement, and the file is scanned and
   * read anew from there.
   */
  private topLevelItem(): Attribute | Block | undefined {
    const startIndex = this.find();
    const problemCount = this.problems.length;
    const failures = this.failures;
    const item = this.bodyItemOrJunk('eof');
    if (this.failures === failures || this.find() < this.limit || this.rereads === MAX_REREADS) return item;
    const itemStart = this.tokens[startIndex]!.start;
    const firstProblem = this.problems[problemCount];
    const cut = this.nextStatementStart(itemStart, firstProblem && firstProblem.offset >= 0 ? firstProblem.offset : this.text.length);
    if (cut === undefined) return item;
    // This read to the end, and what follows is scanned anew.
    const work = this.text.length - itemStart + (this.text.length - cut);
    if (this.rereadWork + work > MOST_REREAD_WORK) return item;
    this.rereads++;
    this.rereadWork += work;
    const before = this.tokens.slice(0, startIndex);
    const statement = tokenize(this.text.slice(0, cut), 'code', itemStart);
    this.tokens = before.concat(statement);
    this.next = startIndex;
    this.limit = this.tokens.length - 1;
    this.foundFrom = -1;
    this.recovering = false;
    const reread = this.bodyItemOrJunk('eof');
    this.problems.length = problemCount;
    if (firstProblem) this.problems.push(firstProblem);
    this.tokens = before.concat(statement.slice(0, -1), tokenize(this.text, 'code', cut));
    this.next = startIndex + statement.length - 1;
    this.limit = this.tokens.length - 1;
    this.foundFrom = -1;
    return reread;
  }

  /** The offset of the first line after the line of `itemStart`, on or after the line of `problem`, that starts a statement. */
  private nextStatementStart(itemStart: number, problem: number): number | undefined {
    let lineStart = this.text.indexOf('\n', itemStart);
    const problemLine = this.text.lastIndexOf('\n', problem - 1) + 1;
    while (lineStart !== -1) {
      lineStart += 1;
      if (lineStart >= problemLine && STATEMENT_START.test(this.text.slice(lineStart, lineStart + 200)) && !this.inHeredoc(lineStart)) return lineStart;
      lineStart = this.text.indexOf('\n', lineStart);
    }
    return undefined;
  }

  /** Whether `offset` lies in the text of a heredoc (whose lines may look like statements). */
  private inHeredoc(offset: number): boolean {
    let low = 0;
    let high = this.tokens.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.tokens[middle]!.start <= offset) low = middle;
      else high = middle - 1;
    }
    return this.tokens[low]!.type === 'heredocText';
  }

  private add(body: Body, item: Attribute | Block, seen: Map<string, Attribute>): void {
    if ('value' in item) {
      const earlier = seen.get(item.name);
      if (earlier) this.problems.push({ ...repetition(item, earlier), offset: -1 });
      else seen.set(item.name, item);
      body.attributes.push(item);
    } else {
      body.blocks.push(item);
    }
  }

  private bodyItemOrJunk(end: TokenType): Attribute | Block | undefined {
    if (this.peek().type === 'ident') return this.bodyItem();
    this.junk(end);
    return undefined;
  }

  /** What cannot start a statement: reported, and the rest of the body skipped. */
  private junk(end: TokenType): void {
    const bad = this.read();
    if (bad.type === 'oQuote') this.failAt('syntax error: invalid argument name: argument names must not be quoted; remove the quotes', bad);
    else if (bad.type === '{' && end === 'eof') this.failAt('syntax error: expected an attribute or a block, not a `{ … }` object (JSON configuration belongs in a .tf.json file)', bad);
    else this.failAt(`syntax error: expected an argument or a block, not ${this.describe(bad)}`, bad);
    this.recover(end);
  }

  /** The statements of a block's body up to its `}`; the body's range is that of its statements, or the inside of the braces. */
  private blockBody(open: Token): { body: Body; close: Token } {
    const body: Body = { attributes: [], blocks: [], range: this.range(open.end, open.end) };
    const seen = new Map<string, Attribute>();
    let close: Token;
    for (;;) {
      const next = this.peek();
      if (next.type === '}') {
        close = this.read();
        break;
      }
      if (next.type === 'newline') {
        this.read();
        continue;
      }
      if (next.type === 'eof') {
        this.read();
        this.failAt('syntax error: block not closed: expected `}` to match this `{`', open);
        close = next;
        break;
      }
      if (next.type !== 'ident') {
        this.junk('}');
        close = this.previous;
        break;
      }
      const item = this.bodyItem();
      if (item) this.add(body, item, seen);
    }
    body.range = statementsRange(body) ?? this.range(open.end, close.start);
    return { body, close };
  }

  private bodyItem(): Attribute | Block | undefined {
    const name = this.read();
    const next = this.peek();
    if (next.type === '=') return this.attribute(name, false);
    if (next.type === 'oQuote' || next.type === '{' || next.type === 'ident') return this.block(name);
    const written = this.source(name);
    const equalsNext = next.type === 'newline' && /^\s*=(?!=)/.test(this.text.slice(next.end, next.end + 200));
    if (equalsNext) this.failAt(`syntax error: expected \`=\` after \`${written}\`, on the same line`, name);
    else this.failAt(`syntax error: argument or block definition required: expected \`=\` or \`{\` after \`${written}\`, not ${this.describe(next)}`, name);
    this.recoverAfterStatement();
    return undefined;
  }

  private attribute(name: Token, singleLine: boolean): Attribute {
    this.read();
    const valueStart = this.peek();
    const failures = this.failures;
    const value = this.expression();
    let end = this.previous.end;
    if (this.failures > failures) {
      this.recoverAfterStatement();
    } else if (!singleLine) {
      const after = this.peek();
      if (after.type === 'newline' || after.type === 'eof') this.read();
      else {
        if (after.type === ',') this.failAt('syntax error: unexpected `,` after an argument; arguments are separated by line breaks, not commas', after);
        else this.failAt(`syntax error: expected a line break after the value of \`${this.source(name)}\`, not ${this.describe(after)}`, after);
        end = this.previous.end;
        this.recoverAfterStatement();
      }
    }
    // An attribute with an error holds nothing reliable: rules see its value as unknown.
    const readable = this.failures === failures;
    return {
      name: this.source(name),
      nameRange: this.range(name.start, name.end),
      value: readable ? value : { type: 'invalid', range: this.range(valueStart.start, Math.max(valueStart.start, end)) },
      range: this.range(name.start, end),
    };
  }

  private block(type: Token): Block {
    return this.nested(
      () => this.readBlock(type),
      () => {
        this.recoverAfterStatement();
        return this.emptyBlock(type, [], this.previous.end);
      },
    );
  }

  private emptyBlock(type: Token, labels: Label[], end: number): Block {
    const range = this.range(type.start, end);
    return { type: this.source(type), typeRange: this.range(type.start, type.end), labels, body: { attributes: [], blocks: [], range }, range };
  }

  private readBlock(type: Token): Block {
    const labels: Label[] = [];
    let open: Token | undefined;
    while (!open) {
      const next = this.peek();
      if (next.type === '{') open = this.read();
      else if (next.type === 'oQuote') labels.push(this.label());
      else if (next.type === 'ident') {
        this.read();
        labels.push({ value: this.source(next), range: this.range(next.start, next.end) });
      } else {
        if (next.type === '=') this.failAt(`syntax error: invalid block definition: \`=\` sets an argument; a block \`${this.source(type)}\` is written without it`, next);
        else if (next.type === 'newline') this.failAt(`syntax error: invalid block definition: expected \`{\` on the line of \`${this.source(type)}\``, next);
        else this.failAt(`syntax error: invalid block definition: expected a quoted label or \`{\`, not ${this.describe(next)}`, next);
        this.recoverAfterStatement();
        return this.emptyBlock(type, labels, this.previous.start);
      }
    }
    const first = this.peek().type;
    const { body, close } = first === 'newline' || first === 'eof' || first === '}' ? this.blockBody(open) : this.oneLineBody(open);
    const after = this.peek();
    if (after.type === 'newline' || after.type === 'eof') this.read();
    else {
      this.failAt(`syntax error: expected a line break after the \`}\` of the block, not ${this.describe(after)}`, after);
      this.recoverAfterStatement();
    }
    return { type: this.source(type), typeRange: this.range(type.start, type.end), labels, body, range: this.range(type.start, close.end) };
  }

  /**
   * `name { key = value }`: a block with one argument on the line of its `{`, closed on that line.
   * As in HCL, the error about the block comes before those of its argument, and is reported even
   * while recovering.
   */
  private oneLineBody(open: Token): { body: Body; close: Token } {
    const body: Body = { attributes: [], blocks: [], range: this.range(open.end, open.end) };
    const argumentProblems = this.problems.length;
    const attribute = this.oneLineArgument();
    if (attribute) {
      body.attributes.push(attribute);
      body.range = attribute.range;
    }
    const inside = this.problems.splice(argumentProblems);
    const next = this.peek();
    let close: Token;
    if (next.type === '}') close = this.read();
    else {
      if (next.type === ',') this.report('syntax error: a one-line block holds one argument; put each argument on a line of its own', next);
      else if (next.type === 'newline') this.report(ONE_LINE_BLOCK, next);
      else if (next.type === 'eof') this.failAt('syntax error: block not closed: expected `}` to match this `{`', open);
      else this.failAt(`syntax error: expected \`}\` right after the argument of a one-line block, not ${this.describe(next)}`, next);
      close = this.recover('}');
    }
    this.problems.push(...inside);
    return { body, close };
  }

  private oneLineArgument(): Attribute | undefined {
    const name = this.read();
    const next = this.peek();
    if (name.type === 'ident' && next.type === '=') return this.attribute(name, true);
    this.recoverAfterStatement();
    const nested = name.type === 'ident' && (next.type === 'oQuote' || next.type === '{' || next.type === 'ident');
    if (nested) this.report(ONE_LINE_BLOCK, { ...name, end: next.end });
    else this.report(`syntax error: expected an argument, not ${this.describe(name)}`, name);
    return undefined;
  }

  private label(): Label {
    const open = this.read();
    let raw = '';
    let close: Token;
    for (;;) {
      const token = this.read();
      if (token.type === 'cQuote') {
        close = token;
        break;
      }
      if (token.type === 'literal') {
        this.checkEscapes(token.start, token.end);
        raw += this.source(token);
      } else if (token.type === 'interp' || token.type === 'control') {
        this.failAt('syntax error: a block label cannot hold `${…}` or `%{…}`; write `$${` for a literal `${`', token);
        this.recover('seqEnd');
      } else if (token.type === 'eof') {
        this.failAt('syntax error: string not closed: add `"` before the end of the file', token);
        close = token;
        break;
      } else {
        this.failAt(`syntax error: invalid label: expected \`"\` to close the label, not ${this.describe(token)}`, token);
        close = this.recover('cQuote');
        break;
      }
    }
    return { value: QUOTED.unescape(raw), range: this.range(open.start, close.end) };
  }

  // Expressions

  /** The text as one expression (a JSON string Terraform reads as an expression). */
  wholeExpression(): Expression {
    const expression = this.withNewlines(false, () => this.expression());
    const after = this.withNewlines(false, () => this.peek());
    if (after.type !== 'eof' && this.problems.length === 0) this.failAt(`syntax error: extra characters after the expression: expected the end of the string, not ${this.describe(after)}`, after);
    return expression;
  }

  expression(): Expression {
    return this.nested(
      () => this.conditional(),
      (at) => ({ type: 'invalid', range: this.range(at.start, at.end) }),
    );
  }

  private failed(since: number): boolean {
    return this.failures > since;
  }

  private conditional(): Expression {
    const failures = this.failures;
    const condition = this.binary(1);
    if (this.failed(failures) || this.peek().type !== '?') return condition;
    this.read();
    const whenTrue = this.expression();
    if (this.failed(failures)) return condition;
    const colon = this.peek();
    if (colon.type !== ':') {
      this.failAt(`syntax error: expected \`:\` and the false result of the conditional, not ${this.describe(colon)}`, colon);
      return condition;
    }
    this.read();
    const whenFalse = this.expression();
    return { type: 'conditional', condition, whenTrue, whenFalse, range: { start: condition.range.start, end: whenFalse.range.end } };
  }

  /** Operators of precedence `lowest` and above, each level grouped to the left. */
  private binary(lowest: number): Expression {
    const failures = this.failures;
    let left = this.traversals(this.term());
    for (let links = 1; ; links++) {
      if (this.failed(failures)) return left;
      const operator = this.peek();
      const precedence = PRECEDENCE[operator.type];
      if (precedence === undefined || precedence < lowest) return left;
      if (this.tooDeep(links)) return { type: 'invalid', range: left.range };
      this.read();
      const right = this.binary(precedence + 1);
      left = { type: 'binary', operator: operator.type as BinaryExpression['operator'], left, right, range: { start: left.range.start, end: right.range.end } };
    }
  }

  private term(): Expression {
    return this.nested(
      () => this.readTerm(),
      (at) => ({ type: 'invalid', range: this.range(at.start, at.end) }),
    );
  }

  private readTerm(): Expression {
    const start = this.peek();
    switch (start.type) {
      case '(':
        return this.parentheses();
      case 'number':
        return this.number(this.read());
      case 'ident':
        return this.name(this.read());
      case 'oQuote':
      case 'oHeredoc':
        return this.template(this.read());
      case '-':
      case '!': {
        this.read();
        const operand = this.traversals(this.term());
        return { type: 'unary', operator: start.type, operand, range: { start: this.range(start.start, start.end).start, end: operand.range.end } };
      }
      case '[':
        return this.tuple();
      case '{':
        return this.object();
      default:
        this.invalidExpression(start);
        this.recovering = true;
        return { type: 'invalid', range: this.range(start.start, start.end) };
    }
  }

  private invalidExpression(token: Token): void {
    if (token.type === 'eof') this.failAt('syntax error: missing expression: expected the start of an expression, but the file ends', token);
    else if (token.type === 'newline' && this.previous.type === '=') this.failAt('syntax error: invalid expression: expected the start of an expression after `=`, but the line ends; write the value on the line of its `=`', token);
    else if (token.type === 'newline') this.failAt('syntax error: invalid expression: expected the start of an expression, but the line ends', token);
    else if (token.type === ',' && (this.previous.type === 'newline' || this.text.slice(this.previous.end, token.start).includes('\n'))) this.failAt('syntax error: unexpected `,` at the start of a line: the line break already ended the item before it; put the `,` at the end of that line, or remove it', token);
    else if (!this.heredocNotEndingLine(token)) this.failAt(`syntax error: unexpected ${this.describe(token)}: expected an expression`, token);
  }

  /** `<<EOT` with more after it on its line: HCL's scanner reads no heredoc there, and its parser rejects the `<`. */
  private heredocNotEndingLine(token: Token): boolean {
    const marker = token.type === '<' ? heredocMarker(this.text, token.start) : undefined;
    if (!marker) return false;
    const written = this.text.slice(token.start, marker.end);
    this.failAt(`syntax error: invalid expression: \`${written}\` opens a heredoc only at the end of its line; start the heredoc's text on the next line`, token);
    return true;
  }

  private parentheses(): Expression {
    const open = this.read();
    return this.withNewlines(false, () => {
      const failures = this.failures;
      const inner = this.expression();
      if (this.failed(failures)) {
        this.recover(')');
        return inner;
      }
      const close = this.peek();
      if (close.type !== ')') {
        this.failAt(`syntax error: unbalanced parentheses: expected \`)\`, not ${this.describe(close)}`, close);
        this.recovering = true;
      }
      const end = this.read();
      return { type: 'parentheses', expression: inner, range: this.range(open.start, end.end) };
    });
  }

  private number(token: Token): Expression {
    const value = Number(this.source(token));
    if (Number.isNaN(value)) this.failAt(`syntax error: invalid number literal \`${this.source(token)}\`: write digits with at most one \`.\` and an optional exponent, as in 1.5 or 2e10`, token);
    return { type: 'literal', value, range: this.range(token.start, token.end) };
  }

  private name(token: Token): Expression {
    const next = this.peek().type;
    if (next === '(' || next === '::') return this.call(token);
    const range = this.range(token.start, token.end);
    const name = this.source(token);
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true', range };
    if (name === 'null') return { type: 'literal', value: null, range };
    return { type: 'variable', name, range };
  }

  private call(name: Token): Expression {
    let nameEnd = name.end;
    let open = this.read();
    while (open.type === '::') {
      const part = this.read();
      if (part.type !== 'ident') {
        this.failAt(`syntax error: missing function name: expected a name after \`::\`, not ${this.describe(part)}`, part);
        this.recoverOver('(');
        return { type: 'invalid', range: this.range(name.start, part.end) };
      }
      nameEnd = part.end;
      open = this.read();
    }
    if (open.type !== '(') {
      this.failAt(`syntax error: expected \`(\` after the function name, not ${this.describe(open)}`, open);
      this.recoverOver('(');
      return { type: 'invalid', range: this.range(name.start, open.end) };
    }
    const { args, expandFinal, close } = this.withNewlines(false, () => this.arguments(name, open));
    return { type: 'call', name: this.text.slice(name.start, nameEnd), nameRange: this.range(name.start, nameEnd), args, expandFinal, range: this.range(name.start, close.end) };
  }

  private arguments(name: Token, open: Token): { args: Expression[]; expandFinal: boolean; close: Token } {
    const args: Expression[] = [];
    for (;;) {
      if (this.peek().type === ')') return { args, expandFinal: false, close: this.read() };
      const failures = this.failures;
      args.push(this.expression());
      if (this.failed(failures)) return { args, expandFinal: false, close: this.recover(')') };
      const separator = this.read();
      if (separator.type === ')') return { args, expandFinal: false, close: separator };
      if (separator.type === '...') {
        if (this.peek().type === ')') return { args, expandFinal: true, close: this.read() };
        this.failAt('syntax error: expected `)` right after an argument expanded with `...`', separator);
        return { args, expandFinal: true, close: this.recover(')') };
      }
      if (separator.type !== ',') {
        if (separator.type === 'eof') this.fail('syntax error: function call not closed: add `)` after its last argument', name.start, open.end, true);
        else this.failAt(`syntax error: expected \`,\` or \`)\` after an argument, not ${this.describe(separator)}`, separator);
        return { args, expandFinal: false, close: this.recover(')') };
      }
      if (this.peek().type === ')') return { args, expandFinal: false, close: this.read() };
    }
  }

  /** Attribute, index and splat accesses after `from`: `[*]` takes every step after it, `.*` only the `.name` and `.0` steps. */
  private traversals(from: Expression): Expression {
    let current = from;
    for (let links = 1; ; links++) {
      const next = this.peek().type;
      if (next !== '.' && next !== '[') return current;
      if (this.tooDeep(links)) return { type: 'invalid', range: current.range };
      current = next === '.' ? this.dotStep(current) : this.bracketStep(current);
      if (current.type === 'invalid') return current;
    }
  }

  private dotStep(object: Expression): Expression {
    const dot = this.read();
    const step = this.peek();
    if (this.isAttributeStep(step)) return this.attributeStep(object, this.read());
    if (step.type === '*') {
      const star = this.read();
      const item: Expression = { type: 'splatItem', range: this.range(dot.start, star.end) };
      let each: Expression = item;
      while (this.peek().type === '.' && this.isAttributeStep(this.tokenAt(this.find() + 1))) {
        this.read();
        each = this.attributeStep(each, this.read());
      }
      return { type: 'splat', object, each, range: { start: object.range.start, end: each.range.end } };
    }
    this.failAt(`syntax error: invalid attribute name: expected a name after \`.\`, not ${this.describe(step)}`, step);
    this.recovering = true;
    return { type: 'invalid', range: { start: object.range.start, end: this.range(dot.end, dot.end).end } };
  }

  private isAttributeStep(token: Token): boolean {
    return token.type === 'ident' || token.type === 'number';
  }

  /** `.name`, or the legacy index `.0`. */
  private attributeStep(object: Expression, step: Token): Expression {
    const range = this.range(step.start, step.end);
    const whole = { start: object.range.start, end: range.end };
    if (step.type === 'ident') return { type: 'getAttr', object, name: this.source(step), nameRange: range, range: whole };
    const digits = this.source(step);
    if (!/^[0-9]+$/.test(digits)) {
      this.failAt(`syntax error: invalid legacy index \`.${digits}\`: write the indexes in brackets`, step);
      return { type: 'index', object, key: { type: 'invalid', range }, range: whole };
    }
    return { type: 'index', object, key: { type: 'literal', value: Number(digits), range }, range: whole };
  }

  private bracketStep(object: Expression): Expression {
    const open = this.read();
    if (this.peek().type === '*') {
      this.read();
      let close = this.read();
      if (close.type !== ']') close = this.missingBracket(`expected \`]\` after \`[*\`, not ${this.describe(close)}`);
      const item: Expression = { type: 'splatItem', range: this.range(open.start, close.end) };
      // Its steps nest inside it: a chain of `[*]` nests as deep as it is long.
      const each = this.nested(() => this.traversals(item), (): Expression => ({ type: 'invalid', range: item.range }));
      return { type: 'splat', object, each, range: { start: object.range.start, end: each.range.end } };
    }
    return this.withNewlines(false, () => {
      const failures = this.failures;
      const key = this.expression();
      let close: Token;
      if (this.failed(failures)) close = this.recover(']');
      else {
        close = this.read();
        if (close.type !== ']') close = this.missingBracket(`expected \`]\` to close the index, not ${this.describe(close)}`);
      }
      return { type: 'index', object, key, range: { start: object.range.start, end: this.range(close.end, close.end).end } };
    });
  }

  /**
   * A `]` missing after an index: reported where recovery finds the next `]` (or the end), as HCL
   * reports it (its diagnostic points at the token variable that recovery then overwrites).
   */
  private missingBracket(message: string): Token {
    const recovering = this.recovering;
    const close = this.recover(']');
    this.recovering = recovering;
    this.failAt(`syntax error: ${message}`, close);
    this.recovering = true;
    return close;
  }

  private tuple(): Expression {
    const open = this.read();
    return this.withNewlines(false, () => {
      if (this.isKeyword(this.peek(), 'for')) return this.forExpression(open);
      const items: Expression[] = [];
      let close: Token;
      for (;;) {
        if (this.peek().type === ']') {
          close = this.read();
          break;
        }
        const failures = this.failures;
        items.push(this.expression());
        if (this.failed(failures)) {
          close = this.recover(']');
          break;
        }
        const next = this.peek();
        if (next.type === ']') {
          close = this.read();
          break;
        }
        if (next.type !== ',') {
          if (next.type === 'eof') this.fail('syntax error: tuple not closed: add `]` after its last element to match this `[`', open.start, open.end, true);
          else this.failAt(`syntax error: expected \`]\` or \`,\` after an item of the tuple, not ${this.describe(next)}`, next);
          close = this.recover(']');
          break;
        }
        this.read();
      }
      return { type: 'tuple', items, range: this.range(open.start, close.end) };
    });
  }

  private object(): Expression {
    const open = this.read();
    if (this.withNewlines(false, () => this.isKeyword(this.peek(), 'for'))) return this.withNewlines(false, () => this.forExpression(open));
    return this.withNewlines(true, () => {
      const items: { key: Expression; value: Expression; range: Range }[] = [];
      let close: Token | undefined;
      while (!close) {
        const next = this.peek();
        if (next.type === 'newline') this.read();
        else if (next.type === '}') close = this.read();
        else {
          const item = this.objectItem(open);
          if (item) items.push(item);
          const after = item ? this.peek() : undefined;
          if (!item) close = this.recover('}');
          else if (after!.type === '}') close = this.read();
          else if (after!.type === ',' || after!.type === 'newline') this.read();
          else {
            if (after!.type === 'eof') this.fail('syntax error: object not closed: add `}` after its last element to match this `{`', open.start, open.end, true);
            else this.failAt(`syntax error: expected a line break or \`,\` after the value, not ${this.describe(after!)}`, after!);
            close = this.recover('}');
          }
        }
      }
      return { type: 'object', items, range: this.range(open.start, close.end) };
    });
  }

  private objectItem(open: Token): { key: Expression; value: Expression; range: Range } | undefined {
    const failures = this.failures;
    const key = this.expression();
    if (this.failed(failures)) return undefined;
    const separator = this.peek();
    if (separator.type !== '=' && separator.type !== ':') {
      if (separator.type === 'newline' || separator.type === ',') this.failAt('syntax error: missing value: expected `=` and a value after the key', separator);
      else if (separator.type === 'eof') this.fail('syntax error: object not closed: add `}` after its last element to match this `{`', open.start, open.end, true);
      else this.failAt(`syntax error: expected \`=\` or \`:\` after the key, not ${this.describe(separator)}`, separator);
      return undefined;
    }
    this.read();
    const value = this.expression();
    if (this.failed(failures)) return undefined;
    return { key, value, range: { start: key.range.start, end: value.range.end } };
  }

  private forExpression(open: Token): Expression {
    const closeType: TokenType = open.type === '{' ? '}' : ']';
    const broken = (message: string, at: Token): Expression => {
      this.failAt(`syntax error: invalid \`for\` expression: ${message}, not ${this.describe(at)}`, at);
      return { type: 'invalid', range: this.range(open.start, this.recover(closeType).end) };
    };
    this.read();
    const variables = this.forVariables();
    if (typeof variables === 'string') return broken(variables, this.peek());
    this.read();
    const failures = this.failures;
    const collection = this.expression();
    if (this.failed(failures)) return { type: 'invalid', range: this.range(open.start, this.recover(closeType).end) };
    if (this.peek().type !== ':') return broken('expected `:` after the collection', this.peek());
    this.read();
    let value = this.expression();
    let key: Expression | undefined;
    if (this.peek().type === '=>') {
      this.read();
      key = value;
      value = this.expression();
    }
    const ellipsis = this.peek().type === '...' ? this.read() : undefined;
    let condition: Expression | undefined;
    if (!this.failed(failures) && this.isKeyword(this.peek(), 'if')) {
      this.read();
      condition = this.expression();
    }
    if (this.failed(failures)) return { type: 'invalid', range: this.range(open.start, this.recover(closeType).end) };
    if (this.peek().type !== closeType) return broken(`expected \`${closeType}\` after the result`, this.peek());
    const close = this.read();
    if (closeType === ']' && key) this.failRange('syntax error: invalid `for` expression: a key (`=>`) is not valid when building a tuple; write the `for` in `{ }` to build an object, or remove the key', key.range);
    if (closeType === ']' && ellipsis) this.failAt('syntax error: invalid `for` expression: grouping (`...`) cannot be used when building a tuple; write the `for` in `{ }` to build an object, or remove the `...`', ellipsis);
    if (closeType === '}' && !key) this.failRange('syntax error: invalid `for` expression: a key is required when building an object; write `key => value`, or write the `for` in `[ ]` to build a tuple', value.range);
    return { type: 'for', keyVariable: variables.key, valueVariable: variables.value, collection, key, value, condition, grouping: ellipsis !== undefined, range: this.range(open.start, close.end) };
  }

  /** `k, v in` or `v in` after `for` (the `in` left to read), or what is missing. */
  private forVariables(): { key: string | undefined; value: string } | string {
    if (this.peek().type !== 'ident') return 'expected a variable name after `for`';
    let value = this.source(this.read());
    let key: string | undefined;
    if (this.peek().type === ',') {
      this.read();
      if (this.peek().type !== 'ident') return 'expected a value variable name after `,`';
      key = value;
      value = this.source(this.read());
    }
    if (!this.isKeyword(this.peek(), 'in')) return 'expected `in` after the variable names';
    return { key, value };
  }

  // Templates

  private template(open: Token): Expression {
    if (open.type === 'oQuote') {
      const { parts, close } = this.templateParts('cQuote', QUOTED, open.end, open);
      return { type: 'template', parts, heredoc: false, range: this.range(open.start, close.end) };
    }
    const flush = this.text[open.start + 2] === '-';
    const { parts, close } = this.templateParts('cHeredoc', flush ? INDENTED_HEREDOC : HEREDOC, open.end, open);
    return { type: 'template', parts, heredoc: true, range: this.range(open.start, close.end) };
  }

  /** A template without quotes (a JSON string, a `templatefile()` file), up to the end of the text. */
  bareTemplate(): TemplatePart[] {
    return this.templateParts('eof', BARE_TEMPLATE, 0, undefined).parts;
  }

  /**
   * The parts of a template up to its `end` token, read as HCL reads them: the text between
   * sequences cut into HCL's literal tokens, `~` strip markers applied to the adjacent token, a
   * `<<-` heredoc's indentation removed, then directives nested.
   */
  private templateParts(end: TokenType, style: TemplateStyle, from: number, open: Token | undefined): { parts: TemplatePart[]; close: Token } {
    const tokens: TemplateToken[] = [];
    let textStart = from;
    let close: Token;
    for (;;) {
      const next = this.read();
      if (next.type === end) {
        close = next;
        this.textTokens(tokens, textStart, end === 'cHeredoc' ? this.text.lastIndexOf('\n', next.start - 1) + 1 : next.start, style);
        break;
      }
      if (next.type === 'literal' || next.type === 'heredocText') continue;
      if (next.type === 'interp' || next.type === 'control') {
        this.textTokens(tokens, textStart, next.start, style);
        const sequence = this.withNewlines(false, () => this.sequence(next, end));
        if (sequence) tokens.push(sequence);
        textStart = this.previous.end;
        continue;
      }
      if (end === 'cHeredoc' && next.type === 'eof' && open) {
        const markerEnd = open.end - (this.text[open.end - 2] === '\r' ? 2 : 1);
        this.fail(`syntax error: heredoc not closed: write \`${this.text.slice(open.start + (this.text[open.start + 2] === '-' ? 3 : 2), markerEnd)}\` alone on a line, followed by a line break, to end it`, open.start, markerEnd, true);
      } else if (next.type === 'eof') this.failAt('syntax error: string not closed: add `"` before the end of the file', next);
      else this.failAt(`syntax error: string not closed: add \`"\` before ${this.describe(next)}`, next);
      close = next.type === 'eof' ? next : this.recover(end);
      this.textTokens(tokens, textStart, close.start, style);
      break;
    }
    stripWhiteSpace(tokens);
    if (style.flush) removeIndentation(tokens);
    return { parts: nestDirectives(tokens, this.directiveHost), close };
  }

  /** Literal text as HCL's scanner cuts it: heredocs and bare templates into lines (each with its line break). */
  private textTokens(tokens: TemplateToken[], start: number, end: number, style: TemplateStyle): void {
    if (!style.lines) {
      if (start >= end) return;
      this.checkEscapes(start, end);
      tokens.push({ kind: 'text', value: style.unescape(this.text.slice(start, end)), start, end });
      return;
    }
    for (let from = start; from < end; ) {
      const lineEnd = this.text.indexOf('\n', from);
      const to = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
      tokens.push({ kind: 'text', value: style.unescape(this.text.slice(from, to)), start: from, end: to });
      from = to;
    }
  }

  /** Reports the escapes HCL rejects in the text of a quoted string from `start` to `end`. */
  private checkEscapes(start: number, end: number): void {
    for (const escape of invalidEscapes(this.text.slice(start, end))) {
      this.fail(`syntax error: invalid escape sequence \`${escape.text}\`: a backslash starts \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN`, start + escape.offset, start + escape.offset + escape.text.length);
    }
  }

  /** One `${ … }` or `%{ … }` sequence, its `}` read; undefined when it could not be read. */
  private sequence(open: Token, end: TokenType): TemplateToken | undefined {
    const stripBefore = open.end - open.start === 3;
    const failures = this.failures;
    const content = open.type === 'interp' ? this.interpolationContent() : this.directiveContent();
    if (content === undefined) {
      this.recover('seqEnd');
      return undefined;
    }
    const close = this.peek();
    if (close.type !== 'seqEnd') {
      if (this.failed(failures)) {
        // The expression's own error says what is wrong.
      } else if (close.type === 'eof' || (open.type === 'interp' && (close.type === 'cQuote' || close.type === 'oQuote') && end === 'cQuote')) {
        this.fail(`syntax error: \`${open.type === 'interp' ? '$' : '%'}{\` not closed: add \`}\` after its expression`, open.start, open.start + 2, true);
      } else {
        this.failAt(`syntax error: expected \`}\` to end the \`${open.type === 'interp' ? '${' : '%{'}\` sequence, not ${this.describe(close)} (write \`$\${\` for a literal \`\${\`)`, close);
      }
      this.recover('seqEnd');
      return undefined;
    }
    this.read();
    const stripAfter = close.end - close.start === 2;
    return { ...content, start: open.start, end: close.end, stripBefore, stripAfter };
  }

  private interpolationContent(): SequenceContent {
    return { kind: 'interpolation', expression: this.expression() };
  }

  private directiveContent(): SequenceContent | undefined {
    const keyword = this.peek();
    const word = keyword.type === 'ident' ? this.source(keyword) : '';
    if (!DIRECTIVES.has(word)) {
      this.failAt(`syntax error: invalid template directive: expected if, for, else, endif or endfor after \`%{\`, not ${this.describe(keyword)}`, keyword);
      return undefined;
    }
    this.read();
    if (word === 'if') return { kind: 'if', condition: this.expression() };
    if (word === 'for') {
      const variables = this.forVariables();
      if (typeof variables === 'string') {
        this.failAt(`syntax error: invalid \`for\` directive: ${variables}, not ${this.describe(this.peek())}`, this.peek());
        return undefined;
      }
      this.read();
      return { kind: 'for', keyVariable: variables.key, valueVariable: variables.value, collection: this.expression() };
    }
    return { kind: word as 'else' | 'endif' | 'endfor' };
  }

  /** A token for messages: `text` as written (its first line, shortened), a line break, or the end of the file. */
  private describe(token: Token): string {
    if (token.type === 'eof') return 'the end of the file';
    if (token.type === 'newline' || token.type === 'quotedNewline') return 'the end of the line';
    const written = this.source(token).split('\n')[0]!.trim();
    return `\`${written.length > 40 ? `${written.slice(0, 40)}…` : written}\``;
  }
}

/** Broken statements re-read at most; a file with more is read as it comes after them. */
const MAX_REREADS = 20;
/**
 * Characters scanned again, at most, to re-read broken statements: each costs the text from the statement to the end
 * twice (read to the end, then scanned anew from the next statement), so that the work of a file grows with its
 * length, not with its length times its broken statements (20 in a 1 MB file took 13 s). Past it, as past MAX_REREADS.
 */
const MOST_REREAD_WORK = 4 * 1024 * 1024;

const DIRECTIVES = new Set(['if', 'for', 'else', 'endif', 'endfor']);

const ONE_LINE_BLOCK = 'syntax error: a block with an argument on the line of its `{` must hold only that argument and close on that line; put the argument on a line of its own';

// A line that starts, in its first column, an attribute (`name =`) or a block (`type "label" {`).
const STATEMENT_START = /^[A-Za-z_][\w-]*(?:[ \t]*=(?!=)|(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{)/;

function statementsRange(body: Body): Range | undefined {
  const { attributes, blocks } = body;
  const first = outermost(attributes[0]?.range, blocks[0]?.range, 'start');
  const last = outermost(attributes[attributes.length - 1]?.range, blocks[blocks.length - 1]?.range, 'end');
  return first && last ? { start: first.start, end: last.end } : undefined;
}

/** Of two ranges (either may be missing), the one that starts first or the one that ends last. */
function outermost(a: Range | undefined, b: Range | undefined, side: 'start' | 'end'): Range | undefined {
  if (!a || !b) return a ?? b;
  const order = side === 'start' ? comparePositions(a.start, b.start) : comparePositions(b.end, a.end);
  return order <= 0 ? a : b;
}

