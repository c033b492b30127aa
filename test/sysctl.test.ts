import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ShellCommand } from '../src/languages/dockerfile/model.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import { loadShellReader } from '../src/shell/index.js';
import { fromShell, KERNEL_PARAMETERS, sysctlChanges, type SimpleCommand } from '../src/sysctl.js';

const read = await loadShellReader();

const CHANGING = [
  'sysctl -w net.ipv6.conf.all.disable_ipv6=1',
  'sysctl net.core.somaxconn=1024',
  'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6',
  'echo "net.ipv6.conf.all.disable_ipv6 = 1" >> /etc/sysctl.d/99-ipv6.conf',
  'echo net.core.somaxconn=1024 | tee -a /etc/sysctl.conf',
  'sysctl -p',
  'sysctl --system',
];

test('a script whose commands change a kernel parameter is one that may, by its text alone', () => {
  for (const script of CHANGING) {
    assert.ok(sysctlChanges(fromShell(read(script))).length > 0, script);
    assert.ok(KERNEL_PARAMETERS.spelledIn(script), script);
  }
  assert.is(KERNEL_PARAMETERS.spelledIn('until nc -z db 5432; do sleep 2; done; exec /app'), false);
});

/** The commands as a reader that does not tell where the program is gives them: sysctlChanges finds it in the words. */
function wordsAlone(commands: readonly ShellCommand[]): SimpleCommand[] {
  type Alone = { words: ShellCommand['words']; redirects: ShellCommand['redirects']; pipedFrom?: SimpleCommand | undefined };
  const alone = new Map(commands.map((command): [ShellCommand, Alone] => [command, { words: command.words, redirects: command.redirects }]));
  for (const [command, simple] of alone) simple.pipedFrom = command.pipedFrom && alone.get(command.pipedFrom);
  return [...alone.values()];
}

test("a Dockerfile command's program as its reader placed it finds the changes that its words alone give", () => {
  const before = fc.constantFrom('', 'sudo ', 'sudo -u root ', '/usr/bin/sudo ', 'env A=1 ', 'timeout 5 ', 'nice -n 5 ', 'then ', 'if ', '{ ', 'exec ');
  const command = fc.constantFrom(
    'sysctl -w net.ipv6.conf.all.disable_ipv6=1',
    '/sbin/sysctl net.core.somaxconn=1024',
    'sysctl -p',
    'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6',
    'echo net.ipv6.conf.default.disable_ipv6=1 >> /etc/sysctl.conf',
    'tee -a /etc/sysctl.d/ipv6.conf',
    'cat',
    'apk add curl',
  );
  const separator = fc.constantFrom(' && ', '; ', ' | ');
  const script = fc.array(fc.tuple(before, command, separator), { minLength: 1, maxLength: 5 }).map((parts) => parts.map(([prefix, run, then]) => prefix + run + then).join('').replace(/ (?:&&|;|\|) $/, ''));
  const placed = (changes: ReturnType<typeof sysctlChanges>) => changes.map((change) => [change.key, change.value, change.how, change.at.value, change.at.range]);
  fc.assert(
    fc.property(script, (run) => {
      const document = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text: `FROM alpine:3.20\nRUN ${run}\nCMD ${run}\n` }).document!;
      for (const instruction of document.stages[0]!.instructions) {
        if (instruction.keyword !== 'RUN' && instruction.keyword !== 'CMD') continue;
        assert.equal(placed(sysctlChanges(instruction.commands)), placed(sysctlChanges(wordsAlone(instruction.commands))), run);
      }
    }),
    { seed: 20261206, numRuns: 300 },
  );
});

test('a sysctl.d file not named *.conf is loaded only by a sysctl -p that names it, never at boot or by --system', () => {
  const changes = (script: string) => sysctlChanges(fromShell(read(script))).map((change) => `${change.how} ${change.key}`);
  const write = 'echo net.ipv6.conf.all.disable_ipv6=1 > /etc/sysctl.d/ipv6';
  assert.equal(changes(write), []);
  assert.equal(changes(`${write} && sysctl --system`), ['reload *']);
  assert.equal(changes(`${write} && sysctl -p /etc/sysctl.d/ipv6`), ['reload net.ipv6.conf.all.disable_ipv6']);
  assert.equal(changes('echo net.ipv6.conf.all.disable_ipv6=1 > /lib/sysctl.d/ipv6.conf && sysctl --system'), ['config net.ipv6.conf.all.disable_ipv6', 'reload net.ipv6.conf.all.disable_ipv6']);
});

test.run();
