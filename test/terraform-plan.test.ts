import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classify } from '../src/languages/index.js';
import type { Expression } from '../src/languages/terraform/hcl/syntax.js';
import { parse } from '../src/languages/index.js';
import { readReference } from '../src/languages/terraform/plan-references.js';
import { LineIndex } from '../src/positions.js';
import { merlint } from './helpers/cli.js';
import { scanDirectory } from './helpers/scan.js';
import { at, loadWorkspace, modelOf, plain, providerAt, resourceAt, writeTree } from './helpers/terraform.js';

interface PlanParts {
  variables?: Record<string, unknown>;
  resources?: object[];
  children?: object[];
  changes?: object[];
  providers?: Record<string, object>;
  configuration?: object;
}

/** A plan as `terraform show -json PLANFILE | jq .` writes it, from the parts a test needs. */
function plan({ variables = {}, resources = [], children = [], changes = [], providers = {}, configuration = {} }: PlanParts, indent = 2): string {
  return JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.9.8',
      variables: Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, { value }])),
      planned_values: { root_module: { resources, child_modules: children } },
      resource_changes: changes,
      configuration: { provider_config: providers, root_module: configuration },
    },
    null,
    indent,
  );
}

function resource(address: string, values: object, extra: object = {}): object {
  const [, type, name] = /(?:^|\.)([a-z0-9_]+)\.([a-z0-9_]+)(?:\[[^\]]*\])?$/.exec(address)!;
  return { address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, ...extra };
}

function change(address: string, afterUnknown: object): object {
  return { address, change: { actions: ['create'], before: null, after_unknown: afterUnknown } };
}

const AWS = { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'ap-southeast-1' } } } };

/** Where the text `token` first occurs in `text` (after `after`), as `path:line:column`. */
function where(path: string, text: string, token: string, after = ''): string {
  const position = new LineIndex(text).position(text.indexOf(token, text.indexOf(after)));
  return `${path}:${position.line}:${position.column}`;
}

test('plans are named tfplan.json or *.tfplan.json; other JSON is not taken for one', () => {
  const kinds = ['tfplan.json', 'infra/prod.tfplan.json', 'plan.json', 'package.json', 'main.tf.json', 'tfplan', 'prod.tfplan.json.bak'].map(classify);
  assert.equal(kinds, ['tfplan', 'tfplan', undefined, undefined, 'terraform', undefined, undefined]);
});

test('a reference reads as the traversal HCL would parse, each step at its place', () => {
  const positions = { range: (start: number, end: number) => ({ start: { line: 1, column: start + 1 }, end: { line: 1, column: end + 1 } }) };
  const shape = (expression: Expression | undefined): unknown => {
    if (!expression) return undefined;
    switch (expression.type) {
      case 'variable':
        return expression.name;
      case 'getAttr':
        return [shape(expression.object), expression.name, expression.nameRange.start.column];
      case 'index':
        return [shape(expression.object), expression.key.type === 'literal' ? expression.key.value : expression.key.type === 'template' && expression.key.parts[0]?.type === 'text' ? expression.key.parts[0].value : '?'];
      default:
        return expression.type;
    }
  };
  assert.equal(shape(readReference('aws_subnet.public[0].id', positions)), [[['aws_subnet', 'public', 12], 0], 'id', 22]);
  assert.equal(shape(readReference('var.cfg["dr-region"]', positions)), [['var', 'cfg', 5], 'dr-region']);
  assert.equal(readReference('aws_instance.web[...]', positions), undefined);
  assert.equal(readReference('.region', positions), undefined);
});

test('what is not a plan of format 1.x is one MER000 finding that says why', async () => {
  const root = writeTree({
    'state.tfplan.json': JSON.stringify({ format_version: '1.0', values: { root_module: {} } }),
    'future.tfplan.json': plan({}).replace('"1.2"', '"2.0"'),
    'other/tfplan.json': '{ "plan": "premium" }',
    'broken.tfplan.json': '{ "format_version": "1.2", }',
  });
  const findings = (await scanDirectory(root)).findings.map((finding) => `${at(finding.location)} ${finding.ruleId} ${finding.message}`);
  assert.equal(findings, [
    'broken.tfplan.json:1:28 MER000 JSON syntax error: property name expected (and 1 more error after it)',
    'future.tfplan.json:2:21 MER000 plan format_version 2.0 is not supported: merlint reads format 1.x',
    'other/tfplan.json:1:1 MER000 not a Terraform plan: there is no format_version (expected the output of terraform show -json PLANFILE)',
    'state.tfplan.json:1:1 MER000 this is the JSON of a state, not of a plan; there is no planned_values.root_module to read',
  ]);
});

