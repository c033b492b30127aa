import type { TemplatePart } from './syntax.js';
import type { TemplateToken } from './template.js';
import type { Range } from '../../../types.js';

/**
 * A template's parts from its tokens, as HCL's template parser nests them: a `%{ if }` holds what
 * comes up to its `%{ else }` and `%{ endif }`, a `%{ for }` what comes up to its `%{ endfor }`.
 */

/** What nesting needs of the parser: positions, errors, and its guard on depth. */
export interface DirectiveHost {
  range(start: number, end: number): Range;
  fail(message: string, start: number, end: number, cause?: true): void;
  nested<T>(read: () => T, unread: () => T): T;
}

export function nestDirectives(tokens: TemplateToken[], host: DirectiveHost): TemplatePart[] {
  return new Nesting(tokens, host).parts(NO_END);
}

/** What ends the parts at the top, of an `if`, of its `else` branch, of a `for`. */
const NO_END: ReadonlySet<TemplateToken['kind']> = new Set();
const IF_ENDS: ReadonlySet<TemplateToken['kind']> = new Set(['else', 'endif']);
const ELSE_ENDS: ReadonlySet<TemplateToken['kind']> = new Set(['endif']);
const FOR_ENDS: ReadonlySet<TemplateToken['kind']> = new Set(['endfor']);

class Nesting {
  private next = 0;

  constructor(
    private readonly tokens: TemplateToken[],
    private readonly host: DirectiveHost,
  ) {}

  /** Parts from the next token up to (not including) a directive of a kind in `ends`. */
  parts(ends: ReadonlySet<TemplateToken['kind']>): TemplatePart[] {
    const parts: TemplatePart[] = [];
    while (this.next < this.tokens.length) {
      const token = this.tokens[this.next]!;
      if (ends.has(token.kind)) break;
      this.next++;
      if (token.kind === 'text') this.appendText(parts, token);
      else if (token.kind === 'interpolation') parts.push({ type: 'interpolation', expression: token.expression, range: this.host.range(token.start, token.end) });
      else if (token.kind === 'if' || token.kind === 'for') parts.push(this.directive(token));
      else this.host.fail(strayDirective(token.kind), token.start, token.end);
    }
    return parts;
  }

  private appendText(parts: TemplatePart[], token: TemplateToken & { kind: 'text' }): void {
    if (token.value === '') return;
    const last = parts[parts.length - 1];
    if (last?.type === 'text') parts[parts.length - 1] = { type: 'text', value: last.value + token.value, range: { start: last.range.start, end: this.host.range(token.end, token.end).end } };
    else parts.push({ type: 'text', value: token.value, range: this.host.range(token.start, token.end) });
  }

  /** A `%{ if }` or `%{ for }` with what it holds, up to its end; nested too deep, the rest of the template stands as an unknown value. */
  private directive(open: TemplateToken & { kind: 'if' | 'for' }): TemplatePart {
    return this.host.nested(
      () => (open.kind === 'if' ? this.ifPart(open) : this.forPart(open)),
      () => {
        this.next = this.tokens.length;
        const range = this.host.range(open.start, open.end);
        return { type: 'interpolation', expression: { type: 'invalid', range }, range };
      },
    );
  }

  private ifPart(open: TemplateToken & { kind: 'if' }): TemplatePart {
    const then = this.parts(IF_ENDS);
    const hasElse = this.tokens[this.next]?.kind === 'else';
    if (hasElse) this.next++;
    const otherwise = hasElse ? this.parts(ELSE_ENDS) : [];
    const end = this.closeDirective(open, 'endif');
    return { type: 'if', condition: open.condition, then, else: otherwise, range: this.host.range(open.start, end) };
  }

  private forPart(open: TemplateToken & { kind: 'for' }): TemplatePart {
    const body = this.parts(FOR_ENDS);
    const end = this.closeDirective(open, 'endfor');
    return { type: 'for', keyVariable: open.keyVariable, valueVariable: open.valueVariable, collection: open.collection, body, range: this.host.range(open.start, end) };
  }

  /** Reads the `%{ endif }` or `%{ endfor }` next; reports the directive at `open` when another token or none is there. */
  private closeDirective(open: TemplateToken, kind: 'endif' | 'endfor'): number {
    const token = this.tokens[this.next];
    if (token?.kind === kind) {
      this.next++;
      return token.end;
    }
    this.host.fail(`syntax error: \`%{ ${kind.slice(3)} }\` without its \`%{ ${kind} }\`: add \`%{ ${kind} }\` where the \`%{ ${kind.slice(3)} }\` should end`, open.start, open.end, true);
    if (token) this.next++;
    return this.tokens[this.tokens.length - 1]?.end ?? open.end;
  }
}

/** A `%{ else }`, `%{ endif }` or `%{ endfor }` that no `%{ if }` or `%{ for }` before it opened. */
function strayDirective(kind: 'else' | 'endif' | 'endfor'): string {
  const opener = kind === 'endfor' ? 'for' : 'if';
  return `syntax error: unexpected \`%{ ${kind} }\`: no \`%{ ${opener} }\` is open here; remove it, or add a \`%{ ${opener} … }\` before it`;
}
