import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadShellReader } from '../src/shell/index.js';
import { fromShell, mayChangeKernelParameters, sysctlChanges } from '../src/sysctl.js';

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
    assert.ok(mayChangeKernelParameters(script), script);
  }
  assert.is(mayChangeKernelParameters('until nc -z db 5432; do sleep 2; done; exec /app'), false);
});

test.run();
