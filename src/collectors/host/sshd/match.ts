/**
 * sshd `Match` criteria, evaluated as sshd does for `sshd -T -C user=…,host=…,addr=…`: every criterion of a line must
 * match; a pattern list matches when some positive pattern matches and no negated (`!`) pattern does.
 */
import { type WildcardToken, wildcardMatch } from './wildcard';

/** A connection spec: what `-C` gives sshd. `groups` stands for the user's group membership (from /etc/group). */
export interface ConnectionSpec {
  user?: string;
  host?: string;
  addr?: string;
  laddr?: string;
  lport?: string;
  rdomain?: string;
  groups?: string[];
}

/** Parses `user=root,host=h,addr=1.2.3.4` into a spec (unknown keys are ignored, as sshd rejects them anyway). */
export function parseSpec(text: string, groups: string[] = []): ConnectionSpec {
  const spec: ConnectionSpec = { groups };
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === 'user' || key === 'host' || key === 'addr' || key === 'laddr' || key === 'lport' || key === 'rdomain') {
      spec[key] = value;
    }
  }
  return spec;
}

/**
 * sshd's match_pattern: `*` and `?` wildcards over the whole string, every other character literal (no sets, no
 * escapes), one character a UTF-16 code unit.
 */
export function globMatch(text: string, pattern: string): boolean {
  const tokens: WildcardToken[] = [];
  for (const unit of pattern.split('')) {
    if (unit === '*') tokens.push('*');
    else if (unit === '?') tokens.push(anyCharacter);
    else tokens.push((c) => c === unit);
  }
  return wildcardMatch(text, tokens);
}

const anyCharacter = (): boolean => true;

/** sshd's match_pattern_list: 1 match, 0 no match, -1 a negated pattern matched. */
export function matchPatternList(text: string, list: string, lower = false): number {
  const subject = lower ? text.toLowerCase() : text;
  let got = 0;
  for (const raw of list.split(',')) {
    if (raw === '') continue;
    const negated = raw.startsWith('!');
    const pattern = lower ? (negated ? raw.slice(1) : raw).toLowerCase() : negated ? raw.slice(1) : raw;
    if (globMatch(subject, pattern)) {
      if (negated) return -1;
      got = 1;
    }
  }
  return got;
}

function parseIPv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | null {
  let text = s;
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves[1] ? halves[1].split(':') : [];
  const groups: number[] = [];
  for (const g of head) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    groups.push(Number.parseInt(g, 16));
  }
  const after: number[] = [];
  for (const g of rest) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    after.push(Number.parseInt(g, 16));
  }
  const fill = 8 - groups.length - after.length;
  // "::" stands for at least one group of zeros.
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const all = [...groups, ...Array(fill).fill(0), ...after];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function parseAddress(s: string): { family: 4 | 6; value: bigint } | null {
  const v4 = parseIPv4(s);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseIPv6(s);
  if (v6 !== null) return { family: 6, value: v6 };
  return null;
}

/** The address of a CIDR as sshd reads it: IPv4 in the forms of inet_aton(3), or IPv6. */
function parseNetwork(s: string): { family: 4 | 6; value: bigint } | null {
  const v4 = parseInetAton(s);
  return v4 !== null ? { family: 4, value: v4 } : parseAddress(s);
}

/** Whether `addr` is inside `cidr` (`10.0.0.0/8`, `2001:db8::/32`); null when the CIDR is malformed. */
export function cidrContains(cidr: string, addr: string): boolean | null {
  const [net, lenText] = cidr.split('/');
  const network = parseNetwork(net);
  const bits = Number(lenText);
  if (!network || !/^\d+$/.test(lenText ?? '')) return null;
  const width = network.family === 4 ? 32 : 128;
  if (bits > width) return null;
  const address = parseAddress(addr);
  if (!address || address.family !== network.family) return false;
  const shift = BigInt(width - bits);
  return address.value >> shift === network.value >> shift;
}

/**
 * An IPv4 address in the forms inet_aton(3) reads in decimal (`a.b.c.d`, `a.b.c`, `a.b`, `a`: the last part fills
 * the remaining bytes), as sshd reads the network of a CIDR; null for anything else (hex and octal parts included).
 */
