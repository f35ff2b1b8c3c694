/**
 * The sshd_config file fallback: the semantics of OpenSSH's servconf.c, for when `sshd -T` cannot run (no binary,
 * a host root, an error). See docs/host.md.
 *
 * sshd reads the configuration twice. At startup, with no connection: top-level lines and `Match all` blocks apply,
 * first value wins. Then, for each connection (and for `sshd -T`, with a blank connection unless `-C` names one):
 * only lines inside Match blocks that match the connection apply, first value wins, and what they set overrides the
 * startup values. A Match block lasts until the next Match or the end of the file it is in; an included file starts
 * in the state of the line that includes it, which is restored after it.
 */
import type { SshdContext } from '../../../core/facts/host';
import { type ConnectionSpec, matchLine } from './match';
import { type WildcardToken, wildcardMatch } from './wildcard';

export interface ConfigLine {
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

/** A keyword written another way: the name `sshd -T` prints. */
const ALIASES: Record<string, string> = {
  challengeresponseauthentication: 'kbdinteractiveauthentication',
  skeyauthentication: 'kbdinteractiveauthentication',
  dsaauthentication: 'pubkeyauthentication',
  hostbasedacceptedkeytypes: 'hostbasedacceptedalgorithms',
  pubkeyacceptedkeytypes: 'pubkeyacceptedalgorithms',
};

/** Compiled-in defaults of OpenSSH (portable) for the settings the checks read. */
export const SSHD_DEFAULTS: Record<string, string> = {
  permitrootlogin: 'prohibit-password',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  permitemptypasswords: 'no',
  pubkeyauthentication: 'yes',
  maxauthtries: '6',
  hostbasedauthentication: 'no',
  ignorerhosts: 'yes',
  permituserenvironment: 'no',
  x11forwarding: 'no',
  usepam: 'no',
  logingracetime: '120',
  clientaliveinterval: '0',
  clientalivecountmax: '3',
  maxstartups: '10:30:100',
  maxsessions: '10',
  loglevel: 'info',
  allowtcpforwarding: 'yes',
  banner: 'none',
};

/**
 * Keywords whose value is a yes/no (or a few other words) compared case-insensitively. Not PermitUserEnvironment:
 * sshd compares its "yes" and "no" case-sensitively and reads any other value ("NO" too) as the pattern list of the
 * variables users may set.
 */
const LOWERCASE_VALUES = new Set([
  'permitrootlogin',
  'passwordauthentication',
  'kbdinteractiveauthentication',
  'permitemptypasswords',
  'pubkeyauthentication',
  'hostbasedauthentication',
  'ignorerhosts',
  'x11forwarding',
  'usepam',
  'allowtcpforwarding',
  'permittunnel',
  'gssapiauthentication',
  'kerberosauthentication',
  'loglevel',
]);

/** Keywords whose value is an integer (sshd reads it with strtonum: a sign and leading zeros allowed). */
const INTEGER_KEYWORDS = new Set(['maxauthtries', 'maxsessions', 'clientalivecountmax']);
const INTEGER = /^[+-]?\d+$/;
/** The largest integer sshd accepts for them (INT_MAX). */
const INTEGER_MAX = 2 ** 31 - 1;

/** Algorithm lists: their compiled-in defaults depend on the OpenSSH version, so only absolute lists are known. */
const ALGORITHM_LISTS = new Set(['ciphers', 'macs', 'kexalgorithms', 'hostkeyalgorithms']);

/** Keywords that may appear several times and accumulate (sshd -T prints each). */
const ACCUMULATING = new Set(['acceptenv', 'hostkey', 'listenaddress', 'port', 'subsystem']);

/** Keywords each of whose arguments is a value of its own: sshd -T prints one line per argument. */
const ONE_PER_ARGUMENT = new Set(['acceptenv', 'setenv']);

/** Access lists: every argument of every line accumulates, one entry a line as `sshd -T` prints them. */
const ACCESS_LISTS = new Set(['allowusers', 'allowgroups', 'denyusers', 'denygroups']);

/** Times in sshd's format (`1m30s`), printed by `sshd -T` in seconds. */
const TIME_KEYWORDS = new Set(['logingracetime', 'clientaliveinterval']);
const TIME_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** The blanks C's isspace knows, which strtol skips before a number. */
const C_SPACE = /[\t\n\v\f\r ]/;

/** How C's number readers start: C blanks, one optional sign, then decimal digits; null when no digit follows. */
function signedDigits(text: string, from: number): { negative: boolean; digits: string; next: number } | null {
  let i = from;
  while (C_SPACE.test(text.charAt(i))) i++;
  const negative = text[i] === '-';
  if (negative || text[i] === '+') i++;
  const start = i;
  while (text[i] >= '0' && text[i] <= '9') i++;
  return i === start ? null : { negative, digits: text.slice(start, i), next: i };
}

/**
 * sshd's convtime: numbers, each followed by a unit (`s`, `m`, `h`, `d`, `w`, either case) or by nothing when it is
 * the last, each read by strtol (blanks, then one sign, then decimal digits; negative refused), the total at most
 * INT_MAX seconds. The seconds, or null for a value sshd refuses. One pass over the value, whatever a host writes.
 */
function convtime(value: string): number | null {
  if (value === '') return null;
  let total = 0;
  let i = 0;
  while (i < value.length) {
    const read = signedDigits(value, i);
    if (!read) return null;
    i = read.next;
    const n = Number(read.digits);
    if (read.negative && n !== 0) return null;
    let unit = 1;
    if (i < value.length) {
      const u = value[i++].toLowerCase();
      if (!Object.hasOwn(TIME_UNITS, u)) return null;
      unit = TIME_UNITS[u];
    }
    total += n * unit;
    if (total > INTEGER_MAX) return null;
  }
  return total;
}

/** A time as `sshd -T` prints it, in seconds (`90`, `1m30s`, `1H`); a value sshd refuses as written. */
function seconds(value: string): string {
  const total = convtime(value);
  return total === null ? value : String(total);
}

const LOG_LEVEL_NAMES: Record<string, string> = { quiet: 'silent', debug: 'debug1' };

/** The largest and smallest C long, between which glibc's sscanf clamps a number before keeping its low 32 bits. */
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** A number as sscanf's `%d` reads it from `from`: C blanks, one sign, decimal digits; null when there is none. */
function scanInt(text: string, from: number): { value: number; next: number } | null {
  const read = signedDigits(text, from);
  if (!read) return null;
  const n = BigInt(read.digits) * (read.negative ? -1n : 1n);
  const long = n > LONG_MAX ? LONG_MAX : n < LONG_MIN ? LONG_MIN : n;
  return { value: Number(BigInt.asIntN(32, long)), next: read.next };
}

/**
 * MaxStartups as sshd reads it, with sscanf("%d:%d:%d"): three numbers (start ≤ full, a rate of 1 to 100), or a lone
 * start (what follows it ignored) that is also the full; both positive. Null for a value sshd refuses.
 */
function readMaxStartups(value: string): { start: number; rate?: number; full: number } | null {
  const numbers: number[] = [];
  let i = 0;
  while (numbers.length < 3 && (numbers.length === 0 || value[i++] === ':')) {
    const n = scanInt(value, i);
    if (n === null) break;
    numbers.push(n.value);
    i = n.next;
  }
  const [start, rate, full] = numbers;
  if (numbers.length === 1) return start > 0 ? { start, full: start } : null;
  if (numbers.length !== 3 || start <= 0 || start > full || rate < 1 || rate > 100) return null;
  return { start, rate, full };
}

/**
 * MaxStartups after a line, as `sshd -T` prints it (`start:rate:full`): unlike other keywords the last line wins, and
 * a lone start keeps the rate an earlier line set (30 by default). A value sshd refuses is kept as written.
 */
function maxStartupsAfter(previous: string | undefined, value: string): string {
  const spec = readMaxStartups(value);
  if (spec === null) return value;
  const rate = spec.rate ?? (previous === undefined ? undefined : readMaxStartups(previous)?.rate) ?? 30;
  return `${spec.start}:${rate}:${spec.full}`;
}

/** The canonical form of a keyword (lower-case, aliases resolved). */
export function canonicalKeyword(keyword: string): string {
  const k = keyword.toLowerCase();
  return ALIASES[k] ?? k;
}

/** The canonical form of a value, the way `sshd -T` prints it. */
export function canonicalValue(keyword: string, value: string): string {
  if (TIME_KEYWORDS.has(keyword)) return seconds(value);
  if (keyword === 'maxstartups') return maxStartupsAfter(undefined, value);
  if (INTEGER_KEYWORDS.has(keyword) && INTEGER.test(value)) return String(Number(value));
  if (ALGORITHM_LISTS.has(keyword)) return readAlgorithmList(keyword, value).effective ?? value;
  if (!LOWERCASE_VALUES.has(keyword)) return value;
  const v = value.toLowerCase();
  if (keyword === 'permitrootlogin' && v === 'without-password') return 'prohibit-password';
  // sshd -T prints a level by its first name in log.c's table (QUIET as SILENT, DEBUG1 as DEBUG): one name each here.
  if (keyword === 'loglevel' && Object.hasOwn(LOG_LEVEL_NAMES, v)) return LOG_LEVEL_NAMES[v];
  if (keyword === 'allowtcpforwarding' && v === 'all') return 'yes';
  return v;
}

/**
 * Splits the arguments as sshd's argv_split does: whitespace separates, double quotes group, a backslash escapes a
 * quote, backslash or space, and an unquoted word starting with `#` ends the line.
 */
export function splitArgs(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    if (text[i] === '#') break;
    let word = '';
    let quoted = false;
    while (i < text.length) {
      const c = text[i];
      if (!quoted && (c === ' ' || c === '\t')) break;
      if (c === '\\' && ['"', '\\', ' ', '\t'].includes(text[i + 1])) {
        word += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = !quoted;
        i++;
        continue;
      }
      word += c;
      i++;
    }
    if (quoted) return null;
    out.push(word);
  }
  return out;
}

