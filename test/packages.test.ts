import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { packageCachesLeftBy } from '../src/languages/dockerfile/packages.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import type { RunInstruction } from '../src/languages/dockerfile/model.js';

const SEED = 20261206;
const MANAGERS = ['apk', 'apt', 'apt-get', 'yum', 'dnf', 'microdnf', 'tdnf', 'pip', 'pip3', 'pip3.12'];
const NOT_MANAGERS = ['apkx', 'xapk', 'apt-gets', 'get', 'pip33', 'pip3.', 'mdnf', 'python3x', 'ap', ''];

function packageUses(command: string): string[] {
  const text = `FROM alpine:3.20\nRUN ${command}\n`;
  const run = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text }).document!.stages[0]!.instructions[0] as RunInstruction;
  return packageCachesLeftBy(run).map((use) => `${use.manager.leaves} ${use.verb.value}`);
}

test('a package manager is told by the last part of its program word, with or without a directory', () => {
  const directory = fc.constantFrom('', '/sbin/', '/usr/bin/', './', 'tools/');
  const verb = fc.constantFrom('add', 'install', 'update', 'list');
  fc.assert(
    fc.property(directory, fc.constantFrom(...MANAGERS, ...NOT_MANAGERS), fc.boolean(), verb, (dir, name, viaPython, subcommand) => {
      const program = viaPython ? `${dir}python3 -m ${name}` : `${dir}${name}`;
      const uses = packageUses(`sudo ${program} ${subcommand} curl`);
      assert.equal(uses, packageUses(`${viaPython ? `python3 -m ${name}` : name} ${subcommand} curl`), program);
      if (NOT_MANAGERS.includes(name)) assert.equal(uses, [], program);
    }),
    { seed: SEED, numRuns: 300 },
  );
  assert.equal(packageUses('/usr/bin/apt-get update && /usr/bin/apt-get install -y curl'), ['the package lists in /var/lib/apt/lists install']);
  assert.equal(packageUses('/sbin/apk add curl'), ['the package index in /var/cache/apk add']);
});

test.run();
