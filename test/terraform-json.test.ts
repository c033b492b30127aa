import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classify } from '../src/languages/index.js';
import { attribute, blocks, type Block, type Body } from '../src/languages/terraform/hcl/syntax.js';
import { parseHcl, type HclSyntax } from '../src/languages/terraform/hcl/parser.js';
import { parseTerraformJson } from '../src/languages/terraform/json-parser.js';
import { at, selected, sexp } from './helpers/hcl.js';

async function parsed(text: string, kind: 'terraform' | 'tfvars' = 'terraform'): Promise<HclSyntax> {
  const syntax = parseTerraformJson(text, kind);
  assert.equal(syntax.errors, [], 'no errors');
  return syntax;
}

/** Blocks and attributes as the `blocks()` and `attribute()` helpers show them, labels and values included, ranges left out. */
function outline(body: Body, types: string[]): unknown {
  return {
    attributes: Object.fromEntries(body.attributes.filter((attr) => !types.includes(attr.name)).map((attr) => [attr.name, sexp(attr.value)])),
    blocks: types.flatMap((type) => blocks(body, type).map((block) => ({ type, labels: block.labels.map((label) => label.value), body: outline(block.body, types) }))),
  };
}

function only(body: Body, type: string): Block {
  const found = blocks(body, type);
  assert.is(found.length, 1, type);
  return found[0]!;
}

test('.tf.json and .tfvars.json are Terraform and tfvars files', () => {
  assert.is(classify('network/main.tf.json'), 'terraform');
  assert.is(classify('prod.auto.tfvars.json'), 'tfvars');
  assert.is(classify('terraform.tfvars.json'), 'tfvars');
  assert.is(classify('package.json'), undefined);
});

test('label levels per block type: resource and data 2, provider, variable, output and module 1, locals and terraform 0', async () => {
  const text = JSON.stringify({
    resource: { aws_s3_bucket: { logs: { bucket: 'logs' } } },
    data: { aws_region: { current: {} } },
    provider: { aws: { region: 'ap-southeast-1' } },
    variable: { region: { default: 'ap-southeast-1' } },
    output: { id: { value: '${aws_s3_bucket.logs.id}' } },
    module: { vpc: { source: './vpc' } },
    locals: { name: 'x' },
    terraform: { required_version: '>= 1.5' },
  }, null, 2);
  const body = (await parsed(text)).body;
  assert.equal(body.blocks.map((block) => [block.type, ...block.labels.map((label) => label.value)]), [
    ['resource', 'aws_s3_bucket', 'logs'],
    ['data', 'aws_region', 'current'],
    ['provider', 'aws'],
    ['variable', 'region'],
    ['output', 'id'],
    ['module', 'vpc'],
    ['locals'],
    ['terraform'],
  ]);
  const resource = body.blocks[0]!;
  assert.is(selected(text, resource.typeRange), '"resource"');
  assert.equal(resource.labels.map((label) => selected(text, label.range)), ['"aws_s3_bucket"', '"logs"']);
  assert.is(selected(text, resource.range), '"logs": {\n        "bucket": "logs"\n      }');
  assert.is(sexp(attribute(resource.body, 'bucket')!.value), '(template "logs")');
  assert.equal(body.attributes, []);
});

test('arrays of objects: at a label level and at the body level, several blocks in order', async () => {
  const text = JSON.stringify({
    provider: { aws: [{ region: 'ap-southeast-1' }, { alias: 'dr', region: 'ap-southeast-3' }] },
    resource: [
      { aws_s3_bucket: { a: { bucket: 'a' } } },
      { aws_s3_bucket: { b: { bucket: 'b' } } },
    ],
    locals: [{ one: 1 }, { two: 2 }],
  });
  const body = (await parsed(text)).body;
  const providers = blocks(body, 'provider');
  assert.equal(providers.map((block) => block.body.attributes.map((attr) => attr.name)), [['region'], ['alias', 'region']]);
  assert.equal(blocks(body, 'resource').map((block) => block.labels.map((label) => label.value)), [['aws_s3_bucket', 'a'], ['aws_s3_bucket', 'b']]);
  assert.equal(blocks(body, 'locals').map((block) => block.body.attributes[0]!.name), ['one', 'two']);
});

