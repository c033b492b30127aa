import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dockerfileModel } from '../src/languages/dockerfile/go-modules.js';
import type { FileRead, FileReader } from '../src/workspace.js';

/** A reader over in-memory files (root-relative paths) that counts how often each path was read. */
function countingReader(files: Record<string, string>): FileReader & { reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    read(directory: string, path: string): FileRead {
      const full = directory === '' ? path : `${directory}/${path}`;
      reads.set(full, (reads.get(full) ?? 0) + 1);
      const text = files[full];
      return text === undefined ? { ok: false, reason: 'no such file' } : { ok: true, path: full, text };
    },
    list: () => undefined,
  };
}

test('the Dockerfile model reads the go.mod of a module once, for where the module is and for its go directive', () => {
  const reader = countingReader({ 'svc/go.mod': 'module example.com/svc\n\ngo 1.22\n', 'svc/vendor/modules.txt': '# example.com/dep v1.0.0\n' });
  const model = dockerfileModel(reader);
  assert.is(model.vendorsModules('svc/cmd/api/Dockerfile'), true);
  assert.is(model.vendorsModules('svc/Dockerfile'), true);
  assert.is(reader.reads.get('svc/go.mod'), 1);
});

test('the Dockerfile model reads the go.mod at the scan root once too', () => {
  const reader = countingReader({ 'go.mod': 'module example.com/app\n\ngo 1.13\n' });
  const model = dockerfileModel(reader);
  assert.is(model.vendorsModules('build/Dockerfile'), false);
  assert.is(reader.reads.get('go.mod'), 1);
});

test('the Dockerfile model knows a module that requires no other from its require lines and blocks', () => {
  const reader = countingReader({
    'one/go.mod': 'module example.com/one\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n',
    'block/go.mod': 'module example.com/block\n\ngo 1.22\n\nrequire (\n\t// pinned\n\texample.com/dep v1.0.0\n)\n',
    'empty/go.mod': 'module example.com/empty\n\ngo 1.22\n\nrequire (\n)\n',
    'none/go.mod': 'module example.com/none // require nothing\n\ngo 1.22\n// require example.com/dep v1.0.0\n',
  });
  const model = dockerfileModel(reader);
  assert.equal(['one', 'block', 'empty', 'none', 'elsewhere'].map((directory) => model.requiresModules(`${directory}/Dockerfile`)), [true, true, false, false, true]);
});

test.run();
