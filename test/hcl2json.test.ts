/**
 * Differential test against HashiCorp's HCL parser, through @cdktf/hcl2json (hclsyntax compiled to
 * WebAssembly, printed by tmccombs/hcl2json's converter). For every file of test/corpus/hcl both
 * parsers must accept it, and our tree printed the way hcl2json prints (helpers/hcl2json.ts) must
 * equal hcl2json's output: block structure, every literal, and every expression by the source text
 * our ranges select.
 *
 * hcl2json's own ways, which the printer copies rather than counts as differences:
 * - attributes are printed after blocks, so an attribute hides a block of the same name;
 * - `${c ? a : b}` inside a template is printed as `%{if c}a%{else}b%{endif}`, and an `%{else}`
 *   whose text is empty is left out;
 * - a `)` right after an expression is added to its source text (a workaround in the converter);
 * - a template that is a single interpolation is printed as the value inside it.
 * hcl2json cannot print blocks of one type with different numbers of labels in one body; the corpus
 * has none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Body, Expression, TemplatePart } from '../src/languages/terraform/hcl/syntax.js';
import { parseHcl } from '../src/languages/terraform/hcl/parser.js';
import { repoPath } from './helpers/scan.js';
import { hcl2jsonValue } from './helpers/hcl2json.js';
import { selected } from './helpers/hcl.js';
import { importTool } from './helpers/tools.js';

const { parse } = await importTool<typeof import('@cdktf/hcl2json')>('@cdktf/hcl2json');

const corpus = repoPath('test', 'corpus', 'hcl');
const files = readdirSync(corpus).filter((name) => name.endsWith('.tf')).sort();
const forms = new Set<string>();

for (const name of files) {
  test(`corpus/hcl/${name}`, async () => {
    const text = readFileSync(`${corpus}/${name}`, 'utf8');
    const ours = parseHcl(text);
    assert.equal(ours.errors, [], 'merlint accepts the file');
    const theirs = await parse(name, text);
    assert.equal(hcl2jsonValue(ours.body, text), theirs);
    for (const form of syntaxForms(ours.body, text)) forms.add(form);
    for (const comment of ours.comments) forms.add(commentForm(selected(text, comment.range)));
  });
}

test('the corpus has at least 100 files', () => {
  assert.ok(files.length >= 100, `${files.length} files`);
});

test('the corpus covers every syntax form', () => {
  const expected = [
    'block with quoted labels', 'block with a bare label', 'one-line block', 'empty block', 'nested block',
    'number with exponent', 'number with fraction', 'string escape', 'unicode escape', 'escaped ${',
    'interpolation', 'template if', 'template if else', 'template for', 'strip marker', 'heredoc', 'indented heredoc',
    'tuple', 'object with =', 'object with :', 'function call', 'call with ...',
    'attribute access', 'index', 'legacy index', 'attribute splat .*', 'full splat [*]',
    'for tuple', 'for object', 'for with if', 'for grouping ...', 'conditional', 'parentheses',
    'unary -', 'unary !', ...['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%'].map((operator) => `binary ${operator}`),
    'comment #', 'comment //', 'comment /*',
  ];
  assert.equal(expected.filter((form) => !forms.has(form)), []);
});

/**
 * Both parsers reject these, on the same line, except that we report a heredoc that is not closed at
 * its opening marker, which says what to close, where HCL reports the end of the file.
 */
const invalid: [string, string, number?][] = [
  ['missing value', 'a = 1\nb =\nc = 3\n'],
  ['two equals', 'a = = 1\n'],
  ['unclosed block', 'resource "a" "b" {\n  x = 1\n'],
  ['unclosed tuple', 'a = [1, 2\nb = 3\n'],
  ['quoted string over two lines', 'a = "one\ntwo"\n'],
  ['heredoc without its end marker', 'a = <<EOT\nnever closed\n', 1],
  ['%%%{ leaves an endif without its if', 'a = "%%%{ if true }x%{ endif }"\n'],
  ['unclosed interpolation', 'a = "${var.x"\n'],
  ['an attribute set twice', 'resource "a" "b" {\n  ami = "x"\n  ami = "y"\n}\n'],
  ['an interpolation in a block label', 'data "null_resource" "foo_${var.x}" {\n}\n'],
  ['JSON in a .tf file', '{\n  "terraform": {}\n}\n'],
  ['= on the line after the name', 'alias\n  = "dr"\n'],
  ['a value on the line after =', 'a =\n  1\n'],
  ['a comma starting a line in an object', 'x = {\n  a = 1\n  , b = 2\n}\n'],
  ['text after a heredoc marker', 'p = <<EOT[\nx\nEOT\n'],
  ['a one-line block closed on the next line', 'versioning { enabled = true\n}\n'],
];