test('"//" properties are comments, at the top, in bodies and at label levels', async () => {
  const text = '{\n  "//": "generated; merlint-ignore RES001 -- approved",\n  "resource": {\n    "//": "buckets",\n    "aws_s3_bucket": {\n      "a": {\n        "//": "the ledger",\n        "bucket": "a"\n      }\n    }\n  }\n}\n';
  const syntax = await parsed(text);
  assert.equal(syntax.comments.map((comment) => comment.text), ['generated; merlint-ignore RES001 -- approved', 'buckets', 'the ledger']);
  assert.equal(syntax.comments.map((comment) => at(comment.range)), ['2:3-2:55', '4:5-4:20', '7:9-7:27']);
  const [resource] = syntax.body.blocks;
  assert.equal(resource!.labels.map((label) => label.value), ['aws_s3_bucket', 'a']);
  assert.equal(resource!.body.attributes.map((attr) => attr.name), ['bucket']);
});

test('strings are templates: the same tree as native syntax, ranges inside the JSON string', async () => {
  const native = parseHcl('x = "arn:aws:s3:::${var.bucket}/*"\n').body.attributes[0]!.value;
  const text = '{"locals": {"x": "arn:aws:s3:::${var.bucket}/*"}}';
  const value = attribute((await parsed(text)).body.blocks[0]!.body, 'x')!.value;
  assert.is(sexp(value), sexp(native));
  assert.is(selected(text, value.range), '"arn:aws:s3:::${var.bucket}/*"');
  assert.ok(value.type === 'template');
  assert.equal(value.parts.map((part) => selected(text, part.range)), ['arn:aws:s3:::', '${var.bucket}', '/*']);
  const interpolation = value.parts[1]!;
  assert.is(interpolation.type === 'interpolation' ? selected(text, interpolation.expression.range) : '', 'var.bucket');
});

test('template ranges stay right after JSON escapes', async () => {
  const text = '{"locals": {"x": "a\\"\\u00e9\\n${var.region}"}}';
  const value = attribute((await parsed(text)).body.blocks[0]!.body, 'x')!.value;
  assert.is(sexp(value), '(template "a\\"é\\n" ${(. var region)})');
  assert.ok(value.type === 'template');
  assert.is(selected(text, value.parts[0]!.range), 'a\\"\\u00e9\\n');
  assert.is(value.parts[1]!.type === 'interpolation' ? selected(text, value.parts[1]!.expression.range) : '', 'var.region');
});

test('template directives, strip markers and escapes in JSON strings', async () => {
  const value = async (json: string) => sexp(attribute((await parsed(`{"locals": {"x": ${json}}}`)).body.blocks[0]!.body, 'x')!.value);
  assert.is(await value('"%{ if var.on }yes%{ else }no%{ endif }"'), '(template %{if (. var on)}"yes"%{else}"no"%{endif})');
  assert.is(await value('"a ${~ var.b ~} c"'), '(template "a" ${(. var b)} "c")');
  assert.is(await value('"$${literal} and %%{literal}"'), '(template "${literal} and %{literal}")');
  assert.is(await value('"${1e3}"'), '(template ${1000})');
  assert.is(await value('""'), '(template)');
});

test('numbers, bools, null, arrays and objects; object keys are templates', async () => {
  const body = (await parsed('{"locals": {"n": 1.5e3, "t": true, "z": null, "list": [1, "a"], "map": {"k": "v", "${var.k}": 2}}}')).body.blocks[0]!.body;
  assert.is(sexp(attribute(body, 'n')!.value), '1500');
  assert.is(sexp(attribute(body, 't')!.value), 'true');
  assert.is(sexp(attribute(body, 'z')!.value), 'null');
  assert.is(sexp(attribute(body, 'list')!.value), '[1 (template "a")]');
  assert.is(sexp(attribute(body, 'map')!.value), '{(template "k")=(template "v") (template ${(. var k)})=2}');
});