function parseInetAton(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length > 4 || parts.some((p) => !/^(0|[1-9]\d*)$/.test(p))) return null;
  const values = parts.map((p) => BigInt(p));
  const lastBits = BigInt(8 * (5 - parts.length));
  if (values.slice(0, -1).some((v) => v > 255n) || values[values.length - 1] >= 1n << lastBits) return null;
  return values.slice(0, -1).reduce((acc, v, i) => acc | (v << BigInt(8 * (3 - i))), values[values.length - 1]);
}

/**
 * Whether sshd accepts an address list (its addr_match_list without an address): no entry is empty, and an entry
 * written `address/length` (a length of at most 128) whose address sshd reads names a network: a length within its
 * family, no bit set past the length. Other entries are wildcard patterns.
 */
export function addressListValid(list: string): boolean {
  for (const raw of list.split(',')) {
    const entry = raw.startsWith('!') ? raw.slice(1) : raw;
    if (entry === '') return false;
    const cidr = /^([^/]*)\/(\d+)$/.exec(entry);
    if (!cidr || Number(cidr[2]) > 128) continue;
    const network = parseNetwork(cidr[1]);
    if (!network) continue;
    const hostBits = (network.family === 4 ? 32 : 128) - Number(cidr[2]);
    if (hostBits < 0 || network.value % (1n << BigInt(hostBits)) !== 0n) return false;
  }
  return true;
}

/** sshd's a2port for a Match LocalPort value: a decimal port, or a service name (which no numeric port matches). */
function localPort(value: string): number | null {
  if (/^\d+$/.test(value)) return Number(value) <= 65535 ? Number(value) : null;
  return /^[A-Za-z][A-Za-z0-9-]*$/.test(value) ? Number.NaN : null;
}

/** sshd's addr_match_list: CIDR entries and wildcard patterns, with negation. */
export function matchAddressList(addr: string, list: string): number {
  let got = 0;
  for (const raw of list.split(',')) {
    if (raw === '') continue;
    const negated = raw.startsWith('!');
    const entry = negated ? raw.slice(1) : raw;
    const hit = entry.includes('/') ? cidrContains(entry, addr) === true : globMatch(addr, entry);
    if (hit) {
      if (negated) return -1;
      got = 1;
    }
  }
  return got;
}

/**
 * Evaluates the arguments of one `Match` line for a connection. `spec` null is sshd's startup parse (no
 * connection: only `all` matches). Returns null for a malformed line.
 */
export function matchLine(args: string[], spec: ConnectionSpec | null): boolean | null {
  if (args.length === 0) return null;
  if (args[0].toLowerCase() === 'all') return args.length === 1 ? true : null;
  let result = true;
  for (let i = 0; i < args.length; i += 2) {
    const criterion = args[i].toLowerCase();
    const value = args[i + 1];
    if (value === undefined) return null;
    switch (criterion) {
      case 'user':
        if (!spec?.user || matchPatternList(spec.user, value) !== 1) result = false;
        break;
      case 'group': {
        if (!spec?.user) {
          result = false;
          break;
        }
        const groups = spec.groups ?? [];
        // sshd's ga_match_pattern_list: a negated group that matches vetoes the whole list.
        let got = 0;
        for (const g of groups) {
          const r = matchPatternList(g, value);
          if (r === -1) {
            got = -1;
            break;
          }
          if (r === 1) got = 1;
        }
        if (got !== 1) result = false;
        break;
      }
      case 'host':
        if (!spec?.host || matchPatternList(spec.host, value, true) !== 1) result = false;
        break;
      case 'address':
        if (!addressListValid(value)) return null;
        if (!spec?.addr || matchAddressList(spec.addr, value) !== 1) result = false;
        break;
      case 'localaddress':
        if (!addressListValid(value)) return null;
        if (!spec?.laddr || matchAddressList(spec.laddr, value) !== 1) result = false;
        break;
      case 'localport': {
        const port = localPort(value);
        if (port === null) return null;
        if (!spec?.lport || Number(spec.lport) !== port) result = false;
        break;
      }
      case 'rdomain':
        if (!spec?.rdomain || matchPatternList(spec.rdomain, value) !== 1) result = false;
        break;
      default:
        return null;
    }
  }
  return result;
}
