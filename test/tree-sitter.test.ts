import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { capturesBefore, loadGrammar, loadQuery, parseBefore, ParserFailure, release } from '../src/tree-sitter.js';

// tree-sitter-bash's error recovery at the end of it takes all the memory its WebAssembly may have, which aborts.
const OUT_OF_MEMORY = `${'|%'.repeat(12_000)}t '`;

test("a failure of tree-sitter's WebAssembly is a ParserFailure, and the next parser comes from a new instance", async () => {
  const failed = await loadGrammar('bash');
  const go = await loadGrammar('go');
  assert.throws(() => parseBefore(failed, OUT_OF_MEMORY, Number.POSITIVE_INFINITY), (error: unknown) => error instanceof ParserFailure && !error.earlier);
  // Every parser of the instance that failed is refused, without calling into it.
  assert.throws(() => parseBefore(go, 'package main\n', Number.POSITIVE_INFINITY), (error: unknown) => error instanceof ParserFailure && error.earlier);
  for (const grammar of ['go', 'bash'] as const) {
    const parser = await loadGrammar(grammar);
    assert.ok(parser !== failed && parser !== go, `a new ${grammar} parser`);
    const tree = parseBefore(parser, grammar === 'go' ? 'package main\n\nfunc f() {}\n' : 'echo hi\n', Number.POSITIVE_INFINITY);
    assert.ok(tree && tree !== 'stopped' && !tree.rootNode.hasError, `the new ${grammar} parser reads`);
    if (grammar === 'go') assert.is(capturesBefore(await loadQuery('go', '(function_declaration) @f'), tree.rootNode, Number.POSITIVE_INFINITY).length, 1, 'queries of the new instance');
    release(tree);
  }
});

test.run();
