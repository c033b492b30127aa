import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFiles } from '../src/examples.js';
import { FORMATS } from '../src/reporters/formats.js';
import { loadReporter } from '../src/reporters/index.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

/** The password every GOP003 fixture writes into a proxy URL. */
const SECRET = 'Zq8xK2pLm4';

test('GOP003 findings print no credential in any output format, coloured text included', async () => {
  const result = await scanDirectory(repoPath('fixtures', 'goproxy', 'GOP003'));
  const findings = result.findings.filter((finding) => finding.ruleId === 'GOP003');
  // One finding for each credential the fixtures mark, in every format they are written in (env, Makefile, workflows, GitLab, devcontainer, Dockerfile, Compose, shell).
  const marked = fixtureFiles('GOP003').reduce((count, file) => count + (readFileSync(file, 'utf8').match(/expect:[^\n]*GOP003/g)?.length ?? 0), 0);
  assert.ok(marked >= 15, `only ${marked} marks`);
  assert.is(findings.length, marked, findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line}`).join('\n'));
  for (const finding of findings) assert.ok(finding.sensitive, `${finding.location.path}:${finding.location.range.start.line} is not marked sensitive`);
  for (const format of FORMATS) {
    for (const color of [false, true]) {
      const output = (await loadReporter(format, { color, version: '0.0.0' }))(result);
      assert.ok(output.includes('GOP003'), `${format} output names no GOP003 finding`);
      assert.not.ok(output.includes(SECRET), `${format}${color ? ' (colour)' : ''} output prints the credential`);
    }
  }
});

test.run();