test('resources of the root and child modules, with addresses, keys, values and their providers', async () => {
  const model = await modelOf({
    'tfplan.json': plan({
      providers: { ...AWS, 'aws.dr': { name: 'aws', alias: 'dr', expressions: { region: { constant_value: 'ap-northeast-1' } } } },
      resources: [resource('aws_s3_bucket.ledger', { bucket: 'ledger', tags: { team: 'ledger' } })],
      children: [{ address: 'module.tenant["acme"]', resources: [resource('module.tenant["acme"].aws_s3_bucket.statements', { bucket: 'acme' })] }],
      configuration: {
        resources: [{ address: 'aws_s3_bucket.ledger', mode: 'managed', type: 'aws_s3_bucket', name: 'ledger', provider_config_key: 'aws.dr', expressions: {} }],
        module_calls: { tenant: { module: { resources: [{ address: 'aws_s3_bucket.statements', provider_config_key: 'aws', expressions: {} }] } } },
      },
    }),
  });
  assert.equal(
    model.resources.map((instance) => [instance.address, instance.module.address, instance.module.key, instance.provider.address, plain(instance.attribute('bucket'))]),
    [
      ['aws_s3_bucket.ledger', '', undefined, 'provider.aws.dr', 'ledger'],
      ['module.tenant["acme"].aws_s3_bucket.statements', 'module.tenant["acme"]', 'acme', 'provider.aws', 'acme'],
    ],
  );
  assert.equal(plain(resourceAt(model, 'aws_s3_bucket.ledger').attribute('tags')), { team: 'ledger' });
  assert.equal(plain(providerAt(model, 'provider.aws.dr').region), 'ap-northeast-1');
});

test('a region passed from a root variable through a module argument points at the variable, via each reference', async () => {
  const text = plan({
    variables: { dr_region: 'ap-northeast-1' },
    providers: { 'module.dr:aws': { name: 'aws', module_address: 'module.dr', expressions: { region: { references: ['var.region'] } } } },
    children: [{ address: 'module.dr', resources: [resource('module.dr.aws_s3_bucket.copy', { bucket: 'copy' })] }],
    configuration: {
      module_calls: {
        dr: {
          expressions: { region: { references: ['var.dr_region'] } },
          module: { resources: [{ address: 'aws_s3_bucket.copy', provider_config_key: 'module.dr:aws', expressions: {} }] },
        },
      },
    },
  });
  const model = await modelOf({ 'tfplan.json': text });
  const region = providerAt(model, 'module.dr.provider.aws').region!;
  assert.equal(plain(region), 'ap-northeast-1');
  assert.equal(at(region.origin), where('tfplan.json', text, '"ap-northeast-1"'));
  assert.equal(region.via.map(at), [where('tfplan.json', text, 'var.dr_region"'), where('tfplan.json', text, 'var.region"')]);
});

