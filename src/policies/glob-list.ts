/** A test for one value or a list of values, where `*` matches any run of characters (case-insensitive, as keywords are). */
export function matcher(patterns: string | readonly string[] | undefined): (text: string | undefined) => boolean {
  if (patterns === undefined) return () => true;
  const expressions = (typeof patterns === 'string' ? [patterns] : patterns).map(
    (pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i'),
  );
  return (text) => text !== undefined && expressions.some((expression) => expression.test(text));
}
