/**
 * How control-plane components read the flags the CIS controls name, so that a rule judges the value the component
 * runs with: the default when a flag is absent, Go's boolean spellings, admission plugin lists (enabled by default
 * or by --enable-admission-plugins, removed by --disable-admission-plugins), feature gates and numeric minimums.
 */

import { parseIp } from '../../../src/core/netpol/cidr';

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

/** A boolean flag that must be `want`; absent means `dflt`. pflag hands ParseBool the value as is, spaces and all. */
export function boolIs(flag: string, want: boolean, dflt: boolean): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const raw = f[flag];
      const value = raw === undefined ? dflt : parseBool(raw);
      if (value === undefined) {
        return {
          status: 'unknown',
          seen: `--${flag} is ${JSON.stringify(raw)}, which is not a boolean the component accepts`,
        };
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

/** The range of a Go int on the 64-bit platforms the components run on. */
const INT_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 63n);

/**
 * A whole number of at least `min`; absent fails (the benchmark asks for the flag to be set). pflag reads an int flag
 * with strconv.ParseInt(v, 0, 64): no spaces, a 64-bit range, and a leading 0, 0x, 0o or 0b picks another base, so
 * only plain decimal is judged.
 */
export function atLeast(flag: string, min: number): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const v = f[flag];
      if (v === undefined) return { status: 'fail', seen: `--${flag} is not set (at least ${min} expected)` };
      if (!/^[+-]?(0|[1-9]\d*)$/.test(v)) {
        return {
          status: 'unknown',
          seen: `--${flag} is ${JSON.stringify(v)}, which is not a plain decimal whole number (the component refuses it or reads it in another base)`,
        };
      }
      const n = BigInt(v);
      if (n > INT_MAX || n < INT_MIN) {
        return { status: 'unknown', seen: `--${flag} is ${v}, which is out of the 64-bit range the component accepts` };
      }
      return n >= BigInt(min)
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
 * An item of the plugin lists that names no admission plugin: pflag splits a list at commas without trimming, so an
 * empty item or one with spaces around it is a plugin name the API server does not know, and it refuses to start.
 */
function strayPlugin(f: Flags): string | undefined {
  for (const flag of [ENABLE, DISABLE, LEGACY]) {
    const item = f[flag] ? f[flag].split(',').find((s) => s === '' || s.trim() !== s) : undefined;
    if (item !== undefined) return `--${flag} lists ${JSON.stringify(item)}, a name no admission plugin has`;
  }
  return undefined;
}

/**
 * Whether the API server runs an admission plugin: named in --enable-admission-plugins, or on by default and not
 * named in --disable-admission-plugins; with the deprecated --admission-control, named in it. A plugin in both lists,
 * --admission-control beside either list, or an item that names no plugin makes the API server refuse to start.
 */
export function admissionPlugin(name: string, onByDefault: boolean, want: boolean): FlagPredicate {
  return {
    flags: [ENABLE, DISABLE, LEGACY],
    judge: (f) => {
      const stray = strayPlugin(f);
      if (stray) return { status: 'unknown', seen: `${stray}, which the API server refuses at start` };
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

/**
 * The first `--feature-gates` item the component refuses at start: one without `=`, without a gate name, or whose
 * value (spaces trimmed) is not a boolean. Only an empty item is skipped.
 */
function refusedGate(v: string): string | undefined {
  return v.split(',').find((item) => {
    const i = item.indexOf('=');
    return (
      item !== '' && (i < 0 || item.slice(0, i).trim() === '' || parseBool(item.slice(i + 1).trim()) === undefined)
    );
  });
}

/** A feature gate that must be `want`; absent means its default `dflt`. */
export function featureGateIs(gate: string, want: boolean, dflt: boolean): FlagPredicate {
  return {
    flags: ['feature-gates'],
    judge: (f) => {
      const given = f['feature-gates'] ?? '';
      const refused = refusedGate(given);
      if (refused !== undefined) {
        return {
          status: 'unknown',
          seen: `--feature-gates has ${JSON.stringify(refused)}, not a gate=boolean pair, which the component refuses at start`,
        };
      }
      // Recent releases also read `kube:Gate=value` (a gate of the named component); older ones refuse it.
      const prefixed = given.split(',').find((item) => item.split('=')[0].includes(':'));
      if (prefixed !== undefined) {
        return {
          status: 'unknown',
          seen: `--feature-gates has ${JSON.stringify(prefixed)}, a gate named with a component prefix, which only recent releases accept`,
        };
      }
      const raw = featureGates(given).get(gate);
      if (raw === undefined) {
        return {
          status: want === dflt ? 'pass' : 'fail',
          seen: `the ${gate} feature gate is not set in --feature-gates (defaults to ${dflt})`,
        };
      }
      return { status: parseBool(raw) === want ? 'pass' : 'fail', seen: `--feature-gates sets ${gate}=${raw}` };
    },
  };
}

/**
 * Whether an address is a loopback one as Go's IP.IsLoopback judges it (127.0.0.0/8, ::1, and 127.0.0.0/8 written
 * IPv4-mapped, ::ffff:127.0.0.1), as a bind address that keeps a port local. Brackets around it are taken off; a
 * dotted octet with a leading 0, which net.ParseIP refuses, is no address.
 */
export function isLoopback(addr: string): boolean {
  const a = addr.trim().replace(/^\[(.*)\]$/, '$1');
  if (zeroPaddedOctet(a)) return false;
  const ip = parseIp(a);
  if (ip === null) return false;
  if (ip.family === 4) return ip.value >> 24n === 127n;
  return ip.value === 1n || ip.value >> 24n === 0xffff7fn;
}

/** Whether the dotted decimal part of an address (all of it, or an IPv6 address' tail) has an octet such as `01`. */
function zeroPaddedOctet(a: string): boolean {
  const dotted = a.slice(a.lastIndexOf(':') + 1);
  return dotted.includes('.') && dotted.split('.').some((o) => /^0\d/.test(o));
}

/**
 * Whether Go's net.ParseIP, which pflag reads an IP flag with (spaces trimmed), refuses an address: in brackets, or
 * with a dotted decimal octet written with a leading 0 (in an IPv6 address' IPv4 tail too).
 */
function refusedIp(a: string): boolean {
  return a.startsWith('[') || zeroPaddedOctet(a);
}

/**
 * A bind address flag that must be loopback; absent means `dflt` (0.0.0.0 for the components' secure ports). An empty
 * value is no loopback address: pflag keeps the default for it (releases before 1.0.6 refuse it).
 */
export function loopbackBind(flag: string, dflt: string): FlagPredicate {
  return {
    flags: [flag],
    judge: (f) => {
      const v = f[flag];
      const value = (v ?? dflt).trim();
      if (refusedIp(value)) {
        return {
          status: 'unknown',
          seen: `--${flag} is ${JSON.stringify(v)}, which is not an IP address the component accepts`,
        };
      }
      return { status: isLoopback(value) ? 'pass' : 'fail', seen: shown(flag, v, dflt) };
    },
  };
}
