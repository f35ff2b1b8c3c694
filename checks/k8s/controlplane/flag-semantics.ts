/**
 * How control-plane components read the flags the CIS controls name, so that a rule judges the value the component
 * runs with: the default when a flag is absent, Go's boolean spellings, admission plugin lists (enabled by default
 * or by --enable-admission-plugins, removed by --disable-admission-plugins), feature gates and numeric minimums.
 */

export type Flags = Record<string, string>;

/** A rule's judgement of one instance: `seen` is a sentence fragment naming the flag and what it is. */
export interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  seen: string;
}

/** What a flag rule needs: the flags it reads (kept as evidence) and how it judges them. */
export interface FlagPredicate {
  flags: readonly string[];
  judge(flags: Flags): Verdict;
}

/** Go's strconv.ParseBool, which pflag uses for boolean flags; undefined for a value the component refuses. */
export function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function shown(flag: string, v: string | undefined, dflt: string): string {
  return v === undefined ? `--${flag} is not set (defaults to ${dflt})` : `--${flag} is ${v === '' ? 'empty' : v}`;
}

/** A boolean flag that must be `want`; absent means `dflt`. */
export function boolIs(flag: string, want: boolean, dflt: boolean): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const raw = f[flag];
      const value = raw === undefined ? dflt : parseBool(raw.trim());
      if (value === undefined) {
        return { status: 'unknown', seen: `--${flag} is ${raw}, which is not a boolean the component accepts` };
      }
      return { status: value === want ? 'pass' : 'fail', seen: shown(flag, raw, String(dflt)) };
    },
  };
}

/** A flag that must be given a non-empty value (a path, for the file flags). */
export function isSet(flag: string): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const v = f[flag];
      if (v === undefined || v.trim() === '')
        return { status: 'fail', seen: `--${flag} is ${v === undefined ? 'not set' : 'empty'}` };
      return { status: 'pass', seen: `--${flag} is ${v}` };
    },
  };
}

/** A whole decimal number of at least `min`; absent fails (the benchmark asks for the flag to be set). */
export function atLeast(flag: string, min: number): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const v = f[flag];
      if (v === undefined) return { status: 'fail', seen: `--${flag} is not set (at least ${min} expected)` };
      if (!/^\s*[+-]?\d+\s*$/.test(v)) {
        return { status: 'unknown', seen: `--${flag} is ${v}, which is not a whole number the component accepts` };
      }
      const n = Number.parseInt(v, 10);
      return n >= min
        ? { status: 'pass', seen: `--${flag} is ${n} (at least ${min})` }
        : { status: 'fail', seen: `--${flag} is ${n}, below ${min}` };
    },
  };
}

/** A comma-separated list flag as its items. */
export function listOf(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const ENABLE = 'enable-admission-plugins';
const DISABLE = 'disable-admission-plugins';
/** The deprecated flag: when given, its list is exactly the plugins that run (the defaults no longer apply). */
const LEGACY = 'admission-control';

/**
 * Whether the API server runs an admission plugin: named in --enable-admission-plugins, or on by default and not
 * named in --disable-admission-plugins; with the deprecated --admission-control, named in it. A plugin in both lists,
 * or --admission-control beside either list, makes the API server refuse to start.
 */
export function admissionPlugin(name: string, onByDefault: boolean, want: boolean): FlagPredicate {
  return {
    flags: [ENABLE, DISABLE, LEGACY],
    judge: (f) => {
      if (f[LEGACY] !== undefined) {
        if (f[ENABLE] !== undefined || f[DISABLE] !== undefined) {
          return {
            status: 'unknown',
            seen: `--${LEGACY} is given beside --${ENABLE} or --${DISABLE}, which the API server refuses at start`,
          };
        }
        const on = listOf(f[LEGACY]).includes(name);
        const seen = `the ${name} admission plugin is ${on ? 'enabled (in' : 'disabled (not in'} --${LEGACY}, which replaces the defaults)`;
        return { status: on === want ? 'pass' : 'fail', seen };
      }
      const enabled = listOf(f[ENABLE]).includes(name);
      const disabled = listOf(f[DISABLE]).includes(name);
      if (enabled && disabled) {
        return {
          status: 'unknown',
          seen: `${name} is in both --${ENABLE} and --${DISABLE}, which the API server refuses at start`,
        };
      }
      const on = enabled || (onByDefault && !disabled);
      const why = enabled
        ? `in --${ENABLE}`
        : disabled
          ? `in --${DISABLE}`
          : `${onByDefault ? 'on' : 'off'} by default, in neither --${ENABLE} nor --${DISABLE}`;
      const seen = `the ${name} admission plugin is ${on ? 'enabled' : 'disabled'} (${why})`;
      return { status: on === want ? 'pass' : 'fail', seen };
    },
  };
}

/** `--feature-gates=A=true,B=false` as a map; later entries win, as the component parses it. */
export function featureGates(v: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of listOf(v)) {
    const i = item.indexOf('=');
    if (i > 0) out.set(item.slice(0, i).trim(), item.slice(i + 1).trim());
  }
  return out;
}

/** A feature gate that must be `want`; absent means its default `dflt`. */
export function featureGateIs(gate: string, want: boolean, dflt: boolean): FlagPredicate {
  return {
    flags: ['feature-gates'],
    judge: (f) => {
      const raw = featureGates(f['feature-gates']).get(gate);
      if (raw === undefined) {
        return {
          status: want === dflt ? 'pass' : 'fail',
          seen: `the ${gate} feature gate is not set in --feature-gates (defaults to ${dflt})`,
        };
      }
      const value = parseBool(raw);
      if (value === undefined) return { status: 'unknown', seen: `--feature-gates sets ${gate}=${raw}, not a boolean` };
      return { status: value === want ? 'pass' : 'fail', seen: `--feature-gates sets ${gate}=${raw}` };
    },
  };
}

/** Whether an address is a loopback one (127.0.0.0/8, ::1), as a bind address that keeps a port local. */
export function isLoopback(addr: string): boolean {
  const a = addr.trim().replace(/^\[(.*)\]$/, '$1');
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a)) return a.split('.').every((o) => Number(o) <= 255);
  return a === '::1' || a === '0:0:0:0:0:0:0:1';
}

/** A bind address flag that must be loopback; absent means `dflt` (0.0.0.0 for the components' secure ports). */
export function loopbackBind(flag: string, dflt: string): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const v = f[flag];
      const value = v ?? dflt;
      return { status: isLoopback(value) ? 'pass' : 'fail', seen: shown(flag, v, dflt) };
    },
  };
}