test('strings Terraform reads as expressions: provider, depends_on, type, lifecycle, module providers', async () => {
  const text = JSON.stringify({
    resource: { aws_s3_bucket: { b: { provider: 'aws.dr', depends_on: ['aws_kms_key.k'], lifecycle: { ignore_changes: ['tags'] } } } },
    variable: { cidrs: { type: 'list(string)' } },
    module: { replica: { source: './replica', providers: { aws: 'aws.dr' } } },
  });
  const [resource, variable, module] = (await parsed(text)).body.blocks;
  assert.is(sexp(attribute(resource!.body, 'provider')!.value), '(. aws dr)');
  assert.is(sexp(attribute(resource!.body, 'depends_on')!.value), '[(. aws_kms_key k)]');
  assert.is(sexp(attribute(only(resource!.body, 'lifecycle').body, 'ignore_changes')!.value), '[tags]');
  assert.is(sexp(attribute(variable!.body, 'type')!.value), '(list string)');
  assert.is(sexp(attribute(module!.body, 'providers')!.value), '{aws=(. aws dr)}');
  assert.is(sexp(attribute(module!.body, 'source')!.value), '(template "./replica")');
  const provider = attribute(resource!.body, 'provider')!.value;
  assert.is(selected(text, provider.range), 'aws.dr');
});

test('strings Terraform takes literally: variable defaults, descriptions, module source, terraform settings, tfvars values', async () => {
  const text = JSON.stringify({
    variable: { v: { default: '${not_a_template}', description: 'costs $${x}' } },
    module: { m: { source: './modules/${x}' } },
    terraform: { required_version: '${v}', backend: { s3: { key: '${k}' } } },
    locals: { l: '${var.x}' },
  });
  const [variable, module, terraform, locals] = (await parsed(text)).body.blocks;
  assert.is(sexp(attribute(variable!.body, 'default')!.value), '(template "${not_a_template}")');
  assert.is(sexp(attribute(variable!.body, 'description')!.value), '(template "costs $${x}")');
  assert.is(sexp(attribute(module!.body, 'source')!.value), '(template "./modules/${x}")');
  assert.is(sexp(attribute(terraform!.body, 'required_version')!.value), '(template "${v}")');
  assert.is(sexp(attribute(only(terraform!.body, 'backend').body, 'key')!.value), '(template "${k}")');
  assert.is(sexp(attribute(locals!.body, 'l')!.value), '(template ${(. var x)})');
  const values = (await parsed('{"name": "${var.x}"}', 'tfvars')).body;
  assert.is(sexp(attribute(values, 'name')!.value), '(template "${var.x}")');
});

test('blocks() shows nested blocks written as JSON objects the same as native blocks', async () => {
  const native = `resource "aws_s3_bucket" "ledger" {
  bucket = "ledger"
  replication_configuration {
    role = "\${aws_iam_role.replication.arn}"
    rule {
      id = "to-jakarta"
      destination {
        bucket = "arn:aws:s3:::ledger-replica"
      }
    }
    rule {
      id = "second"
      destination { bucket = "arn:aws:s3:::other" }
    }
  }
  dynamic "lifecycle_rule" {
    for_each = "\${var.rules}"
    content {
      id = "\${lifecycle_rule.value}"
    }
  }
}
`;
  const json = JSON.stringify({
    resource: {
      aws_s3_bucket: {
        ledger: {
          bucket: 'ledger',
          replication_configuration: {
            role: '${aws_iam_role.replication.arn}',
            rule: [
              { id: 'to-jakarta', destination: { bucket: 'arn:aws:s3:::ledger-replica' } },
              { id: 'second', destination: [{ bucket: 'arn:aws:s3:::other' }] },
            ],
          },
          dynamic: { lifecycle_rule: { for_each: '${var.rules}', content: { id: '${lifecycle_rule.value}' } } },
        },
      },
    },
  }, null, 2);
  const types = ['replication_configuration', 'rule', 'destination', 'dynamic', 'content'];
  const fromNative = outline(only(parseHcl(native).body, 'resource').body, types);
  const fromJson = outline(only((await parsed(json)).body, 'resource').body, types);
  assert.equal(fromJson, fromNative);
  const rule = blocks(only(only((await parsed(json)).body, 'resource').body, 'replication_configuration').body, 'rule')[0]!;
  assert.is(selected(json, rule.typeRange), '"rule"');
  assert.is(selected(json, attribute(rule.body, 'id')!.value.range), '"to-jakarta"');
});

