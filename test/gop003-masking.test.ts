import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FORMATS } from '../src/reporters/formats.js';
import { loadReporter } from '../src/reporters/index.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

/** The password every GOP003 fixture writes into a proxy URL. */
const SECRET = 'Zq8xK2pLm4';

test('GOP003 findings print no credential in any output format, coloured text included', async () => {
  const result = await scanDirectory(repoPath('fixtures', 'goproxy', 'GOP003'));
  const findings = result.findings.filter((finding) => finding.ruleId === 'GOP003');
  // One finding in each format the credential is written in: env file (4: GOPROXY twice, GOSUMDB, one resolved from a reference), Makefile, GitHub Actions, GitLab CI, devcontainer, Dockerfile (3), Compose (2).
  assert.is(findings.length, 13, findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line}`).join('\n'));
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
