import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { attribute, blocks, type Expression } from '../src/languages/terraform/hcl/syntax.js';
import { parseHcl, type HclSyntax } from '../src/languages/terraform/hcl/parser.js';
import { at, selected, sexp } from './helpers/hcl.js';
import { moduleWithOpenInterpolation } from './helpers/generated-terraform.js';

async function parsed(text: string): Promise<HclSyntax> {
  const syntax = parseHcl(text);
  assert.equal(syntax.errors, [], 'no syntax errors');
  return syntax;
}

/** The value of `x` in `x = <source>`. */
async function value(source: string): Promise<Expression> {
  return attribute((await parsed(`x = ${source}\n`)).body, 'x')!.value;
}

async function reads(source: string, expected: string): Promise<void> {
  assert.is(sexp(await value(source)), expected, source);
}

test('blocks with quoted and bare labels, and their ranges', async () => {
  const text = 'resource "aws_s3_bucket" logs {\n  bucket = "logs"\n}\n';
  const [block] = blocks((await parsed(text)).body, 'resource');
  assert.ok(block);
  assert.equal(block.labels.map((label) => label.value), ['aws_s3_bucket', 'logs']);
  assert.is(selected(text, block.typeRange), 'resource');
  assert.is(selected(text, block.labels[0]!.range), '"aws_s3_bucket"');
  assert.is(selected(text, block.labels[1]!.range), 'logs');
  assert.is(at(block.range), '1:1-3:2');
  assert.is(sexp(attribute(block.body, 'bucket')!.value), '(template "logs")');
});

test('nested, one-line and empty blocks', async () => {
  const text = 'resource "a" "b" {\n  versioning { enabled = true }\n  lifecycle {}\n  rule {\n    id = 1\n  }\n}\n';
  const [resource] = (await parsed(text)).body.blocks;
  const [versioning] = blocks(resource!.body, 'versioning');
  assert.is(selected(text, versioning!.range), 'versioning { enabled = true }');
  assert.is(selected(text, attribute(versioning!.body, 'enabled')!.range), 'enabled = true');
  const [lifecycle] = blocks(resource!.body, 'lifecycle');
  assert.equal(lifecycle!.body.attributes, []);
  assert.is(at(lifecycle!.range), '3:3-3:15');
  assert.is(at(blocks(resource!.body, 'rule')[0]!.range), '4:3-6:4');
});

test('attributes: name, value and whole ranges', async () => {
  const text = 'region     = "ap-southeast-1"\ncount = 2\n';
  const region = attribute((await parsed(text)).body, 'region')!;
  assert.is(at(region.nameRange), '1:1-1:7');
  assert.is(selected(text, region.value.range), '"ap-southeast-1"');
  assert.is(at(region.range), '1:1-1:30');
});

test('numbers: integers, fractions and exponents with or without a fraction', async () => {
  await reads('42', '42');
  await reads('3.25', '3.25');
  await reads('1e3', '1000');
  await reads('2E+2', '200');
  await reads('5e-1', '0.5');
  await reads('1.5e3', '1500');
  await reads('[1e3, 2]', '[1000 2]');
  const text = 'a = 1e3\nb = 2\n';
  const body = (await parsed(text)).body;
  assert.is(selected(text, attribute(body, 'a')!.value.range), '1e3');
  assert.is(sexp(attribute(body, 'b')!.value), '2');
});

test('bools and null', async () => {
  await reads('true', 'true');
  await reads('false', 'false');
  await reads('null', 'null');
});

test('quoted strings: escapes, \\u and \\U code points, and literal ${ and %{', async () => {
  assert.is(await text(String.raw`"a\nb\tc\"d\\e\r"`), 'a\nb\tc"d\\e\r');
  assert.is((await text(String.raw`"caf\u00e9 \U0001F600"`)), 'café 😀');
  assert.is(await text('"$${var.x} %%{ if }"'), '${var.x} %{ if }');
  const source = 'x = "a\\u00e9b"\n';
  const template = attribute((await parsed(source)).body, 'x')!.value;
  assert.is(selected(source, template.range), '"a\\u00e9b"');
  assert.is(template.type === 'template' ? selected(source, template.parts[0]!.range) : '', 'a\\u00e9b');
});

