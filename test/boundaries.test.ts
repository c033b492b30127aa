import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { boundaryViolations } from './helpers/boundaries.js';
import { repoPath } from './helpers/scan.js';

test('no language imports another language, rules, the engine or the reporters; facts import no language', () => {
  assert.equal(boundaryViolations(repoPath()), []);
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'merlint-boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('the check finds each kind of crossing, static and dynamic imports alike', () => {
  const root = tree({
    'src/languages/kubernetes/model.ts': "import type { Vpc } from '../terraform/model/network.js';\nimport { x } from '../../types.js';\n",
    'src/languages/kubernetes/parser.ts': "const rules = await import('../../../rules/index.js');\nexport { y } from '../../engine.js';\n",
    'src/languages/terraform/model/network.ts': "import { text } from '../../../reporters/text.js';\nimport { LANGUAGES } from '../../index.js';\n",
    'src/facts/network.ts': "import type { TerraformModel } from '../languages/terraform/model/types.js';\n",
  });
  assert.equal(
    boundaryViolations(root).map((violation) => `${violation.file} -> ${violation.imports}`),
    [
      'src/languages/kubernetes/model.ts -> src/languages/terraform/model/network.js',
      'src/languages/kubernetes/parser.ts -> rules/index.js',
      'src/languages/kubernetes/parser.ts -> src/engine.js',
      'src/languages/terraform/model/network.ts -> src/reporters/text.js',
      'src/languages/terraform/model/network.ts -> src/languages/index.js',
      'src/facts/network.ts -> src/languages/terraform/model/types.js',
    ],
  );
});

test.run();
