import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PersistentMap } from '../src/persistent-map.js';

// Enough keys that many share the first levels of the trie.
const KEYS = Array.from({ length: 200_000 }, (_, i) => `KEY_${i}`);

test('every version keeps the values it had when later versions change them', () => {
  const versions: PersistentMap<number>[] = [PersistentMap.empty()];
  for (const [i, key] of KEYS.entries()) versions.push(versions[i]!.set(key, i));
  const overwritten = versions[KEYS.length]!.set('KEY_7', -1);
  assert.is(versions[8]!.get('KEY_7'), 7);
  assert.is(versions[7]!.get('KEY_7'), undefined);
  assert.is(overwritten.get('KEY_7'), -1);
  assert.is(versions[KEYS.length]!.get('KEY_7'), 7);
  for (const [i, key] of KEYS.entries()) assert.is(versions[KEYS.length]!.get(key), i, key);
});

test('keys with the same hash keep their own values', () => {
  // V18T9 and VU900 have the same 32-bit FNV-1a hash.
  const map = PersistentMap.empty<number>().set('V18T9', 1).set('VU900', 2).set('V18T9', 3);
  assert.is(map.get('V18T9'), 3);
  assert.is(map.get('VU900'), 2);
  assert.not.ok(map.has('V18T8'));
});

test('has tells a stored null from a missing key', () => {
  const map = PersistentMap.empty<string | null>().set('TOKEN', null);
  assert.ok(map.has('TOKEN'));
  assert.is(map.get('TOKEN'), null);
  assert.not.ok(map.has('token'));
  assert.is(map.get('token'), undefined);
});

test.run();
