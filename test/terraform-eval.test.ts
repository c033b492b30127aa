import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Value } from '../src/languages/terraform/model/value.js';
import { at, modelOf, plain, rootOf } from './helpers/terraform.js';

/** The locals of a root module whose main.tf declares `locals` and whose other files are `files`. */
async function locals(body: string, files: Record<string, string> = {}): Promise<(name: string) => Value> {
  const model = await modelOf({ 'main.tf': `locals {\n${body}\n}\n`, ...files });
  const root = rootOf(model);
  return (name) => root.local(name);
}

/** The value of one expression, evaluated as a local of an otherwise empty module. */
async function value(expression: string, files: Record<string, string> = {}): Promise<unknown> {
  return plain((await locals(`  x = ${expression}`, files))('x'));
}

function reason(value: Value): string {
  assert.is(value.kind, 'unknown', `expected an unknown, got ${JSON.stringify(plain(value))}`);
  return (value as { reason: string }).reason;
}

test('literals, templates and Terraform type conversions in them', async () => {
  assert.equal(await value('"n=${1.5 * 2} b=${true} s=${"x"}"'), 'n=3 b=true s=x');
  assert.equal(await value('"${[1, 2]}"'), [1, 2], 'a lone interpolation keeps the value');
  assert.equal(await value('"%{ if 1 < 2 }yes%{ else }no%{ endif }"'), 'yes');
  assert.equal(await value('"%{ for i, v in ["a", "b"] }${i}${v},%{ endfor }"'), '0a,1b,');
  assert.equal(await value('<<-EOT\n    a ${"b"}\n      c\n  EOT'), 'a b\n  c\n');
  assert.equal(await value('"\\u00e9\\t$${x}"'), 'é\t${x}');
});

test('arithmetic, comparison and logic, with strings converted to numbers and bools', async () => {
  assert.equal(await value('"3" + 4'), 7);
  assert.equal(await value('7 % 4 * -2'), -6);
  assert.equal(await value('10 / 4'), 2.5);
  assert.equal(await value('[1 > 2, 2 >= 2, "a" == "a", 1 == "1", !false, true && "false"]'), [false, true, true, false, true, false]);
  assert.equal(await value('{ a = [1] } == { a = [1] }'), true);
  assert.match(reason((await locals('  x = 1 / 0'))('x')), 'division by zero');
});

test('logic and conditionals decide without an unknown side when the known side decides', async () => {
  const local = await locals('  a = false && var.unset\n  b = true || var.unset\n  c = var.unset ? "ap-southeast-1" : "ap-southeast-1"\n  d = var.unset ? 1 : 2', {
    'variables.tf': 'variable "unset" {}\n',
  });
  assert.equal(plain(local('a')), false);
  assert.equal(plain(local('b')), true);
  assert.equal(plain(local('c')), 'ap-southeast-1');
  assert.match(reason(local('d')), 'var.unset has no default');
});

test('a value compared with null is known when its top level is, whatever is unknown inside it', async () => {
  const local = await locals('  rules = [{ region = "us-west-2", account = var.unset }]\n  a = local.rules != null\n  b = null == local.rules\n  c = var.unset == null\n  d = local.rules == [{ region = "us-west-2", account = "1" }]', {
    'variables.tf': 'variable "unset" {}\n',
  });
  assert.equal(plain(local('a')), true);
  assert.equal(plain(local('b')), false);
  assert.match(reason(local('c')), 'var.unset has no default');
  assert.match(reason(local('d')), 'var.unset has no default');
});

test('an object key written as a bare keyword is that word, as HCL reads it; in parentheses it is evaluated', async () => {
  await assertValues([
    ['{ null = "z", true = "y", false = 1 }', { false: 1, null: 'z', true: 'y' }],
    ['try({ (null) = 1 }, "bad")', 'bad'],
  ]);
});

