import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TerraformModel } from '../src/languages/terraform/model/types.js';
import { at, modelOf, plain, providerAt, resourceAt } from './helpers/terraform.js';

/** One configuration written twice, in native and in JSON syntax: the model must not see a difference. */
const NATIVE = `variable "dr_region" {
  default = "ap-southeast-3"
}

provider "aws" {
  region = "ap-southeast-1"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_s3_bucket" "ledger" {
  provider = aws.dr
  bucket   = "ledger-\${var.dr_region}"

  replication_configuration {
    role = "arn:aws:iam::123456789012:role/replication"
    rule {
      id = "to-tokyo"
      destination {
        bucket = "arn:aws:s3:::ledger-tokyo"
      }
    }
  }
}
`;

const JSON_SYNTAX = JSON.stringify({
  variable: { dr_region: { default: 'ap-southeast-3' } },
  provider: { aws: [{ region: 'ap-southeast-1' }, { alias: 'dr', region: '${var.dr_region}' }] },
  resource: {
    aws_s3_bucket: {
      ledger: {
        provider: 'aws.dr',
        bucket: 'ledger-${var.dr_region}',
        replication_configuration: {
          role: 'arn:aws:iam::123456789012:role/replication',
          rule: [{ id: 'to-tokyo', destination: { bucket: 'arn:aws:s3:::ledger-tokyo' } }],
        },
      },
    },
  },
}, null, 2);

function facts(model: TerraformModel): unknown {
  const bucket = resourceAt(model, 'aws_s3_bucket.ledger');
  const [replication] = bucket.blocks('replication_configuration');
  const [rule] = replication?.blocks('rule') ?? [];
  return {
    provider: bucket.provider.key,
    region: plain(bucket.provider.region),
    defaultRegion: plain(providerAt(model, 'provider.aws').region),
    bucket: plain(bucket.attribute('bucket')),
    role: plain(replication?.attribute('role')),
    rule: plain(rule?.attribute('id')),
    destination: plain(rule?.blocks('destination')[0]?.attribute('bucket')),
  };
}

test('the Terraform model reads a .tf.json file as it reads the same .tf file', async () => {
  const native = facts(await modelOf({ 'main.tf': NATIVE }));
  const json = facts(await modelOf({ 'main.tf.json': JSON_SYNTAX }));
  assert.equal(json, native);
  assert.equal(native, {
    provider: 'aws.dr',
    region: 'ap-southeast-3',
    defaultRegion: 'ap-southeast-1',
    bucket: 'ledger-ap-southeast-3',
    role: 'arn:aws:iam::123456789012:role/replication',
    rule: 'to-tokyo',
    destination: 'arn:aws:s3:::ledger-tokyo',
  });
});

test('values from a .tf.json file point inside its strings', async () => {
  const model = await modelOf({ 'main.tf.json': JSON_SYNTAX });
  const region = resourceAt(model, 'aws_s3_bucket.ledger').provider.region;
  const line = JSON_SYNTAX.split('\n').findIndex((text) => text.includes('"default": "ap-southeast-3"')) + 1;
  const column = JSON_SYNTAX.split('\n')[line - 1]!.indexOf('"ap-southeast-3"') + 1;
  assert.is(at(region && 'origin' in region ? region.origin : undefined), `main.tf.json:${line}:${column}`);
});

test.run();
