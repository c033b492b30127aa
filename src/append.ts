/** Adds `value` to the list `map` holds at `key`, in place: copying the list for each value is quadratic when one key gathers many. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Adds every item to `list` in order: `list.push(...items)` overflows the stack once items run to some 150,000. */
export function pushAll<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}