/** The blanks sshd strips at the start of a line as it loads the file (not a form feed). */
const LEADING_BLANKS = /^[ \t\r]+/;

/** A blank sshd strips at the end of a line. */
const TRAILING_BLANK = /[ \t\f\r\n]/;

/**
 * The line without its trailing blanks, scanned back from the end: a pattern anchored at the end would try each run
 * of blanks inside the line up to its end, n² steps on a long one. sshd never strips the first character: a lone
 * form feed stays, and is read as a keyword.
 */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 1 && TRAILING_BLANK.test(line.charAt(end - 1))) end--;
  return line.slice(0, end);
}

/** What ends a token for strdelim: its blanks, a quote, an "=". */
const TOKEN_END = /[ \t\r\n"=]/;
/** The blanks strdelim skips after a token. */
const STRDELIM_BLANK = /[ \t\r\n]/;

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (STRDELIM_BLANK.test(text.charAt(i))) i++;
  return i;
}

/**
 * servconf.c's strdelim from `from`: the token up to a blank, a quote or an "="; a quote drops out and the token ends
 * at the next quote (null when there is none: sshd skips the line); the blanks after it are skipped, and one "="
 * with its blanks when the token did not end at one. `rest` is where the text after it starts.
 */
function strdelim(text: string, from: number): { token: string; rest: number } | null {
  const found = text.slice(from).search(TOKEN_END);
  if (found === -1) return { token: text.slice(from), rest: text.length };
  const i = from + found;
  if (text[i] === '"') {
    const close = text.indexOf('"', i + 1);
    if (close === -1) return null;
    return { token: text.slice(from, i) + text.slice(i + 1, close), rest: skipBlanks(text, close + 1) };
  }
  let rest = skipBlanks(text, i + 1);
  if (text[i] !== '=' && text[rest] === '=') rest = skipBlanks(text, rest + 1);
  return { token: text.slice(from, i), rest };
}