test('a value known only after apply is unknown where the configuration writes it, and absent where the provider computes it', async () => {
  const text = plan({
    providers: AWS,
    resources: [
      resource('aws_subnet.public', { cidr_block: '10.0.0.0/24', tags: { Name: 'public' } }),
      resource('aws_vpc.main', { cidr_block: '10.0.0.0/16' }),
      resource('aws_lb.api', { subnets: [null, 'subnet-0abc'] }),
    ],
    changes: [change('aws_subnet.public', { id: true, vpc_id: true, tags: { Owner: true } }), change('aws_vpc.main', { id: true, ipv6_cidr_block: true }), change('aws_lb.api', { subnets: [true, false] })],
    configuration: {
      resources: [
        { address: 'aws_subnet.public', provider_config_key: 'aws', expressions: { vpc_id: { references: ['aws_vpc.main.id', 'aws_vpc.main'] } } },
        { address: 'aws_vpc.main', provider_config_key: 'aws', expressions: { cidr_block: { constant_value: '10.0.0.0/16' } } },
      ],
    },
  });
  const model = await modelOf({ 'tfplan.json': text });
  const subnet = resourceAt(model, 'aws_subnet.public');
  const vpcId = subnet.attribute('vpc_id')!;
  assert.equal(plain(vpcId), { unknown: 'aws_subnet.public.vpc_id is known only after apply' });
  assert.equal(at(vpcId.origin), where('tfplan.json', text, '{', '"vpc_id": {'));
  assert.is(vpcId.resource, resourceAt(model, 'aws_vpc.main'));
  assert.equal(plain(subnet.attribute('tags')), { Name: 'public', Owner: { unknown: 'aws_subnet.public.tags.Owner is known only after apply' } });
  assert.is(subnet.attribute('id'), undefined);
  assert.is(resourceAt(model, 'aws_vpc.main').attribute('ipv6_cidr_block'), undefined);
  assert.equal(plain(resourceAt(model, 'aws_lb.api').attribute('subnets')), [{ unknown: 'aws_lb.api.subnets[0] is known only after apply' }, 'subnet-0abc']);
  assert.equal(model.network.subnets.map((found) => found.vpc?.resource.address), ['aws_vpc.main']);
});

test('a reference through a module output reaches the resource the output refers to', async () => {
  const model = await modelOf({
    'tfplan.json': plan({
      providers: AWS,
      resources: [resource('aws_subnet.app', { cidr_block: '10.0.1.0/24', assign_ipv6_address_on_creation: true })],
      children: [{ address: 'module.network', resources: [resource('module.network.aws_vpc.this', { cidr_block: '10.0.0.0/16' })] }],
      changes: [change('aws_subnet.app', { vpc_id: true }), change('module.network.aws_vpc.this', { id: true })],
      configuration: {
        resources: [{ address: 'aws_subnet.app', provider_config_key: 'aws', expressions: { vpc_id: { references: ['module.network.vpc_id', 'module.network'] } } }],
        module_calls: {
          network: {
            module: {
              resources: [{ address: 'aws_vpc.this', provider_config_key: 'aws', expressions: {} }],
              outputs: { vpc_id: { expression: { references: ['aws_vpc.this.id', 'aws_vpc.this'] } } },
            },
          },
        },
      },
    }),
  });
  assert.equal(model.network.subnets.map((subnet) => [subnet.resource.address, subnet.vpc?.resource.address, subnet.vpc?.ipv6.state]), [['aws_subnet.app', 'module.network.aws_vpc.this', 'absent']]);
});

test('an expression that refers to several things is not evaluated: the plan does not say how it combines them', async () => {
  const model = await modelOf({
    'tfplan.json': plan({
      variables: { prefix: 'ap', suffix: 'southeast-1' },
      providers: { aws: { name: 'aws', expressions: { region: { references: ['var.prefix', 'var.suffix'] } } } },
      resources: [resource('aws_s3_bucket.logs', { bucket: 'logs' })],
      configuration: { resources: [{ address: 'aws_s3_bucket.logs', provider_config_key: 'aws', expressions: {} }] },
    }),
  });
  assert.equal(plain(providerAt(model, 'provider.aws').region), { unknown: 'the plan records only that this expression refers to var.prefix, var.suffix, not how it combines them' });
});

test("an older plan's key for an inherited provider configuration finds the caller's", async () => {
  const model = await modelOf({
    'tfplan.json': plan({
      providers: AWS,
      children: [{ address: 'module.logs', resources: [resource('module.logs.aws_s3_bucket.logs', { bucket: 'logs' })] }],
      configuration: { module_calls: { logs: { module: { resources: [{ address: 'aws_s3_bucket.logs', provider_config_key: 'module.logs:aws', expressions: {} }] } } } },
    }),
  });
  assert.is(resourceAt(model, 'module.logs.aws_s3_bucket.logs').provider.address, 'provider.aws');
});

