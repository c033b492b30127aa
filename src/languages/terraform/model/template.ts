import type { HclSyntax } from '../hcl/parser.js';
import type { Expression, TemplatePart } from '../hcl/syntax.js';
import type { TemplateParser } from './scope.js';

/**
 * Parses `templatefile()` templates with the HCL parser: the template becomes the body of a
 * heredoc, whose syntax is the template syntax, and the positions are moved back by the one line
 * the heredoc's opening adds.
 */
export function templateParser(parse: (text: string) => HclSyntax): TemplateParser {
  return (text) => {
    let delimiter = 'MERLINT_TEMPLATE';
    while (text.includes(delimiter)) delimiter += '_';
    const syntax = parse(`t = <<${delimiter}\n${text}\n${delimiter}\n`);
    const value = syntax.body.attributes[0]?.value;
    if (!value || syntax.errors.length > 0 || value.type !== 'template') return { type: 'invalid', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
    const template = { ...value, parts: withoutAddedNewline(value.parts) };
    return JSON.parse(JSON.stringify(template), (_key, node: unknown) => (isPosition(node) ? { line: node.line - 1, column: node.column } : node)) as Expression;
  };
}

/** The heredoc ends with a line break the template does not have. */
function withoutAddedNewline(parts: TemplatePart[]): TemplatePart[] {
  const last = parts[parts.length - 1];
  if (last?.type !== 'text' || !last.value.endsWith('\n')) return parts;
  const value = last.value.slice(0, -1);
  return value ? [...parts.slice(0, -1), { ...last, value }] : parts.slice(0, -1);
}

function isPosition(node: unknown): node is { line: number; column: number } {
  return typeof node === 'object' && node !== null && 'line' in node && 'column' in node && Object.keys(node).length === 2;
}