/**
 * The keyword of a line and the text of its arguments, as sshd reads them: an empty first token (a line that starts
 * with "=") gives way to the next one; no keyword, or one starting with `#`, is a line sshd skips (null).
 */
function readKeyword(line: string): { keyword: string; rest: string } | null {
  let read = strdelim(line, 0);
  if (read?.token === '') read = strdelim(line, read.rest);
  if (read === null || read.token === '' || read.token.startsWith('#')) return null;
  return { keyword: read.token, rest: line.slice(read.rest) };
}

/** Parses one file's text into lines (comments and blank lines dropped). Malformed lines are reported. */
export function parseConfigText(text: string, file: string, errors: string[] = []): ConfigLine[] {
  const lines: ConfigLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const read = readKeyword(trimTrailingBlanks(raw.replace(LEADING_BLANKS, '')));
    if (read === null) return;
    const args = splitArgs(read.rest);
    if (args === null) {
      errors.push(`${file}:${index + 1}: unbalanced quotes`);
      return;
    }
    // sshd compares keywords ignoring the case of ASCII letters only: another letter is kept for the validator.
    lines.push({ keyword: read.keyword.replace(/[A-Z]/g, (c) => c.toLowerCase()), args, file, line: index + 1 });
  });
  return lines;
}

/** The files of a configuration, by absolute path inside the host root; a path mapped to null exists but is unreadable. */
export type ConfigFiles = Map<string, string | null>;