test('findings in a plan on one line point at their columns; a plan is its own root beside the configuration', async () => {
  const text = plan(
    {
      providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      resources: [resource('aws_s3_bucket.logs', { bucket: 'logs' })],
      configuration: { resources: [{ address: 'aws_s3_bucket.logs', provider_config_key: 'aws', expressions: {} }] },
    },
    0,
  );
  const root = writeTree({ 'prod.tfplan.json': text, 'main.tf': 'provider "aws" {\n  region = "ap-southeast-1"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' });
  const findings = (await scanDirectory(root)).findings.map((finding) => `${at(finding.location)} ${finding.ruleId}`);
  assert.equal(findings, [`${where('prod.tfplan.json', text, '"eu-west-1"')} RES001`]);
  const workspace = await loadWorkspace(root);
  const planDocument = workspace.byPath.get('prod.tfplan.json')!;
  assert.equal(workspace.terraform.roots.map((module) => module.directory), ['.', '.']);
  assert.equal(workspace.terraform.resourcesIn(planDocument as never).map((instance) => instance.document.file.path), ['prod.tfplan.json']);
});

test('a plan read from stdin is scanned as the file --stdin-filename names', () => {
  const text = plan({
    providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } } },
    resources: [resource('aws_s3_bucket.logs', { bucket: 'logs' })],
    configuration: { resources: [{ address: 'aws_s3_bucket.logs', provider_config_key: 'aws', expressions: {} }] },
  });
  const run = merlint(['-', '--stdin-filename', 'infra/prod.tfplan.json', '--format', 'compact'], { stdin: text });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stdout, new RegExp(`^${where('infra/prod.tfplan.json', text, '"us-east-1"').replace(/\./g, '\\.')}: error RES001 `));
});

test('parsing keeps what the plan says and where', async () => {
  const text = plan({ variables: { region: 'ap-southeast-1' }, providers: AWS, resources: [resource('aws_s3_bucket.logs[0]', { bucket: 'logs' }, { index: 0 })] });
  const { document, errors } = await parse({ path: 'tfplan.json', kind: 'tfplan', text });
  assert.equal(errors, []);
  if (document?.kind !== 'tfplan') throw new Error('expected a plan');
  const [logs] = document.planned.resources;
  assert.equal([logs!.address, logs!.index, logs!.block.labels.map((label) => label.value)], ['aws_s3_bucket.logs[0]', 0, ['aws_s3_bucket', 'logs']]);
  assert.equal(document.providers.map((provider) => [provider.key, provider.expressions?.arguments.has('region')]), [['aws', true]]);
  assert.equal([...document.variables.keys()], ['region']);
});



test('a finding on a planned resource spans its type and address in order, though the plan writes the address first', async () => {
  const root = writeTree({ 'main.tfplan.json': plan({ resources: [resource('aws_s3_bucket.logs', { bucket: 'logs' })] }) });
  const result = await scanDirectory(root);
  const unknownRegion = result.findings.find((finding) => finding.ruleId === 'RES003');
  assert.ok(unknownRegion, 'RES003: no provider configures the region');
  const { start, end } = unknownRegion!.location.range;
  assert.ok(end.line > start.line || (end.line === start.line && end.column > start.column), JSON.stringify(unknownRegion!.location.range));
});
test('a provider name or configuration key holding a line break names its provider as any other (fuzzing found a crash)', async () => {
  const model = await modelOf({
    'tfplan.json': plan({
      providers: AWS,
      resources: [
        resource('aws_s3_bucket.ledger', { bucket: 'ledger' }, { provider_name: 'registry.ter\raform.io/hashicorp/aws' }),
        resource('aws_s3_bucket.logs', { bucket: 'logs' }),
      ],
      configuration: { resources: [{ address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', provider_config_key: 'module.x\n:aws', expressions: {} }] },
    }),
  });
  assert.is(resourceAt(model, 'aws_s3_bucket.ledger').provider.address, 'provider.aws');
  assert.is(resourceAt(model, 'aws_s3_bucket.logs').provider.address, 'provider.aws');
});

test.run();
