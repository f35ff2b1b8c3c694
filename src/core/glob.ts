/**
 * The globs users write for check IDs (`--checks host.ssh.*`) and for pattern waivers' resources (`team-a/*`):
 * `*` any run of characters, across `/` too (a resource is `namespace/name`); `?` one character other than `/`;
 * everything else literal. Compiled by picomatch, with every character but the two wildcards escaped, so that no
 * other glob or regular-expression syntax (brackets, braces, `!`, extglobs) can widen what a waiver covers. The `/`
 * is escaped too: as a path separator it would let `team-a/**` cover a cluster-scoped `team-a` (a globstar's
 * segment is optional). One narrowing remains: picomatch never lets `*` stand for a `.` or `..` path segment, which
 * no Kubernetes object name is.
 */
import picomatch from 'picomatch';

const OPTIONS: picomatch.PicomatchOptions = {
  // A single star crosses `/`, as a globstar does.
  bash: true,
  dot: true,
  // A name may hold a line break: `*` still stands for it.
  flags: 's',
  literalBrackets: false,
  nobrace: true,
  noextglob: true,
  nonegate: true,
  // No optional trailing `/` after the last character (picomatch adds one to some patterns).
  strictSlashes: true,
};

/** ASCII punctuation, each escaped; a backslash as a one-character class (picomatch drops an escaped backslash). */
const escapeLiterals = (glob: string) =>
  glob.replace(/[!-/:-@[-^`{-~]/g, (c) => {
    if (c === '*' || c === '?') return c;
    return c === '\\' ? '[\\\\]' : `\\${c}`;
  });

const cache = new Map<string, RegExp>();

/** The glob as a regular expression over the whole text (compiled once per glob). */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    re = glob === '' ? /^$/ : picomatch.makeRe(escapeLiterals(glob), OPTIONS);
    cache.set(glob, re);
  }
  return re;
}

/** Whether the whole of `text` matches the glob. */
export function globMatches(glob: string, text: string): boolean {
  return globToRegExp(glob).test(text);
}