/** The literal text of a template that has no interpolation. */
async function text(source: string): Promise<string> {
  const template = await value(source);
  assert.is(template.type, 'template');
  return template.type === 'template' ? template.parts.map((part) => (part.type === 'text' ? part.value : '?')).join('') : '';
}

test('interpolation: parts and their ranges inside the quotes', async () => {
  const source = 'x = "arn:aws:s3:::${var.bucket}/*"\n';
  const template = attribute((await parsed(source)).body, 'x')!.value;
  assert.is(sexp(template), '(template "arn:aws:s3:::" ${(. var bucket)} "/*")');
  assert.ok(template.type === 'template');
  assert.equal(template.parts.map((part) => selected(source, part.range)), ['arn:aws:s3:::', '${var.bucket}', '/*']);
  const inner = template.parts[1]!;
  assert.is(inner.type === 'interpolation' ? selected(source, inner.expression.range) : '', 'var.bucket');
});

test('strip markers remove white space beside interpolations', async () => {
  await reads('"a  ${~ b ~}  c"', '(template "a" ${b} "c")');
  await reads('"a  ${b ~}  c"', '(template "a  " ${b} "c")');
});

test('%{if} and %{for} directives, with and without ~', async () => {
  await reads('"%{ if var.on }yes%{ else }no%{ endif }"', '(template %{if (. var on)}"yes"%{else}"no"%{endif})');
  await reads('"%{ for i, name in var.names }${i}=${name},%{ endfor }"', '(template %{for i,name in (. var names)}${i} "=" ${name} ","%{endfor})');
  const heredoc = 'x = <<EOT\n%{ for cidr in var.cidrs ~}\nallow ${cidr};\n%{ endfor ~}\ndeny all;\nEOT\n';
  assert.is(sexp(attribute((await parsed(heredoc)).body, 'x')!.value), '(heredoc %{for cidr in (. var cidrs)}"allow " ${cidr} ";\\n"%{endfor} "deny all;\\n")');
  await reads('"<%{~ if a ~} x %{~ endif ~}>"', '(template "<" %{if a}"x"%{else}%{endif} ">")');
});

test('heredocs: <<EOF keeps indentation, <<-EOF removes the common indentation', async () => {
  const source = 'policy = <<EOF\n  {\n    "Version": "${var.v}"\n  }\nEOF\nnext = 1\n';
  const body = (await parsed(source)).body;
  const policy = attribute(body, 'policy')!.value;
  assert.is(sexp(policy), '(heredoc "  {\\n    \\"Version\\": \\"" ${(. var v)} "\\"\\n  }\\n")');
  assert.is(at(policy.range), '1:10-5:4');
  assert.ok(policy.type === 'template');
  assert.is(at(policy.parts[1]!.range), '3:17-3:25');
  assert.is(sexp(attribute(body, 'next')!.value), '1');
  await reads('<<-EOT\n    a\n      b ${c}\n    EOT', '(heredoc "a\\n  b " ${c} "\\n")');
  await reads('<<-EOT\n\tone\n\ttwo\n\tEOT', '(heredoc "one\\ntwo\\n")');
  await reads('<<EOT\nliteral $${x}\nEOT', '(heredoc "literal ${x}\\n")');
});

test('strip markers touch only the literal token next to them, which in a heredoc ends at a line break', async () => {
  await reads('<<EOT\n%{ for x in xs ~}\n  - ${x}\n%{ endfor }\nEOT', '(heredoc %{for x in xs}"  - " ${x} "\\n"%{endfor} "\\n")');
  await reads('<<EOT\na ${b ~}\n\n   c\nEOT', '(heredoc "a " ${b} "\\n   c\\n")');
  await reads('<<EOT\nfirst\n    ${~ second}\nEOT', '(heredoc "first\\n" ${second} "\\n")');
  await reads('"a ${b ~}  \\n  c"', '(template "a " ${b} "c")');
});