/**
 * sshd's Include: relative paths against /etc/ssh, each glob's matches sorted, every match of every argument. sshd
 * expands them with its own glob(3) (OpenBSD's): `*`, `?`, bracket sets and backslash escapes.
 */
export function resolveInclude(args: string[], files: ConfigFiles): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const pattern = arg.startsWith('/') ? arg : `/etc/ssh/${arg}`;
    if (!/[*?[\\]/.test(pattern)) {
      if (files.has(pattern)) out.push(pattern);
      continue;
    }
    // Sorted by UTF-16 code unit, as sshd's glob sorts by byte for the ASCII names configurations use.
    out.push(...[...files.keys()].filter((p) => pathGlob(p, pattern)).sort());
  }
  return out;
}

/** glob(3) over a path: wildcards do not cross `/`, a leading `.` is matched only explicitly. */
function pathGlob(path: string, pattern: string): boolean {
  const ps = path.split('/');
  const qs = pattern.split('/');
  if (ps.length !== qs.length) return false;
  return qs.every((q, i) => {
    if (ps[i].startsWith('.') && !q.startsWith('.')) return false;
    return segmentGlob(ps[i], q);
  });
}

/** A character of a glob pattern; `quoted` when a backslash made it literal. */
interface GlobChar {
  c: string;
  quoted: boolean;
}

/** Whether a pattern character is `c` with its special meaning (not escaped). */
const is = (g: GlobChar | undefined, c: string): boolean => g !== undefined && !g.quoted && g.c === c;

/**
 * The character classes of OpenBSD's glob, in the C locale sshd runs in, as regular-expression class members. Not
 * alnum: the glob keeps a class as its index in its table, and alnum's, 0, ends the compiled pattern, so that sshd
 * matches nothing with it.
 */
