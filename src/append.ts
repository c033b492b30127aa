/** Adds `value` to the list `map` holds at `key`, in place: copying the list for each value is quadratic when one key gathers many. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
