// Runs the uvu suites in dist/test and closes with the line CI reads: "N passed, N failed".
// uvu exits 0 when no test ran, so zero tests is a failure here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const uvu = fileURLToPath(new URL('../node_modules/uvu/bin.js', import.meta.url));
const args = [uvu, 'dist/test', '\\.test\\.js$', ...process.argv.slice(2)];
const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
process.stdout.write(child.stdout ?? '');
process.stderr.write(child.stderr ?? '');

const number = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(child.stdout ?? '')?.[1] ?? 0);
const total = number('Total');
const passed = number('Passed');
const skipped = number('Skipped');
const failed = Math.max(total - passed - skipped, child.status === 0 ? 0 : 1);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (total === 0) console.error('no tests ran');
process.exit(child.status === 0 && failed === 0 && total > 0 ? 0 : 1);
