import type { ParseError } from '../../../language.js';
import type { TemplateExpression } from '../hcl/syntax.js';
import type { TemplateParser } from './scope.js';

/**
 * Reads `templatefile()` templates with the HCL parser's template entry point, positions those of
 * the template file. A template with a syntax error is not rendered: its value is unknown, from
 * the place of the first error.
 */
export function templateParser(parse: (text: string) => { template: TemplateExpression; errors: ParseError[] }): TemplateParser {
  return (text) => {
    const { template, errors } = parse(text);
    return errors[0] ? { type: 'invalid', range: errors[0].range } : template;
  };
}
