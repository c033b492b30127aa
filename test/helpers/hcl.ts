import type { Expression, TemplatePart } from '../../src/languages/terraform/hcl/syntax.js';
import { LineIndex } from '../../src/positions.js';
import type { Range } from '../../src/types.js';

/** An expression as a short S-expression without ranges: `(+ 1 (* 2 3))`, `(. var region)`. */
export function sexp(expression: Expression): string {
  switch (expression.type) {
    case 'literal':
      return JSON.stringify(expression.value);
    case 'template':
      return `(${expression.heredoc ? 'heredoc' : 'template'}${expression.parts.map((part) => ` ${templatePart(part)}`).join('')})`;
    case 'tuple':
      return `[${expression.items.map(sexp).join(' ')}]`;
    case 'object':
      return `{${expression.items.map((item) => `${sexp(item.key)}=${sexp(item.value)}`).join(' ')}}`;
    case 'variable':
      return expression.name;
    case 'getAttr':
      return `(. ${sexp(expression.object)} ${expression.name})`;
    case 'index':
      return `(index ${sexp(expression.object)} ${sexp(expression.key)})`;
    case 'splat':
      return `(splat ${sexp(expression.object)} ${sexp(expression.each)})`;
    case 'splatItem':
      return '*';
    case 'call':
      return `(${expression.name}${expression.args.map((arg) => ` ${sexp(arg)}`).join('')}${expression.expandFinal ? ' ...' : ''})`;
    case 'for': {
      const variables = [expression.keyVariable, expression.valueVariable].filter(Boolean).join(',');
      const result = expression.key ? `${sexp(expression.key)} => ${sexp(expression.value)}` : sexp(expression.value);
      const condition = expression.condition ? ` if ${sexp(expression.condition)}` : '';
      return `(for ${variables} in ${sexp(expression.collection)} : ${result}${expression.grouping ? ' ...' : ''}${condition})`;
    }
    case 'conditional':
      return `(? ${sexp(expression.condition)} ${sexp(expression.whenTrue)} ${sexp(expression.whenFalse)})`;
    case 'unary':
      return `(${expression.operator} ${sexp(expression.operand)})`;
    case 'binary':
      return `(${expression.operator} ${sexp(expression.left)} ${sexp(expression.right)})`;
    case 'parentheses':
      return `(paren ${sexp(expression.expression)})`;
    case 'invalid':
      return '<invalid>';
  }
}

function templatePart(part: TemplatePart): string {
  switch (part.type) {
    case 'text':
      return JSON.stringify(part.value);
    case 'interpolation':
      return `\${${sexp(part.expression)}}`;
    case 'if':
      return `%{if ${sexp(part.condition)}}${part.then.map(templatePart).join(' ')}%{else}${part.else.map(templatePart).join(' ')}%{endif}`;
    case 'for': {
      const variables = [part.keyVariable, part.valueVariable].filter(Boolean).join(',');
      return `%{for ${variables} in ${sexp(part.collection)}}${part.body.map(templatePart).join(' ')}%{endfor}`;
    }
  }
}

/** `line:column-line:column`, for asserting a range at a glance. */
export function at(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** The text a range selects. */
export function selected(text: string, range: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offset(range.start), index.offset(range.end));
}
