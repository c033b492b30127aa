import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules } from '../rules/index.js';
import { loadConfig } from '../src/config/load.js';
import { loadPolicies } from '../src/policies/load.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

/*
 * The recursion audit: every reader of what users write, given 100,000 levels of the nesting its language allows (brackets,
 * chains of selectors and calls, modifiers in modifiers, scripts in substitutions). Each file is read, or is one MER000 where
 * the nesting passes what merlint reads; never a stack overflow (a "parser failed" at 1:1). A line after the nesting that
 * gives a finding of its own shows the rest of the file was read.
 */

const DEEP = 100_000;

function nested(opening: string, inner: string, closing: string): string {
  return `${opening.repeat(DEEP)}${inner}${closing.repeat(DEEP)}`;
}

const SCRIPT_AFTER = 'export GOSUMDB=off';

const FILES: Record<string, string> = {
  'hcl/main.tf': `locals {\n  x = ${nested('(', '1', ')')}\n  y = var.x${'[*].a'.repeat(DEEP)}\n}\n`,
  'tfvars/terraform.tfvars': `x = ${nested('{ a = ', '1', ' }')}\n`,
  'json/main.tf.json': `{"locals": {"x": ${nested('[', '', ']')}}}`,
  'plan/main.tfplan.json': `{"format_version":"1.2","planned_values":{"root_module":${nested('{"child_modules":[', '{}', ']}')}}}`,
  'k8s/deploy.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ${nested('[', '', ']')}\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    image: nginx\n    env:\n    - name: GOSUMDB\n      value: "off"\n`,
  'compose/docker-compose.yml': `services:\n  a:\n    image: alpine\n    environment:\n      GOFLAGS: "${nested('${A:-', '-mod=mod', '}')}"\n      GOSUMDB: "off"\n`,
  '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n    - run: |\n        echo ${nested('$(', 'x', ')')}\n        ${SCRIPT_AFTER}\n`,
  '.gitlab-ci.yml': `job:\n  script:\n  - echo ${nested('$(', 'x', ')')}\n  - ${SCRIPT_AFTER}\n`,
  'devcontainer/.devcontainer/devcontainer.json': `{"x": ${nested('[', '', ']')}}`,
  'docker/Dockerfile': `FROM alpine:3.20\nRUN echo ${nested('$(', 'x', ')')}\nENV A=${nested('${B:-', 'x', '}')}\nENV GOSUMDB=off\nUSER 10001\n`,
  'sh/start.sh': `#!/bin/bash\necho ${nested('$(', 'x', ')')}\n${'a && '.repeat(DEEP)}a\n${SCRIPT_AFTER}\n`,
  'go/main.go': `package a\n\nimport "go.uber.org/zap"\n\nfunc f(l *zap.Logger, c Config, phone string) {\n\tl.Info("x", zap.Int("n", (*c)${'.a[0]'.repeat(DEEP)}))\n\tl.Info("y", zap.String("phone", phone))\n}\n`,
  // A name a line: on one line the file would be taken for minified code and skipped.
  'ts/app.ts': `import pino from "pino";\nconst logger = pino();\nexport function f(phone: string, c: any) {\n  logger.info(c${'\n?.a[0]'.repeat(DEEP)});\n  logger${'\n.child({})'.repeat(DEEP)}.info("x");\n  logger.info({ phone }, "y");\n}\n`,
  'env/.env': `GOFLAGS=${nested('${A:-', '-mod=mod', '}')}\nGOSUMDB=off\n`,
  'make/Makefile': `GOFLAGS := ${nested('$(a ', 'x', ')')}\nexport GOSUMDB = off\nall:\n\techo ${nested('$(', 'x', ')')}\n`,
};

test(`${DEEP.toLocaleString('en')} levels of nesting in every language are read, or one MER000 where the nesting passes what merlint reads`, async () => {
  const result = await scanDirectory(makeTree(FILES));
  assert.equal(result.notices.filter((notice) => notice.level === 'error'), [], 'no rule failed');
  const found = result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line}:${finding.location.range.start.column} ${finding.ruleId}${finding.ruleId === 'MER000' ? ` ${finding.message.slice(0, 40)}` : ''}`);
  assert.equal(found, [
    '.github/workflows/ci.yml:8:24 GOP001',
    '.gitlab-ci.yml:4:20 GOP001',
    'compose/docker-compose.yml:6:17 GOP001',
    'devcontainer/.devcontainer/devcontainer.json:1:1006 MER000 arrays and objects nested more than 1000',
    'docker/Dockerfile:4:13 GOP001',
    'env/.env:2:9 GOP001',
    'go/main.go:7:34 PDPA001',
    'hcl/main.tf:2:506 MER000 expressions, blocks or template directiv',
    'json/main.tf.json:1:1016 MER000 arrays and objects nested more than 1000',
    'k8s/deploy.yaml:4:506 MER000 collections nested more than 500 deep, w',
    'k8s/deploy.yaml:14:15 GOP001',
    'make/Makefile:2:18 GOP001',
    'plan/main.tfplan.json:1:9039 MER000 arrays and objects nested more than 1000',
    'sh/start.sh:4:16 GOP001',
    'tfvars/terraform.tfvars:1:3001 MER000 expressions, blocks or template directiv',
    `ts/app.ts:${2 * DEEP + 6}:17 PDPA001`,
  ]);
});

test(`a configuration and a team policy nested ${DEEP.toLocaleString('en')} deep are a configuration error at their line and column`, async () => {
  const known = new Set(allRules.map((rule) => rule.id));
  const root = makeTree({ '.merlint.yaml': `rules: ${nested('[', '', ']')}\n`, 'policies/deep.policy.yaml': `id: TEAM001\nassert: ${nested('{all: [', '{path: a}', ']}')}\n` });
  await loadConfig(join(root, '.merlint.yaml'), known).then(
    () => assert.unreachable('the configuration loaded'),
    (error: Error) => assert.match(error.message, /\.merlint\.yaml:1:\d+: collections nested more than 500 deep/),
  );
  await loadPolicies([join(root, 'policies')], known).then(
    () => assert.unreachable('the policy loaded'),
    (error: Error) => assert.match(error.message, /deep\.policy\.yaml:2:\d+: collections nested more than 500 deep/),
  );
});

test.run();