const CHAR_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t-\\r ',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/**
 * The class `[:name:]` whose name starts at `start` (after `[:`), as glob reads it: up to the first `:`, which a `]`
 * must follow. Its members (undefined for a name sshd's glob matches nothing with) and the index after it; null when
 * it is no class (the `[` is then a member).
 */
function charClass(chars: GlobChar[], start: number): { members: string | undefined; next: number } | null {
  const rest = chars.slice(start);
  const colon = rest.findIndex((g) => is(g, ':'));
  if (colon < 0 || !is(rest[colon + 1], ']')) return null;
  // A backslash-escaped letter is not the letter for glob: the name is then no class's.
  const name = rest
    .slice(0, colon)
    .map((g) => (g.quoted ? `\\${g.c}` : g.c))
    .join('');
  return { members: Object.hasOwn(CHAR_CLASSES, name) ? CHAR_CLASSES[name] : undefined, next: start + colon + 2 };
}

/**
 * One path segment against one pattern segment, as OpenBSD's glob reads it: a backslash makes the next character
 * literal (a final one stands for itself); `[` opens a set only when a `]` follows its first member, which is taken
 * literally (so `[]x]` is the set of `]` and `x`); `!` first negates the set; `a-z` is a range, matching nothing when
 * written backwards; `[:digit:]` and the other classes stand for their characters, and a `]` right after one closes
 * the set.
 */
function segmentGlob(text: string, pattern: string): boolean {
  const chars: GlobChar[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\' && i + 1 < pattern.length) chars.push({ c: pattern[++i], quoted: true });
    else chars.push({ c: pattern[i], quoted: false });
  }
  const tokens: WildcardToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const g = chars[i];
    if (is(g, '*')) tokens.push('*');
    else if (is(g, '?')) tokens.push(() => true);
    else if (is(g, '[')) {
      let j = i + 1;
      const negated = is(chars[j], '!');
      if (negated) j++;
      if (j >= chars.length || !chars.slice(j + 1).some((x) => is(x, ']'))) {
        tokens.push((c) => c === '[');
        continue;
      }
      const members: string[] = [];
      let member: GlobChar | undefined = chars[j++];
      for (;;) {
        // A set left open after a class: sshd's glob reads past the pattern's end; nothing is taken to match.
        if (member === undefined) return false;
        if (is(member, '[') && is(chars[j], ':')) {
          const cls = charClass(chars, j + 1);
          if (cls !== null) {
            if (cls.members === undefined) return false;
            members.push(cls.members);
            j = cls.next;
            member = chars[j++];
            if (is(member, ']')) break;
            continue;
          }
        }
        if (is(chars[j], '-') && !is(chars[j + 1], ']')) {
          const last = chars[j + 1];
          if (member.c <= last.c) members.push(`${escapeClass(member.c)}-${escapeClass(last.c)}`);
          j += 2;
        } else members.push(escapeClass(member.c));
        member = chars[j++];
        if (is(member, ']')) break;
      }
      i = j - 1;
      // An empty set (a range written backwards) matches nothing, or any character once negated: as `[]` and `[^]` do.
      const set = new RegExp(`[${negated ? '^' : ''}${members.join('')}]`);
      tokens.push((c) => set.test(c));
    } else tokens.push((c) => c === g.c);
  }
  return wildcardMatch(text, tokens);
}

