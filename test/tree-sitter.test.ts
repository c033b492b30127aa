import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { capturesBefore, loadGrammar, loadQuery, parseBefore, ParserFailure, release } from '../src/tree-sitter.js';

// Past the Go wing's nesting guard: tree-sitter-go's recursion runs past the 64 KiB stack of its WebAssembly.
const OVER_THE_STACK = `package main\nfunc f() {\n\tfmt.Println(${'/R('.repeat(3000)}\n}\n`;

test("a failure of tree-sitter's WebAssembly is a ParserFailure, and the next parser comes from a new instance", async () => {
  const failed = await loadGrammar('go');
  const bash = await loadGrammar('bash');
  assert.throws(() => parseBefore(failed, OVER_THE_STACK, Number.POSITIVE_INFINITY), (error: unknown) => error instanceof ParserFailure && !error.earlier);
  // Every parser of the instance that failed is refused, without calling into it.
  assert.throws(() => parseBefore(bash, 'echo hi\n', Number.POSITIVE_INFINITY), (error: unknown) => error instanceof ParserFailure && error.earlier);
  for (const grammar of ['go', 'bash'] as const) {
    const parser = await loadGrammar(grammar);
    assert.ok(parser !== failed && parser !== bash, `a new ${grammar} parser`);
    const tree = parseBefore(parser, grammar === 'go' ? 'package main\n\nfunc f() {}\n' : 'echo hi\n', Number.POSITIVE_INFINITY);
    assert.ok(tree && tree !== 'stopped' && !tree.rootNode.hasError, `the new ${grammar} parser reads`);
    if (grammar === 'go') assert.is(capturesBefore(await loadQuery('go', '(function_declaration) @f'), tree.rootNode, Number.POSITIVE_INFINITY).length, 1, 'queries of the new instance');
    release(tree);
  }
});

test.run();