test('a JSON syntax error is one error at its position; what was read before it is kept', async () => {
  const text = '{\n  "provider": {"aws": {"region": "ap-southeast-1"}},\n  "locals": {"a": 1,}\n}\n';
  const syntax = parseTerraformJson(text, 'terraform');
  assert.is(syntax.errors.length, 1);
  assert.is(syntax.errors[0]!.range.start.line, 3);
  assert.match(syntax.errors[0]!.message, /^JSON syntax error/);
  assert.is(sexp(attribute(only(syntax.body, 'provider').body, 'region')!.value), '(template "ap-southeast-1")');
});

test('comments and a missing comma are JSON syntax errors', async () => {
  const comment = parseTerraformJson('{\n  // no comments in JSON\n  "locals": {}\n}\n', 'terraform');
  assert.is(comment.errors[0]?.range.start.line, 2);
  const comma = parseTerraformJson('{\n  "locals": {"a": 1\n  "b": 2}\n}\n', 'terraform');
  assert.is(comma.errors[0]?.range.start.line, 3);
});

test('a shape Terraform rejects is an error at the offending value', async () => {
  const text = '{\n  "resource": {\n    "aws_s3_bucket": "not an object"\n  }\n}\n';
  const syntax = parseTerraformJson(text, 'terraform');
  assert.is(syntax.errors.length, 1);
  assert.is(selected(text, syntax.errors[0]!.range), '"not an object"');
  assert.match(syntax.errors[0]!.message, /labels of resource blocks/);
});

test('an argument set twice in one body is an error at the second; a nested block written twice is not', async () => {
  const text = '{\n  "locals": {\n    "a": 1,\n    "a": 2\n  }\n}\n';
  const [error] = parseTerraformJson(text, 'terraform').errors;
  assert.is(error && at(error.range), '4:5-4:8');
  assert.match(error!.message, /already set on line 3/);
  const repeatedBlock = '{"resource": {"aws_security_group": {"sg": {"ingress": {"from_port": 80}, "ingress": {"from_port": 443}}}}}';
  const syntax = await parsed(repeatedBlock);
  assert.equal(blocks(syntax.body.blocks[0]!.body, 'ingress').map((block) => sexp(attribute(block.body, 'from_port')!.value)), ['80', '443']);
});

test('a template error inside a string points inside the string', async () => {
  const text = '{"locals": {"x": "a ${var.b"}}';
  const syntax = parseTerraformJson(text, 'terraform');
  assert.is(syntax.errors.length, 1);
  assert.is(selected(text, syntax.errors[0]!.range), '${');
  assert.match(syntax.errors[0]!.message, /not closed/);
});

test('.tfvars.json: every property is a value, objects included', async () => {
  const body = (await parsed('{"region": "ap-southeast-1", "tags": {"Team": "payments"}, "//": "note"}', 'tfvars')).body;
  assert.equal(body.blocks, []);
  assert.equal(body.attributes.map((attr) => attr.name), ['region', 'tags']);
  assert.is(sexp(attribute(body, 'tags')!.value), '{(template "Team")=(template "payments")}');
});

test('broken JSON gives one error and never breaks the reader', async () => {
  for (const text of ['{"a":}', '{"a"}', '{"resource": {"x": {"y": }}}', '{"resource": {"x"}}', '{"locals": {"a": [1,}}', '{', '[', ' ']) {
    assert.is(parseTerraformJson(text, 'terraform').errors.length, 1, text);
  }
});

test('an empty file or a top level that is not an object is an error', async () => {
  assert.is(parseTerraformJson('', 'terraform').errors.length, 1);
  const array = parseTerraformJson('"just a string"', 'tfvars');
  assert.match(array.errors[0]!.message, /expected a JSON object/);
});

test.run();