/** A character as a member of a regular-expression class. */
function escapeClass(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

interface Pass {
  /** null: the startup parse; otherwise the connection of a Match evaluation. */
  spec: ConnectionSpec | null;
  values: Map<string, string>;
  errors: string[];
}

const MAX_DEPTH = 16;
const INCLUDE_TOO_DEEP = 'Include nested too deeply';

/**
 * Keywords the checks read that sshd reads at startup only (not allowed in a Match block), as OpenSSH 9.2 has them.
 * Port, HostKey, ListenAddress and Subsystem too, which the probe reports.
 */
const STARTUP_ONLY = new Set([
  'permituserenvironment',
  'usepam',
  'logingracetime',
  'maxstartups',
  ...ALGORITHM_LISTS,
  'port',
  'hostkey',
  'listenaddress',
  'subsystem',
]);
const NOT_IN_MATCH = 'is not allowed within a Match block';
const notInMatch = (keyword: string): string => `Directive '${keyword}' ${NOT_IN_MATCH}`;

function runPass(files: ConfigFiles, main: string, pass: Pass): void {
  // A file read twice (included twice) reports its problems twice: evaluateFiles keeps each once.
  const linesOf = (path: string): ConfigLine[] | null => {
    const text = files.get(path);
    return text === undefined || text === null ? null : parseConfigText(text, path, pass.errors);
  };
  const matchOnly = pass.spec !== null;

  // matchOnly: the connection pass before this file's first Match line (servconf.c's SSHCFG_MATCH_ONLY, per file);
  // once it is over, a file included from a block that does not match is read with every Match failing.
  const walk = (
    path: string,
    depth: number,
    state: { active: boolean; neverMatch: boolean; matchOnly: boolean },
  ): void => {
    const lines = linesOf(path);
    if (lines === null) {
      pass.errors.push(`${path}: ${files.has(path) ? 'not readable' : 'missing'}`);
      return;
    }
    for (const l of lines) {
      if (l.keyword === 'match') {
        const hit = matchLine(l.args, pass.spec);
        if (hit === null) pass.errors.push(`${l.file}:${l.line}: malformed Match line`);
        state.active = state.neverMatch ? false : hit === true;
        state.matchOnly = false;
        continue;
      }
      if (l.keyword === 'include') {
        const included = resolveInclude(l.args, files);
        // sshd counts the depth of a file it reads: an Include that matches nothing is no error at any depth.
        if (included.length > 0 && depth >= MAX_DEPTH) {
          pass.errors.push(`${l.file}:${l.line}: ${INCLUDE_TOO_DEEP}`);
          continue;
        }
        const saved = state.active;
        for (const inc of included) {
          walk(inc, depth + 1, {
            active: state.active,
            neverMatch: state.neverMatch || (!state.matchOnly && !saved),
            matchOnly: state.matchOnly,
          });
        }
        state.active = saved;
        continue;
      }
      const key = canonicalKeyword(l.keyword);
      if (STARTUP_ONLY.has(key)) {
        // At startup sshd refuses such a line inside a block that does not apply (every block but Match all); for a
        // connection it keeps only what a Match block may set.
        if (!matchOnly && !state.active) pass.errors.push(`${l.file}:${l.line}: ${notInMatch(l.keyword)}`);
        if (matchOnly) continue;
      }
      if (!state.active) continue;
      if (key === 'maxstartups') {
        pass.values.set(key, maxStartupsAfter(pass.values.get(key), l.args.join(' ')));
        continue;
      }
      const value = canonicalValue(key, l.args.join(ONE_PER_ARGUMENT.has(key) || ACCESS_LISTS.has(key) ? '\n' : ' '));
      if (ACCUMULATING.has(key) || ACCESS_LISTS.has(key)) {
        const prev = pass.values.get(key);
        pass.values.set(key, prev === undefined ? value : `${prev}\n${value}`);
      } else if (!pass.values.has(key)) {
        pass.values.set(key, value);
      }
    }
  };
  walk(main, 0, { active: !matchOnly, neverMatch: false, matchOnly });
}

export interface FileEvaluation {
  context: SshdContext;
  errors: string[];
}

/**
 * The effective settings for a connection (or, with spec null, for `sshd -T` without `-C`: a connection that no
 * criterion matches), computed from the files as sshd would.
 */
export function evaluateFiles(
  files: ConfigFiles,
  main: string,
  spec: ConnectionSpec | null,
  contextName: string,
): FileEvaluation {
  const startup: Pass = { spec: null, values: new Map(), errors: [] };
  runPass(files, main, startup);
  const connection: Pass = { spec: spec ?? {}, values: new Map(), errors: [] };
  runPass(files, main, connection);

  const settings: Record<string, string> = { ...SSHD_DEFAULTS };
  const merged = new Map([...startup.values, ...connection.values]);
  for (const [key, value] of merged) settings[key] = value;
  for (const key of ALGORITHM_LISTS) {
    const v = settings[key];
    // "+x", "-x", "^x" modify the version's compiled-in default, which the files alone cannot tell; what "+" and
    // "^" add is known to be enabled, and is kept under `<key>:added`.
    if (v !== undefined && /^[+\-^]/.test(v)) {
      delete settings[key];
      if (v[0] !== '-') settings[`${key}:added`] = v.slice(1);
    }
  }
  const context: SshdContext = { context: contextName, settings };
  if (spec?.user) context.user = spec.user;
  return { context, errors: [...new Set([...startup.errors, ...connection.errors])] };
}

/** Values sshd accepts for the keywords the checks read (servconf.c multistate tables), compared case-insensitively. */
const YES_NO = ['yes', 'no'];
const ACCEPTED_VALUES: Record<string, string[]> = {
  permitrootlogin: ['yes', 'no', 'prohibit-password', 'without-password', 'forced-commands-only'],
  passwordauthentication: YES_NO,
  kbdinteractiveauthentication: YES_NO,
  pubkeyauthentication: YES_NO,
  permitemptypasswords: YES_NO,
  hostbasedauthentication: YES_NO,
  ignorerhosts: YES_NO,
  x11forwarding: YES_NO,
  usepam: YES_NO,
  gssapiauthentication: YES_NO,
  kerberosauthentication: YES_NO,
  allowtcpforwarding: ['yes', 'no', 'all', 'local', 'remote'],
  permittunnel: ['yes', 'no', 'point-to-point', 'ethernet'],
};

/** The names of log.c's levels, which sshd reads case-insensitively. */
const LOG_LEVELS = new Set([
  'quiet',
  'silent',
  'fatal',
  'error',
  'info',
  'verbose',
  'debug',
  'debug1',
  'debug2',
  'debug3',
]);

/**
 * The keywords the checks read that take exactly one argument: sshd refuses such a line with no argument, an empty
 * one, or a second one (a trailing comment is none).
 */
const SINGLE_VALUED = new Set([
  ...Object.keys(SSHD_DEFAULTS),
  ...Object.keys(ACCEPTED_VALUES),
  ...INTEGER_KEYWORDS,
  ...ALGORITHM_LISTS,
]);

/** What the file parser checks of a configuration, for the messages that say so. */
export const FILE_VALIDATION_SCOPE =
  'the arguments of the keywords the SSH checks read (algorithm names against every OpenSSH release) and of Include, quoting and Match lines, and keywords no sshd keyword can be (a character other than an ASCII letter or digit); other keywords are not checked';

/** Every sshd keyword is ASCII letters and digits: sshd refuses any other as a bad configuration option. */
const KEYWORD_CHARACTERS = /^[a-z0-9]+$/;

/**
 * The algorithm names OpenSSH releases from 7.4 on know (`ssh -Q cipher`, `ssh -Q mac`, `ssh -Q kex`), with names
 * later releases added or earlier ones removed: a name a host's release does not know is accepted here all the same,
 * as the file alone does not tell the release. sshd's error for a list that names anything else.
 */
const KNOWN_ALGORITHMS: Record<string, { names: ReadonlySet<string>; error: string }> = {
  ciphers: {
    error: 'Bad SSH2 cipher spec',
    names: new Set([
      ...['3des-cbc', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr'],
      ...['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com'],
      ...['blowfish-cbc', 'cast128-cbc', 'arcfour', 'arcfour128', 'arcfour256', 'rijndael-cbc@lysator.liu.se'],
    ]),
  },
  macs: {
    error: 'Bad SSH2 mac spec',
    names: new Set(
      [
        'hmac-sha1',
        'hmac-sha1-96',
        'hmac-sha2-256',
        'hmac-sha2-512',
        'hmac-md5',
        'hmac-md5-96',
        'umac-64',
        'umac-128',
        'hmac-ripemd160',
      ].flatMap((m) => {
        const plain = m.startsWith('umac') ? `${m}@openssh.com` : m;
        return [plain, `${m}-etm@openssh.com`, ...(m === 'hmac-ripemd160' ? ['hmac-ripemd160@openssh.com'] : [])];
      }),
    ),
  },
  kexalgorithms: {
    error: 'Bad SSH2 KexAlgorithms',
    names: new Set([
      ...['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group14-sha256'],
      ...['diffie-hellman-group16-sha512', 'diffie-hellman-group18-sha512'],
      ...['diffie-hellman-group-exchange-sha1', 'diffie-hellman-group-exchange-sha256'],
      ...['ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'ecdh-sha2-nistp521'],
      ...['curve25519-sha256', 'curve25519-sha256@libssh.org', 'sntrup4591761x25519-sha512@tinyssh.org'],
      ...['sntrup761x25519-sha512', 'sntrup761x25519-sha512@openssh.com', 'mlkem768x25519-sha256'],
    ]),
  },
};

/**
 * An algorithm list (Ciphers, MACs, KexAlgorithms) as sshd reads it. One that removes (`-`) is not checked here.
 * Otherwise, after a leading `+` or `^`: an empty list is refused, and every name up to the first empty one must be
 * one OpenSSH knows, exactly (no wildcard, case counts); sshd stops checking at an empty name (`aes128-ctr,,bogus` is
 * accepted). A whole list then keeps its known names, each once, in order: `sshd -T` prints `aes128-ctr` for it, and
 * refuses a list left with none (`,bogus`). `effective` is that list, for a whole list.
 */
function readAlgorithmList(key: string, value: string): { problem?: string; effective?: string } {
  const known = KNOWN_ALGORITHMS[key];
  if (known === undefined || value.startsWith('-')) return {};
  const whole = !value.startsWith('+') && !value.startsWith('^');
  const list = whole ? value : value.slice(1);
  const names = list.split(',');
  const end = names.indexOf('');
  const checked = end === -1 ? names : names.slice(0, end);
  if (list === '' || checked.some((n) => !known.names.has(n))) return { problem: `${known.error} '${value}'.` };
  if (!whole) return {};
  const effective = [...new Set(names.filter((n) => known.names.has(n)))].join(',');
  return effective === '' ? { problem: `assemble_algorithms: ${key}: invalid argument` } : { effective };
}

/** sshd's objection to the one value of a keyword the checks read, or null when it accepts it. */
function valueProblem(key: string, value: string): string | null {
  if (ALGORITHM_LISTS.has(key)) return readAlgorithmList(key, value).problem ?? null;
  const accepted = ACCEPTED_VALUES[key];
  if (accepted) return accepted.includes(value.toLowerCase()) ? null : `unsupported option "${value}".`;
  if (INTEGER_KEYWORDS.has(key)) {
    if (!INTEGER.test(value)) return `${key} integer value invalid.`;
    if (Number(value) < 0) return `${key} integer value too small.`;
    if (Number(value) > INTEGER_MAX) return `${key} integer value too large.`;
    return null;
  }
  if (key === 'maxstartups') return readMaxStartups(value) === null ? 'Invalid MaxStartups spec.' : null;
  if (key === 'loglevel') return LOG_LEVELS.has(value.toLowerCase()) ? null : `unsupported log level '${value}'`;
  if (TIME_KEYWORDS.has(key)) return convtime(value) === null ? 'invalid time value.' : null;
  return null;
}

/** sshd's objection to the arguments of a line (other than Match), or null when the file parser sees none. */
function argumentsProblem(key: string, args: string[]): string | null {
  if (key === 'include' || ACCESS_LISTS.has(key)) {
    if (args.length === 0) return `${key} missing argument.`;
    return args.includes('') ? `keyword ${key} empty argument` : null;
  }
  if (!SINGLE_VALUED.has(key)) return null;
  if (args.length === 0 || args[0] === '') return `${key} missing argument.`;
  return valueProblem(key, args[0]) ?? (args.length > 1 ? `keyword ${key} extra arguments at end of line` : null);
}

/** sshd's objection to a line, or null when the file parser sees none. */
function lineProblem(l: ConfigLine): string | null {
  if (!KEYWORD_CHARACTERS.test(l.keyword)) return `bad configuration option ${JSON.stringify(l.keyword)}`;
  const key = canonicalKeyword(l.keyword);
  if (key === 'match') return matchLine(l.args, null) === null ? 'malformed Match line' : null;
  return argumentsProblem(key, l.args);
}

/**
 * Errors sshd would refuse the configuration for, as far as the file parser can tell: sshd checks every line of
 * every file it reads (inside Match blocks that do not apply too), so every line is checked here; and, following
 * Includes from the main file, Includes nested too deeply (a loop) and startup-only keywords inside Match blocks.
 */
export function validateConfigFiles(files: ConfigFiles, main: string): string[] {
  const startup: Pass = { spec: null, values: new Map(), errors: [] };
  runPass(files, main, startup);
  const errors = startup.errors.filter((e) => e.endsWith(INCLUDE_TOO_DEEP) || e.endsWith(NOT_IN_MATCH));
  for (const [file, text] of files) {
    if (text === null) continue;
    for (const l of parseConfigText(text, file, errors)) {
      const problem = lineProblem(l);
      if (problem !== null) errors.push(`${file} line ${l.line}: ${problem}`);
    }
  }
  return errors;
}
