/** Wildcard matching in at most text × pattern steps, for sshd's Match patterns and Include globs. */

/** One position of a pattern: `*`, or the test of one character (a UTF-16 code unit). */
export type WildcardToken = '*' | ((c: string) => boolean);

/**
 * Whether the tokens match the whole text: each `*` first takes nothing, and only the last one met takes one more
 * character when what follows it fails. At most text × pattern steps, whatever a host writes: a regular expression
 * with several `*` would try every way of splitting the text between them.
 */
export function wildcardMatch(text: string, tokens: WildcardToken[]): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token === '*') {
      star = p++;
      resume = t;
    } else if (token?.(text[t])) {
      t++;
      p++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (tokens[p] === '*') p++;
  return p === tokens.length;
}