test('<<- removes the shared indentation inside directives too, and none when a line starts with a sequence', async () => {
  await reads('<<-EOT\n    a\n    %{ if b }\n    c\n    %{ endif }\n  EOT', '(heredoc "a\\n" %{if b}"\\nc\\n"%{else}%{endif} "\\n")');
  await reads('<<-EOT\n${a}\n    b\n  EOT', '(heredoc ${a} "\\n    b\\n")');
  await reads('<<-EOT\n    a\n\n      b\n  EOT', '(heredoc "a\\n\\n  b\\n")');
});

test('$$${ and %%%{: the last two signs and the brace are the escape, the signs before are literal', async () => {
  assert.is(await text('"$$${x}"'), '$${x}');
  assert.is(await text('"$$$$${x}"'), '$$$${x}');
  assert.is(await text('"%%%{x}"'), '%%{x}');
  assert.is(await text('"$ and US$5 and 100%"'), '$ and US$5 and 100%');
});

test('a line break inside a quoted string is a syntax error, as in HCL', async () => {
  const syntax = parseHcl('a = "one\ntwo"\nb = 1\n');
  assert.is(syntax.errors.length, 1);
  assert.is(at(syntax.errors[0]!.range), '1:9-2:1');
  assert.match(syntax.errors[0]!.message, /cannot span lines/);
  assert.ok(attribute(syntax.body, 'b'));
});

test('tuples: single line, multi-line, trailing comma, nested', async () => {
  await reads('[]', '[]');
  await reads('[1, "a", [true, null]]', '[1 (template "a") [true null]]');
  await reads('[\n  "a",\n  "b",\n]', '[(template "a") (template "b")]');
  const source = 'x = [1,\n  22]\n';
  const tuple = attribute((await parsed(source)).body, 'x')!.value;
  assert.is(at(tuple.range), '1:5-2:6');
  assert.ok(tuple.type === 'tuple');
  assert.is(at(tuple.items[1]!.range), '2:3-2:5');
});

test('objects: = and :, bare, quoted and parenthesised keys, commas or new lines', async () => {
  await reads('{}', '{}');
  await reads('{ a = 1, "b" : 2, (var.k) = 3 }', '{a=1 (template "b")=2 (paren (. var k))=3}');
  await reads('{\n  Name = "x"\n  Env  = var.env\n}', '{Name=(template "x") Env=(. var env)}');
  const source = 'tags = { Team = "pay" }\n';
  const tags = attribute((await parsed(source)).body, 'tags')!.value;
  assert.ok(tags.type === 'object');
  assert.is(selected(source, tags.items[0]!.range), 'Team = "pay"');
  assert.is(selected(source, tags.items[0]!.key.range), 'Team');
});

test('function calls: arguments, nesting, ... expansion, provider functions', async () => {
  await reads('jsonencode({ a = 1 })', '(jsonencode {a=1})');
  await reads('max(1, 2)', '(max 1 2)');
  await reads('concat(a, b...)', '(concat a b ...)');
  await reads('max([1, 2]...)', '(max [1 2] ...)');
  await reads('timestamp()', '(timestamp)');
  await reads('format("%s-%s",\n  var.a,\n  var.b,\n)', '(format (template "%s-%s") (. var a) (. var b))');
  await reads('provider::aws::arn_parse(var.arn)', '(provider::aws::arn_parse (. var arn))');
  const source = 'x = lower(var.region)\n';
  const call = attribute((await parsed(source)).body, 'x')!.value;
  assert.ok(call.type === 'call');
  assert.is(selected(source, call.nameRange), 'lower');
  assert.is(selected(source, call.range), 'lower(var.region)');
});