test('for expressions, splats, index and attribute access', async () => {
  assert.equal(await value('[for s in ["a", "b"] : upper(s)]'), ['A', 'B']);
  assert.equal(await value('{ for k, v in { a = 1, b = 2 } : v => k if v > 1 }'), { 2: 'b' });
  assert.equal(await value('{ for s in ["x", "y", "x"] : s => s... }'), { x: ['x', 'x'], y: ['y'] });
  assert.equal(await value('[{ id = 1 }, { id = 2 }][*].id'), [1, 2]);
  assert.equal(await value('{ a = { b = [10, 20] } }.a.b[1]'), 20);
  assert.equal(await value('{ a = 1 }["a"]'), 1);
  const missing = (await locals('  x = { a = 1 }.b\n  y = [1][3]'));
  assert.ok((missing('x') as { error: boolean }).error, 'a missing attribute is an error Terraform reports');
  assert.match(reason(missing('y')), 'out of range');
});

const FUNCTIONS: [string, unknown][] = [
  ['jsonencode({ b = [1, true, null], a = "<x>" })', '{"a":"\\u003cx\\u003e","b":[1,true,null]}'],
  ['jsondecode("{\\"a\\": [1, \\"x\\"]}")', { a: [1, 'x'] }],
  ['yamlencode({ a = "b", c = [1] })', '"a": "b"\n"c":\n- 1\n'],
  ['format("%s-%03d-%.2f-%v-%t-%q-%%", "a", 7, 1.5, [1], true, "q")', 'a-007-1.50-[1]-true-"q"-%'],
  ['format("%[2]s %[1]s", "a", "b")', 'b a'],
  ['formatlist("%s=%d", ["a", "b"], [1, 2])', ['a=1', 'b=2']],
  ['lower("AP-SouthEast-1")', 'ap-southeast-1'],
  ['upper("sg")', 'SG'],
  ['join("-", ["a", "b"], ["c"])', 'a-b-c'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['replace("ap-southeast-1", "-", "_")', 'ap_southeast_1'],
  ['replace("ap-southeast-1", "/^(\\\\w+)-(\\\\w+)-(\\\\d)$/", "$2/$${1}")', 'southeast/ap'],
  ['concat([1], [2, 3])', [1, 2, 3]],
  ['merge({ a = 1, b = 1 }, null, { b = 2 })', { a: 1, b: 2 }],
  ['lookup({ a = 1 }, "a", 0)', 1],
  ['lookup({ a = 1 }, "z", 0)', 0],
  ['element(["a", "b"], 3)', 'b'],
  ['coalesce(null, "", "x")', 'x'],
  ['try({ a = 1 }.b, "fallback")', 'fallback'],
  ['can({ a = 1 }.b)', false],
  ['can({ a = 1 }.a)', true],
  ['length("héllo")', 5],
  ['length({ a = 1, b = 2 })', 2],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['contains(["a", "b"], "b")', true],
  ['distinct([1, 2, 1])', [1, 2]],
  ['flatten([[1, [2]], [], 3])', [1, 2, 3]],
  ['tostring(5)', '5'],
  ['tonumber("5")', 5],
  ['tobool("true")', true],
  ['tolist(toset(["b", "a", "b"]))', ['a', 'b']],
  ['tomap({ a = "x" })', { a: 'x' }],
  ['trimspace("  x \\n")', 'x'],
  ['trim("?!x?", "?!")', 'x'],
  ['trimprefix("ap-southeast-1", "ap-")', 'southeast-1'],
  ['trimsuffix("ap-southeast-1", "-1")', 'ap-southeast'],
  ['[startswith("ap-southeast-1", "ap-"), endswith("ap-southeast-1", "-2")]', [true, false]],
  ['substr("ap-southeast-1", 3, 9)', 'southeast'],
  ['substr("ap-southeast-1", -1, -1)', '1'],
  ['[abs(-2), min(3, 1, 2), max(3, 1, 2), ceil(1.2), floor(1.8)]', [2, 1, 3, 2, 1]],
  ['range(3)', [0, 1, 2]],
  ['range(1, 7, 3)', [1, 4]],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['one(["x"])', 'x'],
  ['one([])', null],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['regex("^([a-z]+)-([a-z]+)", "ap-southeast-1")', ['ap', 'southeast']],
  ['regex("(?P<geo>[a-z]+)-(?P<area>[a-z]+)", "ap-southeast-1")', { area: 'southeast', geo: 'ap' }],
  ['regexall("[0-9]", "a1b2")', ['1', '2']],
  ['concat([["a"], ["b", "c"]]...)', ['a', 'b', 'c']],
  ['base64decode(base64encode("sg"))', 'sg'],
];

/** Evaluates each expression of `cases` in one module and asserts its value. */
async function assertValues(cases: [string, unknown][]): Promise<void> {
  const local = await locals(cases.map(([expression], index) => `  f${index} = ${expression}`).join('\n'));
  cases.forEach(([expression, expected], index) => assert.equal(plain(local(`f${index}`)), expected, expression));
}

test('functions', async () => {
  await assertValues(FUNCTIONS);
});

/** Each checked against `terraform console` (Terraform 1.11), whose replace and regexall are Go's regexp. */
test('replace and regexall follow Go: $name and $${name} in the replacement, no empty match right after a match', async () => {
  await assertValues([
    ['replace("ap-southeast-1", "/^([a-z]+)-/", "$1x-")', '-southeast-1'],
    ['replace("ap-southeast-1", "/^([a-z]+)-/", "$${1}x-")', 'apx-southeast-1'],
    ['replace("ap-southeast-1", "/(?P<geo>[a-z]+)-(?P<area>[a-z]+)/", "$area.$geo")', 'southeast.ap-1'],
    ['replace("ap-southeast-1", "/[a-z]+/", "<$0>")', '<ap>-<southeast>-1'],
    ['replace("ap-southeast-1", "/-/", "$$&$")', 'ap$&$southeast$&$1'],
    ['replace("ab", "/b/", "$9")', 'a'],
    ['replace("ab", "/(b)/", "$01")', 'a'],
    ['replace("baaac", "/a*/", "-")', '-b-c-'],
    ['regexall("a*", "baaac")', ['', 'aaa', '']],
    ['replace("abc", "", "-")', '-a-b-c-'],
    ['replace("", "", "-")', '-'],
  ]);
});

/** Each checked against `terraform console`: Terraform's patterns are RE2's. */
test('regular expressions are read as RE2 reads them; what RE2 rejects is an error, what merlint cannot translate unknown', async () => {
  await assertValues([
    ['regex("a\\\\-b\\\\#\\\\:", "a-b#:")', 'a-b#:'],
    ['regex("[]a]+", "]ab")', ']a'],
    ['regex("[^]a]+", "]ab")', 'b'],
    ['regex("\\\\Qa.b\\\\E", "xa.b")', 'a.b'],
    ['regex("\\\\x{41}\\\\x42\\\\101", "ABA")', 'ABA'],
    ['regex("[[:alnum:]_-]+", "!a_-1!")', 'a_-1'],
    ['regex("\\\\pL+", "12ab3")', 'ab'],
    ['regex("\\\\p{Greek}+", "aαβ")', 'αβ'],
    ['regex("\\\\p{^Greek}+", "αab")', 'ab'],
    ['regex(".", "\\r")', '\r'],
    ['can(regex("^[[:alnum:]-]+$", "ap-southeast-1"))', true],
    ['can(regex("(?m)\\\\Ab", "a\\nb"))', false],
    ['can(regex("\\\\s", "\\u00a0"))', false],
    ['can(regex("a(?=b)", "ab"))', false],
    ['can(regex("(a)\\\\1", "aa"))', false],
    ['can(regex("(a)(?P<x>b)", "ab"))', false],
    ['can(regexall("(a)(?P<x>b)", "zz"))', false],
    ['replace("ab", "/(a)(?P<x>b)/", "$x$1")', 'ba'],
  ]);
  assert.match(reason((await locals('  x = can(regex("(?U)a+", "aaa"))'))('x')), 'merlint does not read the flags (?U)');
});

/** Checked against Go's regexp: RE2's lines end at \n only; JavaScript's also at \r, U+2028 and U+2029. */
test('(?m) starts and ends lines only at \\n, as RE2 does', async () => {
  await assertValues([
    ['regexall("(?m)^[a-z]", "a\\rb\\nc")', ['a', 'c']],
    ['regexall("(?m)[a-z]$", "a\\rb\\nc")', ['b', 'c']],
    ['replace("a\\u2028b", "/(?m)^/", "-")', '-a\u2028b'],
  ]);
});

test('a flag group after the start of a pattern is not translated, whatever flags JavaScript reads there', async () => {
  const local = await locals('  x = regex("a(?s:.)", "a\\n")\n  y = regex("a(?i)b", "aB")');
  assert.match(reason(local('x')), 'merlint does not read the flags (?s:');
  assert.match(reason(local('y')), 'merlint does not read the flags (?i)');
});

/**
 * Checked against `terraform console`. JavaScript refuses an iteration past a repetition's minimum
 * that matches nothing, where RE2 takes it (`(a*)?` on "b" captures "" in Terraform), and clears a
 * repeated group's captures at each iteration, where RE2 keeps the last one set (`(?:(a)|b)+` on "ab"
 * captures "a"); such a pattern is unknown when the difference can show (a capture, or a choice that
 * tries nothing first), and a repetition that neither touches keeps its value.
 */
test('a repeated group that can match nothing, or whose capture an iteration may skip, is unknown; other repetitions are known', async () => {
  const differing = ['(a*)*', '(a*)?', '(?:|a)*', '(|a)+', '(a*){0,2}', '(?P<v>a*)?', '()*', '(?:(a)|b)+', '((a)?b)+', '(?:(a)*b)+', '^(?:([a-z]+)|([0-9]+))+$', '(?:a*?)*', '(?:a??)+'];
  const local = await locals(differing.map((pattern, index) => `  x${index} = regexall(${JSON.stringify(pattern)}, "ab12")`).join('\n'));
  differing.forEach((pattern, index) => assert.match(reason(local(`x${index}`)), `of the regular expression ${JSON.stringify(pattern)}`, pattern));
  await assertValues([
    ['regex("^([a-z]+)(-([a-z]+))*$", "ap-south-east")', ['ap', '-east', 'east']],
    ['regex("(?:([a-z]+)-?)+", "ap-south")', ['south']],
    ['regex("(?:(a)+b)+", "abab")', ['a']],
    ['regex("(a*){2}", "aab")', ['']],
    ['regex("[a-z]+(?:\\\\.[a-z]+)*", "a.b.c")', 'a.b.c'],
    ['regex("^v?([0-9]+)(?:\\\\.([0-9]+))?(?:\\\\.([0-9]+))?$", "v1.2")', ['1', '2', null]],
    // A repetition that can match nothing but holds no capture and never tries nothing first matches alike.
    ['regex("^(?:x*)?[a-z]+-[a-z]+-[0-9]", "us-east-1")', 'us-east-1'],
    ['regexall("(?:a*)*b", "aab")', ['aab']],
    ['regex("(?:a|)*", "aa")', 'aa'],
    ['regex("[a-z]+(?:-?[0-9]*)*", "eu-west-2")', 'eu-'],
  ]);
});

test('format writes numbers for %v and %g as Go does: the shortest digits, an exponent from 1e+06 up and below 1e-04', async () => {
  await assertValues([
    ['format("%v|%v|%v|%v|%v|%v|%v", 100000, 1000000, 1234567, 0.0001, 0.00001, 1.5, -2500000)', '100000|1e+06|1.234567e+06|0.0001|1e-05|1.5|-2.5e+06'],
    ['format("%g|%.3g|%.10g|%G|%.0g|%g", 1234567, 1234.5678, 1234567, 0.00001, 15, 0)', '1.234567e+06|1.23e+03|1234567|1E-05|2e+01|0'],
    ['format("%+g|%-8g|%v|%s|%d", 5, 1e7, 123456.7, 1234567, 1234567)', '+5|1e+07   |123456.7|1234567|1234567'],
    ['formatlist("%v", [2592000, 0.5])', ['2.592e+06', '0.5']],
  ]);
});

test('range with one negative limit counts down from 0, as Terraform\'s does', async () => {
  await assertValues([
    ['range(-2)', [0, -1]],
    ['range(-3, -1)', [-3, -2]],
    ['range(0)', []],
  ]);
});

test('chomp removes every line break at the end, a lone \\r too, as Terraform\'s does', async () => {
  await assertValues([
    ['chomp("a\\r")', 'a'],
    ['chomp("a\\n\\r\\n\\r")', 'a'],
    ['chomp("a\\r\\n ")', 'a\r\n '],
  ]);
});

test('alltrue and anytrue count a null element as false, as Terraform\'s do', async () => {
  await assertValues([
    ['[alltrue([true, null]), alltrue([null]), anytrue([null, true]), anytrue([false, null]), alltrue(["true", "1"])]', [false, false, true, false, true]],
  ]);
});

test('format\'s %t converts a string to a bool as Terraform does', async () => {
  await assertValues([['format("%t|%t|%t|%v", "true", "0", true, can(format("%t", "yes")))', 'true|false|true|false']]);
});

test('parseint reads what Go\'s big.Int reads: a sign, leading zeros, bases up to 62 with upper case digits after z', async () => {
  await assertValues([
    ['parseint("0010", 10)', 10],
    ['parseint("+12", 10)', 12],
    ['parseint("-0", 10)', 0],
    ['parseint("-ff", 16)', -255],
    ['parseint("zZ", 62)', 2231],
    ['parseint("Zz", 36)', 1295],
    ['[can(parseint("1_0", 10)), can(parseint(" 1", 10)), can(parseint("-", 10)), can(parseint("8", 8)), can(parseint("1", 63))]', [false, false, false, false, false]],
  ]);
});

test('strings convert to numbers and bools as Terraform converts them: a sign, a binary exponent, "1" and "0"; no spaces', async () => {
  const local = await locals('  a = ["+5" + 1, tonumber("-.5"), tonumber("1p3"), tonumber("1E+3")]\n  b = [tobool("1"), tobool("0"), "1" ? "y" : "n", !"0"]\n  c = tonumber(" 5")\n  d = tonumber("5 ")\n  e = tobool("TRUE")\n  f = try(tonumber("+5"), 0)');
  assert.equal(plain(local('a')), [6, -0.5, 8, 1000]);
  assert.equal(plain(local('b')), [true, false, 'y', true]);
  for (const name of ['c', 'd', 'e']) assert.ok((local(name) as { error: boolean }).error, `${name}: Terraform rejects it`);
  assert.equal(plain(local('f')), 5, 'try() keeps a conversion Terraform makes');
});

test('an unknown argument makes the call unknown with the original reason', async () => {
  const local = await locals('  up = upper(var.unset)\n  joined = join("-", ["a", var.unset])\n  tpl = "${var.unset}-x"\n  len = length([var.unset])\n  sum = var.unset + 1', {
    'variables.tf': 'variable "unset" {\n  type = string\n}\n',
  });
  const original = 'var.unset has no default and no value in terraform.tfvars, *.auto.tfvars or a given var file (Terraform would take it from -var or TF_VAR_unset at run time)';
  for (const name of ['up', 'joined', 'tpl', 'sum']) assert.is(reason(local(name)), original, name);
  assert.is(at(local('up').origin), 'variables.tf:1:10', 'the unknown points at the variable that has no value');
  assert.equal(plain(local('len')), 1, 'a list of unknowns still has a known length');
});

test('functions merlint does not evaluate, and what only apply knows, are unknown with the reason', async () => {
  const local = await locals('  a = lookup_region("sg")\n  b = aws_instance.web.id\n  c = upper(aws_instance.web.id)\n  d = try(aws_instance.web.id, "x")\n  e = timestamp()', {
    'web.tf': 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n',
  });
  assert.is(reason(local('a')), 'function lookup_region is not evaluated by merlint');
  assert.is(reason(local('b')), 'aws_instance.web.id is only known after apply');
  assert.is(reason(local('c')), 'aws_instance.web.id is only known after apply');
  assert.is(reason(local('d')), 'aws_instance.web.id is only known after apply', 'try cannot choose while its first argument is merely unknown');
  assert.match(reason(local('e')), 'function timestamp');
});

test('a value doubled until it is larger than merlint evaluates is unknown, not a crash or a hang (found by fuzzing)', async () => {
  const doubled = (double: string) => locals(Array.from({ length: 40 }, (_, index) => `  a${index + 1} = ${double.replaceAll('P', `local.a${index}`)}`).join('\n').replace(/^/, '  a0 = ["ap-southeast-1"]\n'));
  for (const double of ['concat(P, P)', 'flatten([P, P])', '[P, P]', '{ a = P, b = P }', 'formatlist("%s%s", P, P)', '[for x in [0, 1] : P]', '"${jsonencode(P)}${jsonencode(P)}"']) {
    const local = await doubled(double);
    assert.not.match(JSON.stringify(plain(local('a2'))), 'unknown', double);
    // Collections of unknowns are small again: the doubling goes on around the unknown at its core.
    const last = local('a40');
    assert.match(last.kind === 'unknown' ? last.reason : JSON.stringify(plain(last)), 'the value is larger than merlint evaluates (over 4,194,304 characters or elements)', double);
  }
  const strings = await locals(`  a0 = "ap-southeast-1"\n${Array.from({ length: 40 }, (_, index) => `  a${index + 1} = "\${local.a${index}}\${local.a${index}}"`).join('\n')}`);
  assert.is((plain(strings('a2')) as string).length, 56);
  assert.is(reason(strings('a21')), 'the value is larger than merlint evaluates (over 4,194,304 characters or elements)');
  assert.is(reason(strings('a40')), reason(strings('a21')));
});

test('a function whose result would grow past what merlint evaluates stops before building it', async () => {
  const big = '"${join("", [for i in range(1000) : "xxxxxxxxxx"])}"';
  assert.match(reason((await locals(`  x = join(${big}, [for i in range(1000) : "a"])`))('x')), 'the value is larger than merlint evaluates');
  assert.match(reason((await locals(`  x = replace(${big}, "", ${big})`))('x')), 'the value is larger than merlint evaluates');
  assert.match(reason((await locals(`  x = replace(${big}, "/x/", ${big})`))('x')), 'the value is larger than merlint evaluates');
  assert.match(reason((await locals(`  x = indent(1000000000, "a\\nb")`))('x')), 'the value is larger than merlint evaluates');
  assert.match(reason((await locals(`  x = indent(-1, "a\\nb")`))('x')), 'indent(): the number of spaces must not be negative');
  assert.match(reason((await locals(`  x = format("%2000000000s", "a")`))('x')), 'the value is larger than merlint evaluates');
  assert.match(reason((await locals(`  x = "%{ for i in range(1000) }${big.slice(1, -1)}%{ endfor }"`))('x')), 'the value is larger than merlint evaluates');
  assert.equal(await value('[join(", ", ["a", "b"]), replace("ab", "", "-"), indent(2, "a\\nb"), format("%3s|%-3s|", "a", "b")]'), ['a, b', '-a-b-', 'a\n  b', '  a|b  |']);
});

test('distinct and toset keep the first of equal values', async () => {
  assert.equal(await value('distinct([1, "1", 1, true, "true", null, null, [1], [1], -0, 0])'), [1, '1', true, 'true', null, [1], -0]);
  assert.equal(await value('toset(["b", "a", "b"])'), ['a', 'b']);
});

test('variables: defaults, types and nullable', async () => {
  const model = await modelOf({
    'variables.tf': [
      'variable "count_text" {\n  type = number\n  default = "3"\n}',
      'variable "plain" {\n  default = "x"\n}',
      'variable "zones" {\n  type = list(string)\n  default = [1, 2]\n}',
      'variable "settings" {\n  type = object({\n    region = optional(string, "ap-southeast-1")\n    replicas = optional(number)\n  })\n  default = {}\n}',
      'variable "fixed" {\n  type = string\n  nullable = false\n  default = "kept"\n}',
    ].join('\n'),
    'terraform.tfvars': 'fixed = null\n',
  });
  const root = rootOf(model);
  assert.equal(plain(root.variable('count_text')), 3);
  assert.equal(plain(root.variable('plain')), 'x');
  assert.equal(plain(root.variable('zones')), ['1', '2']);
  assert.equal(plain(root.variable('settings')), { region: 'ap-southeast-1', replicas: null });
  assert.equal(plain(root.variable('fixed')), 'kept', 'null for a variable that is not nullable takes the default');
  assert.match(reason(root.variable('undeclared')), 'there is no variable "undeclared"');
});

test('tfvars precedence: default < terraform.tfvars < *.auto.tfvars in lexical order < var files in order', async () => {
  const variables = ['a', 'b', 'c', 'd', 'e'].map((name) => `variable "${name}" {\n  default = "default"\n}\n`).join('');
  const files = {
    'variables.tf': variables,
    'terraform.tfvars': 'b = "terraform.tfvars"\nc = "terraform.tfvars"\nd = "terraform.tfvars"\ne = "terraform.tfvars"\n',
    'b.auto.tfvars': 'c = "b.auto"\nd = "b.auto"\ne = "b.auto"\n',
    'a.auto.tfvars': 'c = "a.auto"\nd = "a.auto"\ne = "a.auto"\n',
    'envs/one.tfvars': 'd = "one"\ne = "one"\n',
    'envs/two.tfvars': 'e = "two"\n',
  };
  const root = rootOf(await modelOf(files, ['envs/one.tfvars', 'envs/two.tfvars']));
  assert.equal(['a', 'b', 'c', 'd', 'e'].map((name) => plain(root.variable(name))), ['default', 'terraform.tfvars', 'b.auto', 'one', 'two']);
  assert.is(at(root.variable('e').origin), 'envs/two.tfvars:1:5');
});

test('tfvars values are data: they cannot refer to the configuration', async () => {
  const root = rootOf(await modelOf({ 'main.tf': 'variable "a" {}\nlocals {\n  x = "y"\n}\n', 'terraform.tfvars': 'a = local.x\n' }));
  assert.match(reason(root.variable('a')), 'tfvars values and templatefile templates see no module names');
});

test('locals are evaluated in dependency order and a cycle is named, not looped', async () => {
  const local = await locals('  c = local.b\n  b = "${local.a}-b"\n  a = "a"\n  x = local.y\n  y = local.z\n  z = local.x\n  uses = upper(local.x)\n  self = local.self');
  assert.equal(plain(local('c')), 'a-b');
  assert.is(reason(local('x')), 'local.x depends on itself: local.x → local.y → local.z → local.x');
  assert.is(reason(local('uses')), 'local.x depends on itself: local.x → local.y → local.z → local.x');
  assert.is(reason(local('self')), 'local.self depends on itself: local.self → local.self');
});

test('a value keeps where it is written and the references it flowed through', async () => {
  const local = await locals('  region = var.region\n  settings = { region = local.region }\n  picked = local.settings.region\n  chosen = true ? local.region : "x"', {
    'variables.tf': 'variable "region" {}\n',
    'terraform.tfvars': 'region = "ap-northeast-1"\n',
  });
  const picked = local('picked');
  assert.is(at(picked.origin), 'terraform.tfvars:1:10');
  assert.equal(picked.via.map(at), ['main.tf:2:12', 'main.tf:3:25', 'main.tf:4:12']);
  assert.is(at(local('chosen').origin), 'terraform.tfvars:1:10', 'a conditional passes the chosen value on unchanged');
  assert.is(at((await locals('  x = join("-", ["a", "b"])'))('x').origin), 'main.tf:2:7', 'a value several literals make is attributed to the call');
  const lowered = (await locals('  x = lower(var.location)', { 'variables.tf': 'variable "location" {\n  default = "EastUS"\n}\n' }))('x');
  assert.is(at(lowered.origin), 'variables.tf:2:13', 'a function of one string keeps where that string is written');
  assert.equal(lowered.via.map(at), ['main.tf:2:13']);
});

test.run();
