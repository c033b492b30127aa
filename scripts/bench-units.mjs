// The steps of --shard and batched scans that grow with a unit of files checked together: each
// language's units, the scripts named in Dockerfiles, the sysctl lines a long script appends. Each is
// timed (CPU, median of 3) on generated worst cases of N and 4N files held in memory; a step that
// grows linearly takes about 4× as long at 4N, one that copies a list per file about 16×.
// Run alone after `npm run build`: node scripts/bench-units.mjs [N]
import { checkedTogether, namedInContext } from '../dist/src/languages/index.js';
import { sysctlChanges } from '../dist/src/sysctl.js';

const RUNS = 3;

async function cpuMs(run) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** Worst cases of `n` files: every file in one unit, one script named by every Dockerfile, one sysctl file appended to n times. */
function cases(n) {
  const texts = new Map([['g/go.mod', 'module example.com/m\n']]);
  const read = (path) => texts.get(path);
  const file = (path, kind, text) => {
    if (text !== undefined) texts.set(path, text);
    return { path, kind };
  };
  const each = (make) => Array.from({ length: n }, (_, i) => make(i));
  // As with a team policy whose referencedBy searches manifests: the manifests' namespace joins are timed too.
  const units = (files) => () => checkedTogether(files, read, new Set(['kubernetes']));
  const word = (value) => ({ value, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });
  const appended = each((i) => ({ words: [word('echo'), word(`net.ipv6.conf.eth${i}.disable_ipv6 = 1`)], redirects: [{ operator: '>>', target: word('/etc/sysctl.conf') }] }));
  const dockerfiles = each((i) => file(`d${i}/Dockerfile`, 'dockerfile', 'FROM alpine:3.19\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n'));
  return {
    'units: manifests of one namespace': units(each((i) => file(`k/m${i}.yaml`, 'kubernetes', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: pay\n`))),
    'units: one Terraform module': units(each((i) => file(`t/f${i}.tf`, 'terraform', `resource "aws_s3_bucket" "b${i}" {}\n`))),
    'units: one Go module': units(each((i) => file(`g/p/f${i}.go`, 'go'))),
    'units: a chain of TypeScript imports': units(each((i) => file(`s/f${i}.ts`, 'typescript', i === 0 ? '' : `import { f } from './f${i - 1}';\n`))),
    'namedInContext: one script, N Dockerfiles': () => namedInContext([file('start.sh', 'shell'), ...dockerfiles], read),
    'sysctlChanges: N lines appended to one file': () => sysctlChanges(appended),
  };
}

const n = Number(process.argv[2] ?? 5000);
const [small, large] = [cases(n), cases(4 * n)];
console.log(`step\tCPU ms at ${n}\tat ${4 * n}\tratio`);
for (const name of Object.keys(small)) {
  const [at, atFour] = [await cpuMs(small[name]), await cpuMs(large[name])];
  console.log(`${name}\t${at.toFixed(0)}\t${atFour.toFixed(0)}\t${(atFour / Math.max(at, 1)).toFixed(1)}×`);
}