test('attribute and index access, including the legacy .0 index', async () => {
  await reads('var.a.b', '(. (. var a) b)');
  await reads('local.list[0]', '(index (. local list) 0)');
  await reads('m["k"].v', '(. (index m (template "k")) v)');
  await reads('aws_instance.web.0.id', '(. (index (. aws_instance web) 0) id)');
  await reads('a[b[0]]', '(index a (index b 0))');
  const source = 'x = module.vpc.ids.0\n';
  const access = attribute((await parsed(source)).body, 'x')!.value;
  assert.ok(access.type === 'index');
  assert.is(selected(source, access.key.range), '0');
  assert.is(selected(source, access.range), 'module.vpc.ids.0');
});

test('splats: [*] takes every following step, .* only the attribute steps', async () => {
  await reads('aws_subnet.private[*].id', '(splat (. aws_subnet private) (. * id))');
  await reads('aws_subnet.private.*.id', '(splat (. aws_subnet private) (. * id))');
  await reads('x[*].b[0]', '(splat x (index (. * b) 0))');
  await reads('x.*.b[0]', '(index (splat x (. * b)) 0)');
  await reads('x.*.b.0.c', '(splat x (. (index (. * b) 0) c))');
  await reads('x[*].a[*].b', '(splat x (splat (. * a) (. * b)))');
  await reads('x[*]', '(splat x *)');
  const source = 'x = var.list[*].name\n';
  const splat = attribute((await parsed(source)).body, 'x')!.value;
  assert.ok(splat.type === 'splat');
  assert.is(selected(source, splat.range), 'var.list[*].name');
  assert.is(selected(source, splat.each.range), '[*].name');
});

test('for expressions: tuple and object results, if filters, ... grouping', async () => {
  await reads('[for s in var.list : upper(s)]', '(for s in (. var list) : (upper s))');
  await reads('[for i, s in var.list : s if i > 0]', '(for i,s in (. var list) : s if (> i 0))');
  await reads('{for k, v in var.map : k => v.id}', '(for k,v in (. var map) : k => (. v id))');
  await reads('{for s in var.subnets : s.az => s.id... if s.public}', '(for s in (. var subnets) : (. s az) => (. s id) ... if (. s public))');
  const source = 'x = [for s in l : s]\n';
  assert.is(selected(source, attribute((await parsed(source)).body, 'x')!.value.range), '[for s in l : s]');
});

test('conditionals, nested to the right as HCL reads them', async () => {
  await reads('var.on ? 1 : 0', '(? (. var on) 1 0)');
  await reads('a ? b : c ? d : e', '(? a b (? c d e))');
  await reads('a ? b : c ? d : e ? f : g', '(? a b (? c d (? e f g)))');
  await reads('(a ? b : c) ? d : e', '(? (paren (? a b c)) d e)');
  await reads('a == "" ? b + 1 : c', '(? (== a (template)) (+ b 1) c)');
  const source = 'x = a ? b : c ? d : e\n';
  const outer = attribute((await parsed(source)).body, 'x')!.value;
  assert.ok(outer.type === 'conditional');
  assert.is(selected(source, outer.range), 'a ? b : c ? d : e');
  assert.is(selected(source, outer.whenFalse.range), 'c ? d : e');
});

test('unary and binary operators with HCL precedence and left associativity', async () => {
  await reads('-1', '(- 1)');
  await reads('!var.off', '(! (. var off))');
  await reads('1 + 2 * 3', '(+ 1 (* 2 3))');
  await reads('1 - 2 - 3', '(- (- 1 2) 3)');
  await reads('8 / 2 % 3', '(% (/ 8 2) 3)');
  await reads('-a * b', '(* (- a) b)');
  await reads('!a || b && c == d + e * -f > g', '(|| (! a) (&& b (== c (> (+ d (* e (- f))) g))))');
  await reads('a != b || c <= d && e >= f', '(|| (!= a b) (&& (<= c d) (>= e f)))');
  await reads('(1 + 2) * 3', '(* (paren (+ 1 2)) 3)');
  await reads('a == b == c', '(== (== a b) c)');
  const source = 'x = 1 + 2 * 3\n';
  const sum = attribute((await parsed(source)).body, 'x')!.value;
  assert.ok(sum.type === 'binary');
  assert.is(selected(source, sum.right.range), '2 * 3');
});

