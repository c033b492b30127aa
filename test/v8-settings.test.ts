import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Kind } from '../src/types.js';
import { lateBudgetFactor } from '../src/v8-settings.js';

test('a scan of Dockerfiles alone optimises later than any other scan', () => {
  assert.is(lateBudgetFactor(new Set<Kind>(['dockerfile'])), 32);
  assert.is(lateBudgetFactor(new Set<Kind>(['dockerfile', 'terraform'])), 8);
  assert.is(lateBudgetFactor(new Set<Kind>(['terraform'])), 8);
  assert.is(lateBudgetFactor(new Set<Kind>()), 8);
});

test.run();
