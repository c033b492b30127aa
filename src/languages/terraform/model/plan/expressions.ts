import type { Expression } from '../../hcl/syntax.js';
import type { ConfigurationExpression, Reference } from '../../plan-document.js';

/*
 * The plan records an expression of the configuration by its value when it refers to nothing, and
 * otherwise only by what it refers to: `region = var.dr_region` and `region = lower(var.dr_region)`
 * both give the references ["var.dr_region"]. merlint reads an expression whose references form
 * one chain (`var.cfg.region`, `var.cfg`) as that reference, the way nearly every such argument is
 * written; an expression that refers to several things is not evaluated.
 */

/** The traversal an expression is read as, when its references form one chain. */
export function chainOf(references: readonly Reference[]): Expression | undefined {
  const [only, ...others] = outermost(references);
  return others.length === 0 ? only?.traversal : undefined;
}

/** The references no other reference of the expression contains, each once. */
export function outermost(references: readonly Reference[]): Reference[] {
  const unique = [...new Map(references.map((reference) => [reference.text, reference])).values()];
  return unique.filter((reference) => !unique.some((other) => other !== reference && contains(other.text, reference.text)));
}

/** Whether `longer` continues the traversal `shorter`: `aws_subnet.a[0].id` continues `aws_subnet.a`. */
function contains(longer: string, shorter: string): boolean {
  return longer.length > shorter.length && longer.startsWith(shorter) && (longer[shorter.length] === '.' || longer[shorter.length] === '[');
}

/**
 * The expression as HCL syntax, for the places findings point at: the constant, the chain of
 * references, or, for what the plan does not record, an invalid expression at its place.
 */
export function syntaxOf(expression: ConfigurationExpression): Expression {
  return expression.constant ?? chainOf(expression.references) ?? { type: 'invalid', range: expression.range };
}