test('comments: #, // and /* */ with their ranges', async () => {
  const source = '# hash\nregion = "x" // slash\n/* block\n   comment */\nzone = 1 /* inline */\n';
  const syntax = await parsed(source);
  assert.equal(syntax.comments.map((comment) => comment.text), ['hash', 'slash', 'block\n   comment', 'inline']);
  assert.equal(syntax.comments.map((comment) => at(comment.range)), ['1:1-1:7', '2:14-2:22', '3:1-4:14', '5:10-5:22']);
  assert.equal(syntax.body.attributes.map((attr) => attr.name), ['region', 'zone']);
});

test('a syntax error in the middle: one error on its line, and the statements after it are kept', async () => {
  const source = [
    'provider "aws" {',
    '  region = "ap-southeast-1"',
    '}',
    'resource "aws_s3_bucket" "broken" {',
    '  bucket = = "x"',
    '  acl    = "private"',
    '}',
    'variable "region" {',
    '  default = "us-east-1"',
    '}',
    'locals {',
    '  a = 1',
    '}',
    '',
  ].join('\n');
  const syntax = parseHcl(source);
  assert.is(syntax.errors.length, 1);
  assert.is(syntax.errors[0]!.range.start.line, 5);
  assert.is(selected(source, syntax.errors[0]!.range), '=');
  const types = syntax.body.blocks.map((block) => `${block.type} ${block.labels.map((label) => label.value).join(' ')}`);
  assert.equal(types, ['provider aws', 'resource aws_s3_bucket broken', 'variable region', 'locals ']);
  const broken = syntax.body.blocks[1]!;
  assert.is(sexp(attribute(broken.body, 'acl')!.value), '(template "private")');
  assert.is(attribute(broken.body, 'bucket')?.value.type ?? 'invalid', 'invalid');
  assert.is(sexp(attribute(syntax.body.blocks[2]!.body, 'default')!.value), '(template "us-east-1")');
});

test('an unclosed bracket: the error names what is missing and later statements survive', async () => {
  const source = 'a = [1, 2\nb = "kept"\nc = 3\n';
  const syntax = parseHcl(source);
  assert.is(syntax.errors.length, 1);
  assert.match(syntax.errors[0]!.message, /expected `\]`/);
  assert.is(syntax.errors[0]!.range.start.line, 2);
  assert.is(attribute(syntax.body, 'a')!.value.type, 'invalid');
  assert.is(sexp(attribute(syntax.body, 'b')!.value), '(template "kept")');
  assert.is(sexp(attribute(syntax.body, 'c')!.value), '3');
});

test('broken statements are re-read while the text scanned again stays under 4 MiB: the work grows with the file, not with its broken statements', async () => {
  // Each re-read reads on to the end and scans the rest anew: 3 MB for the first here, which a second would take past 4 MiB.
  const rest = `${'# a long generated file\n'.repeat(65_000)}`;
  const syntax = parseHcl(`a = [1, 2\nb = "kept"\nc = [1, 2\nd = "read as part of c"\n${rest}`);
  assert.is(sexp(attribute(syntax.body, 'b')!.value), '(template "kept")');
  assert.equal(syntax.body.attributes.map((read) => read.name), ['a', 'b', 'c']);
});

test('an unclosed block: the error is reported and the block keeps what came before it', async () => {
  const source = 'resource "a" "b" {\n  name = "x"\n';
  const syntax = parseHcl(source);
  assert.is(syntax.errors.length, 1);
  assert.match(syntax.errors[0]!.message, /expected `\}`/);
  assert.is(sexp(attribute(syntax.body.blocks[0]!.body, 'name')!.value), '(template "x")');
});

test('several errors: the first is reported and the others counted', async () => {
  const syntax = parseHcl('a = = 1\nb = 2\nc = ] 3\nd = 4\n');
  assert.is(syntax.errors.length, 1);
  assert.is(syntax.errors[0]!.range.start.line, 1);
  assert.match(syntax.errors[0]!.message, /and 1 more syntax error after it/);
  assert.equal(syntax.body.attributes.map((attr) => attr.name).filter((name) => name !== 'a' && name !== 'c'), ['b', 'd']);
});

