/**
 * Port sets for reachability: per protocol (TCP, UDP, SCTP), sorted disjoint ranges of 1..65535. Named ports are
 * resolved against the destination's container ports (the pods a connection arrives at), as Kubernetes resolves
 * them per target pod; a name the destination does not declare matches nothing.
 */
import type { KContainerPort, KNetworkPolicyPort } from '../facts/k8s';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MAX_PORT = 65_535;

/** An inclusive range of ports. */
export type PortRange = readonly [number, number];

/** Allowed ports per protocol; a protocol that is absent allows nothing. */
export type PortSet = Readonly<Partial<Record<Protocol, readonly PortRange[]>>>;

export const NO_PORTS: PortSet = {};
export const ALL_PORTS: PortSet = { TCP: [[1, MAX_PORT]], UDP: [[1, MAX_PORT]], SCTP: [[1, MAX_PORT]] };

function normalise(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges
    .map(([a, b]): PortRange => [Math.max(1, a), Math.min(MAX_PORT, b)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    // Adjacent ranges merge too (80-81 and 82 give 80-82): the set, not the way it was written, is what is compared.
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function build(parts: Partial<Record<Protocol, PortRange[]>>): PortSet {
  const out: Partial<Record<Protocol, readonly PortRange[]>> = {};
  for (const p of PROTOCOLS) {
    const r = normalise(parts[p] ?? []);
    if (r.length > 0) out[p] = r;
  }
  return out;
}

export function isEmpty(s: PortSet): boolean {
  return PROTOCOLS.every((p) => (s[p]?.length ?? 0) === 0);
}

export function isAll(s: PortSet): boolean {
  return PROTOCOLS.every((p) => s[p]?.length === 1 && s[p]![0][0] === 1 && s[p]![0][1] === MAX_PORT);
}

export function union(...sets: readonly PortSet[]): PortSet {
  const parts: Partial<Record<Protocol, PortRange[]>> = {};
  for (const p of PROTOCOLS) parts[p] = sets.flatMap((s) => s[p] ?? []);
  return build(parts);
}

export function intersect(a: PortSet, b: PortSet): PortSet {
  const parts: Partial<Record<Protocol, PortRange[]>> = {};
  for (const p of PROTOCOLS) {
    const x = a[p] ?? [];
    const y = b[p] ?? [];
    const out: PortRange[] = [];
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      const lo = Math.max(x[i][0], y[j][0]);
      const hi = Math.min(x[i][1], y[j][1]);
      if (lo <= hi) out.push([lo, hi]);
      if (x[i][1] < y[j][1]) i++;
      else j++;
    }
    if (out.length > 0) parts[p] = out;
  }
  return build(parts);
}

/** `a` minus `b`. */
export function subtract(a: PortSet, b: PortSet): PortSet {
  const parts: Partial<Record<Protocol, PortRange[]>> = {};
  for (const p of PROTOCOLS) {
    let rest: PortRange[] = [...(a[p] ?? [])];
    for (const [lo, hi] of b[p] ?? []) {
      rest = rest.flatMap(([x, y]): PortRange[] => {
        if (hi < x || lo > y) return [[x, y]];
        const keep: PortRange[] = [];
        if (lo > x) keep.push([x, lo - 1]);
        if (hi < y) keep.push([hi + 1, y]);
        return keep;
      });
    }
    if (rest.length > 0) parts[p] = rest;
  }
  return build(parts);
}

export function equals(a: PortSet, b: PortSet): boolean {
  return portSetKey(a) === portSetKey(b);
}

/** A canonical text of the set: equal sets give equal keys. */
export function portSetKey(s: PortSet): string {
  return PROTOCOLS.map((p) => `${p}:${(s[p] ?? []).map(([a, b]) => `${a}-${b}`).join(',')}`).join(';');
}

export function protocolOf(text: string | undefined): Protocol | undefined {
  const p = (text ?? 'TCP').toUpperCase();
  return (PROTOCOLS as readonly string[]).includes(p) ? (p as Protocol) : undefined;
}

/** What a rule's `ports` allow towards a destination, and the named ports that could not be resolved there. */
export interface RulePorts {
  ports: PortSet;
  /** Named ports (`TCP/http`) the destination's container ports do not resolve, because they are not known. */
  unresolved: string[];
}

/**
 * The ports a rule's `ports` list allows towards a destination whose containers declare `target` (undefined: not
 * known). No list, or an empty one, allows every port of every protocol. A port entry without `port` allows every
 * port of its protocol; `endPort` makes a range; a named port becomes the container ports of that name and
 * protocol (several containers may declare it).
 */
export function rulePorts(
  ports: readonly KNetworkPolicyPort[] | undefined,
  target: readonly KContainerPort[] | undefined,
): RulePorts {
  if (!ports || ports.length === 0) return { ports: ALL_PORTS, unresolved: [] };
  const parts: Partial<Record<Protocol, PortRange[]>> = {};
  const unresolved: string[] = [];
  for (const p of ports) {
    const proto = protocolOf(p.protocol);
    if (!proto) continue;
    const list = parts[proto] ?? [];
    parts[proto] = list;
    if (p.port === undefined) list.push([1, MAX_PORT]);
    else if (typeof p.port === 'number') list.push([p.port, p.endPort !== undefined ? p.endPort : p.port]);
    else if (/^\d+$/.test(p.port)) list.push([Number(p.port), p.endPort ?? Number(p.port)]);
    else if (target === undefined) unresolved.push(`${proto}/${p.port}`);
    else
      for (const c of target)
        if (c.name === p.port && protocolOf(c.protocol) === proto) list.push([c.containerPort, c.containerPort]);
  }
  return { ports: build(parts), unresolved };
}

/** A port query (`TCP/5432`, `udp/53`, `5432`, `TCP/8000-8080`) as a set; throws on anything else. */
export function parsePortQuery(text: string): PortSet {
  const m = /^(?:(tcp|udp|sctp)\/)?(\d{1,5})(?:-(\d{1,5}))?$/i.exec(text.trim());
  if (!m) throw new Error(`"${text.slice(0, 40)}" is not a port: give PROTO/PORT, such as TCP/5432 or UDP/53`);
  const proto = (m[1] ?? 'TCP').toUpperCase() as Protocol;
  const lo = Number(m[2]);
  const hi = m[3] !== undefined ? Number(m[3]) : lo;
  if (lo < 1 || hi > MAX_PORT || hi < lo) throw new Error(`"${text.slice(0, 40)}": ports go from 1 to ${MAX_PORT}`);
  return { [proto]: [[lo, hi]] };
}

/** Entries of the JSON form: one per range, `endPort` only for ranges. */
export interface TrafficEntry {
  protocol: Protocol;
  port: number;
  endPort?: number;
}

export function trafficEntries(s: PortSet): TrafficEntry[] {
  return PROTOCOLS.flatMap((p) =>
    (s[p] ?? []).map(
      ([a, b]): TrafficEntry => (a === b ? { protocol: p, port: a } : { protocol: p, port: a, endPort: b }),
    ),
  );
}

/** `all`, or `TCP/80, TCP/8000-8080, UDP/53` (a whole protocol is `TCP/*`). */
export function portSetText(s: PortSet): string {
  if (isAll(s)) return 'all traffic';
  if (isEmpty(s)) return 'nothing';
  return PROTOCOLS.flatMap((p) =>
    (s[p] ?? []).map(([a, b]) => (a === 1 && b === MAX_PORT ? `${p}/*` : a === b ? `${p}/${a}` : `${p}/${a}-${b}`)),
  ).join(', ');
}