for (const [what, text, ourLine] of invalid) {
  test(`both reject: ${what}`, async () => {
    const ours = parseHcl(text);
    const theirs = await parse('main.tf', text).then(
      () => undefined,
      (error: Error) => error.message,
    );
    assert.ok(theirs, 'hcl2json rejects it');
    assert.is(ours.errors.length, 1, 'merlint rejects it');
    const theirLine = Number(/main\.tf:(\d+),/.exec(theirs!)?.[1]);
    assert.is(ours.errors[0]!.range.start.line, ourLine ?? theirLine, `${ours.errors[0]!.message} / ${theirs}`);
  });
}

/** The syntax forms a body uses, by name, to check that the corpus covers them all. */
function syntaxForms(body: Body, text: string): Set<string> {
  const found = new Set<string>();
  const visitBody = (current: Body, nested: boolean) => {
    for (const attribute of current.attributes) visitExpression(attribute.value);
    for (const block of current.blocks) {
      if (nested) found.add('nested block');
      if (block.labels.some((label) => selected(text, label.range).startsWith('"'))) found.add('block with quoted labels');
      if (block.labels.some((label) => !selected(text, label.range).startsWith('"'))) found.add('block with a bare label');
      const empty = block.body.attributes.length === 0 && block.body.blocks.length === 0;
      if (empty) found.add('empty block');
      else if (block.range.start.line === block.range.end.line) found.add('one-line block');
      visitBody(block.body, true);
    }
  };
  const visitParts = (parts: TemplatePart[]) => {
    for (const part of parts) {
      if (part.type === 'text') textForms(selected(text, part.range)).forEach((form) => found.add(form));
      else if (part.type === 'interpolation') {
        found.add('interpolation');
        visitExpression(part.expression);
      } else if (part.type === 'if') {
        found.add(part.else.length > 0 ? 'template if else' : 'template if');
        visitExpression(part.condition);
        visitParts([...part.then, ...part.else]);
      } else {
        found.add('template for');
        visitExpression(part.collection);
        visitParts(part.body);
      }
    }
  };
  const visitExpression = (expression: Expression) => {
    const source = selected(text, expression.range);
    for (const form of expressionForms(expression, source, text)) found.add(form);
    if (expression.type === 'template') visitParts(expression.parts);
    for (const child of children(expression)) visitExpression(child);
  };
  visitBody(body, false);
  return found;
}

function commentForm(source: string): string {
  return source.startsWith('#') ? 'comment #' : source.startsWith('//') ? 'comment //' : 'comment /*';
}

function textForms(raw: string): string[] {
  return [raw.includes('\\') && 'string escape', /\\[uU]/.test(raw) && 'unicode escape', raw.includes('$${') && 'escaped ${'].filter((form): form is string => Boolean(form));
}

function expressionForms(expression: Expression, source: string, text: string): string[] {
  switch (expression.type) {
    case 'literal':
      return typeof expression.value === 'number' ? [/e/i.test(source) ? 'number with exponent' : source.includes('.') ? 'number with fraction' : 'integer'] : [];
    case 'template':
      return [expression.heredoc ? (source.startsWith('<<-') ? 'indented heredoc' : 'heredoc') : 'quoted string', /~}|\{~/.test(source) ? 'strip marker' : ''];
    case 'object':
      return ['object', ...expression.items.map((item) => `object with ${selected(text, { start: item.key.range.end, end: item.value.range.start }).trim()}`)];
    case 'call':
      return ['function call', expression.expandFinal ? 'call with ...' : ''];
    case 'getAttr':
      return ['attribute access'];
    case 'index':
      return [source.endsWith(']') ? 'index' : 'legacy index'];
    case 'splat':
      return [source.includes('[*]') ? 'full splat [*]' : 'attribute splat .*'];
    case 'for':
      return [expression.key ? 'for object' : 'for tuple', expression.condition ? 'for with if' : '', expression.grouping ? 'for grouping ...' : ''];
    case 'unary':
    case 'binary':
      return [`${expression.type} ${expression.operator}`];
    default:
      return [expression.type];
  }
}

function children(expression: Expression): Expression[] {
  switch (expression.type) {
    case 'tuple':
      return expression.items;
    case 'object':
      return expression.items.flatMap((item) => [item.key, item.value]);
    case 'getAttr':
      return [expression.object];
    case 'index':
      return [expression.object, expression.key];
    case 'splat':
      return [expression.object, expression.each];
    case 'call':
      return expression.args;
    case 'for':
      return [expression.collection, ...(expression.key ? [expression.key] : []), expression.value, ...(expression.condition ? [expression.condition] : [])];
    case 'conditional':
      return [expression.condition, expression.whenTrue, expression.whenFalse];
    case 'unary':
      return [expression.operand];
    case 'binary':
      return [expression.left, expression.right];
    case 'parentheses':
      return [expression.expression];
    default:
      return [];
  }
}

test.run();