/** For each case, the first syntax error of `source` is on exactly `token` and its message matches. */
function assertFirstErrors(cases: [source: string, token: string, message: RegExp][]): void {
  for (const [source, token, message] of cases) {
    const [error] = parseHcl(source).errors;
    assert.is(error && selected(source, error.range), token, source);
    assert.match(error!.message, message);
  }
}

test('an unclosed ${, %{ if } or %{ for } is reported at its opening', async () => {
  const cases: [string, string, RegExp][] = [
    ['x = "ledger-${var.env"\n', '${', /`\$\{` not closed/],
    ['x = "a %{ if b } c"\n', '%{ if b }', /without its `%\{ endif \}`/],
    ['x = "%{ for b in c }${b}"\n', '%{ for b in c }', /without its `%\{ endfor \}`/],
    ['x = <<EOT\nnever closed\n', '<<EOT', /heredoc not closed/],
    ['resource "a" "b" {\n  x = 1\n', '{', /block not closed/],
  ];
  assertFirstErrors(cases);
});

test('what HCL rejects: repeated attributes, ${ in labels, bare objects, statements over two lines, one-line blocks', async () => {
  const cases: [string, string, RegExp][] = [
    ['locals {\n  a = 1\n  a = 2\n}\n', 'a', /already set on line 2/],
    ['region = "x"\nregion = "y"\n', 'region', /already set on line 1/],
    ['resource "aws_${var.x}" "b" {}\n', '${', /label cannot hold/],
    ['{\n  "terraform": {}\n}\n', '{', /not a `\{ … \}` object/],
    ['alias\n  = "dr"\n', 'alias', /expected `=` after `alias`, on the same line/],
    ['a =\n  1\n', '\n', /expected the start of an expression after `=`, but the line ends/],
    ['x = {\n  a = 1\n  , b = 2\n}\n', ',', /unexpected `,` at the start of a line/],
    ['p = <<EOT[\nx\nEOT\n', '<', /`<<EOT` opens a heredoc only at the end of its line/],
    ['p = <<ÉTÉ x\nx\nÉTÉ\n', '<', /`<<ÉTÉ` opens a heredoc only at the end of its line/],
    ['versioning { enabled = true\n}\n', '\n', /close on that line/],
    ['rule { a { b = 1 } }\n', 'a {', /hold only that argument/],
  ];
  assertFirstErrors(cases);
  assert.equal(parseHcl('resource "a" "$${literal}" {}\n').errors, []);
});

test('each syntax error names what was expected or how to fix it, at HCL\'s place', async () => {
  const cases: [string, string, RegExp][] = [
    ['x = 1 ^ 2\n', '^', /`\^` is not an operator: HCL has no bitwise operators; for a power, call pow\(x, y\)/],
    ['x = 1 § 2\n', '§', /unexpected character `§`: HCL does not use it; remove it, or write it inside a quoted string/],
    ['x = "C:\\\n"\n', '\\', /for a backslash itself, write `\\\\`/],
    ['x = 1.2.3\n', '1.2.3', /invalid number literal `1.2.3`: write digits with at most one `.` and an optional exponent/],
    ['x = "a%{ endif }"\n', '%{ endif }', /unexpected `%\{ endif \}`: no `%\{ if \}` is open here; remove it, or add a `%\{ if … \}` before it/],
    ['x = "%{ endfor }"\n', '%{ endfor }', /no `%\{ for \}` is open here; remove it, or add a `%\{ for … \}` before it/],
    ['x = "%{ if a }b"\n', '%{ if a }', /add `%\{ endif \}` where the `%\{ if \}` should end/],
    ['"name" = 1\n', '"', /argument names must not be quoted; remove the quotes/],
    ['b "a\\\n" {}\n', '\\', /unexpected `\\`/],
    ['x = [for k, v in m : k => v]\n', 'k', /a key \(`=>`\) is not valid when building a tuple; write the `for` in `\{ \}` to build an object, or remove the key/],
    ['x = [for v in m : v...]\n', '...', /write the `for` in `\{ \}` to build an object, or remove the `...`/],
    ['x = {for v in m : v}\n', 'v', /a key is required when building an object; write `key => value`, or write the `for` in `\[ \]` to build a tuple/],
    ['x = {\n  a = 1\n  , b = 2\n}\n', ',', /put the `,` at the end of that line, or remove it/],
  ];
  assertFirstErrors(cases);
});

