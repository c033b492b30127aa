/**
 * A test for one value or a list of values, where `*` matches any run of characters (case-insensitive, as keywords
 * are). Matched without a regular expression: one made of a long pattern is too large for V8 (a 100 KB `type`,
 * found by fuzzing), and one of many `*` backtracks in time growing with the power of their count.
 */
export function matcher(patterns: string | readonly string[] | undefined): (text: string | undefined) => boolean {
  if (patterns === undefined) return () => true;
  const lowered = (typeof patterns === 'string' ? [patterns] : patterns).map((pattern) => pattern.toLowerCase());
  return (text) => {
    if (text === undefined) return false;
    const value = text.toLowerCase();
    return lowered.some((pattern) => globMatches(pattern, value));
  };
}

/** Whether `text` is `pattern` with each `*` standing for any run of characters: after a mismatch, the last `*` takes one character more. */
function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (pattern[p] === '*') {
      star = p++;
      resumeAt = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
