import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDocument } from 'yaml';
import { parsedWithinNesting } from '../src/yaml-source.js';

test("the yaml package's errors are made without a stack trace (one per tab-indented line; capturing them took most of the time of such a file), and the limit is restored", () => {
  const limit = Error.stackTraceLimit;
  const text = 'items:\n\t- a\n\t- b\n';
  const document = parsedWithinNesting(text, () => parseDocument(text), () => parseDocument(''));
  assert.ok(document.errors.length > 0);
  for (const error of document.errors) assert.not.match(error.stack ?? '', /\n\s+at /);
  assert.is(Error.stackTraceLimit, limit);
});

test.run();