test('a quoted block label with an escape HCL rejects is an error at the escape, as in a string', async () => {
  const [error] = parseHcl('resource "aws_s3_bucket" "logs\\q" {\n}\n').errors;
  assert.is(at(error!.range), '1:31-1:33');
  assert.match(error!.message, /invalid escape sequence `\\q`/);
  assert.equal(parseHcl('resource "a" "caf\\u00e9\\n" {\n}\n').body.blocks[0]!.labels[1]!.value, 'café\n');
});

test('a comment inside parentheses, or between two tokens of one line, does not hide the expression', async () => {
  const source = [
    'locals {',
    '  w = var.on ? (',
    '    # comment',
    '    var.x == null ? { id = "a" } : { id = "b" }',
    '  ) : null',
    '  c = (var.x ? # why',
    '    "a" : "b")',
    '  s = 1 + /* one */ 2',
    '  f = f( // args',
    '    1, # first',
    '    2)',
    '}',
    '',
  ].join('\n');
  const syntax = parseHcl(source);
  assert.equal(syntax.errors, []);
  const value = (name: string) => sexp(attribute(syntax.body.blocks[0]!.body, name)!.value);
  assert.is(value('w'), '(? (. var on) (paren (? (== (. var x) null) {id=(template "a")} {id=(template "b")})) null)');
  assert.is(value('c'), '(paren (? (. var x) (template "a") (template "b")))');
  assert.is(value('s'), '(+ 1 2)');
  assert.is(value('f'), '(f 1 2)');
});

test('outside brackets a line break ends the expression, and a `#` comment ends with its line: HCL\'s error at the comment', async () => {
  const source = 'locals {\n  c = var.x ? # why\n    "a" : "b"\n}\n';
  const [error] = parseHcl(source).errors;
  assert.is(at(error!.range), '2:15-3:1');
  assert.match(error!.message, /expected the start of an expression, but the line ends/);
});

test('an `=` that ends its line: HCL\'s error, at HCL\'s place (the line break)', async () => {
  for (const source of ['resource "x" "y" {\n  tags = {\n    Cost  =\n  }\n}\n', 'locals {\n  tags = {\n    Owner = "me"\n    Cost  =\n  }\n}\nresource "a" "b" {\n  x = 1\n}\n']) {
    const [error] = parseHcl(source).errors;
    const line = source.split('\n').findIndex((text) => text.includes('Cost')) + 1;
    assert.equal(error!.range, { start: { line, column: 12 }, end: { line: line + 1, column: 1 } }, error!.message);
    assert.match(error!.message, /invalid expression: expected the start of an expression after `=`/);
  }
});

test('a string left open is re-read up to the next statement only: the rest of the file is not read as its text', async () => {
  // Found by fuzzing a public VPC module: an interpolation left open turns the rest of the file into
  // the string's text, as HCL's scanner reads it; the statements after the broken one are scanned anew.
  const { text, blocks } = moduleWithOpenInterpolation();
  const syntax = parseHcl(text);
  const brokenLine = text.slice(0, text.indexOf('"${var.name-tier')).split('\n').length;
  assert.is(syntax.errors[0]!.range.start.line, brokenLine, syntax.errors[0]!.message);
  // Every block but the broken one is read.
  assert.ok(syntax.body.blocks.length >= blocks - 1, `${syntax.body.blocks.length} of ${blocks} blocks read`);
});

test('empty text and text of only comments', async () => {
  assert.equal((await parsed('')).body.attributes, []);
  assert.equal((await parsed('# nothing\n')).body.blocks, []);
});

test.run();
