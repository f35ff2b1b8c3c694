/**
 * Reachability: which workloads, and which address ranges outside the cluster's pods, can open connections to
 * which, on which ports (docs/netpol.md). Pure, over the same facts as the NetworkPolicy analysis.
 *
 * Never pod pair by pod pair. Workloads are grouped by what the policies can tell apart: the policies that isolate
 * them per direction, the policy peers that select them, whether they run on the host network, and (only when a
 * policy names ports) their named container ports. Two workloads of one group are reached, and reach, identically.
 * Then, per group:
 *  - "wildcard" allowances (not isolated, or a rule with no peers) are grouped by value, and the product of the
 *    wildcard sources and the wildcard destinations is kept as blocks, never expanded;
 *  - specific allowances (a rule naming peers) are enumerated from the groups each peer selects.
 * The work is proportional to the groups and to what the rules select, not to the square of the workloads; the
 * pairs of workloads are produced only when asked for (connections()), and counted without being produced.
 */
import type { KContainerPort, KNetworkPolicy, KNetworkPolicyPeer, KNetworkPolicyPort, KWorkload } from '../facts/k8s';
import { selectorMatches } from '../label-selector';
import {
  type AddressSet,
  addressesOf,
  addressSetKey,
  EVERY_ADDRESS,
  intersectAddresses,
  normaliseAddresses,
  subtractAddresses,
  toCidrs,
  unionAddresses,
} from './addresses';
import {
  NetpolAnalysis as Analysis,
  type Direction,
  effectivePolicyTypes,
  type NetpolAnalysis,
  type NetpolInput,
  policyKey,
  workloadKey,
} from './analyze';
import { blockRanges } from './cidr';
import {
  ALL_PORTS,
  intersect,
  isAll,
  isEmpty,
  NO_PORTS,
  type PortSet,
  portSetKey,
  portSetText,
  rulePorts,
  type TrafficEntry,
  trafficEntries,
  union,
} from './ports';

export interface ReachOptions {
  /**
   * Whether an ipBlock also matches traffic from and to pods (the specification leaves it to the network plugin).
   * false (the default): ipBlocks match only addresses outside the cluster's pods. true: an ipBlock that contains
   * every pod address (`podCidrs`, or every address of the family when they are not given) matches every pod not on
   * the host network; one that contains only some of them is reported as unknowable (pod IPs are not in the facts).
   */
  ipBlockMatchesPods?: boolean;
  /** The pod address ranges of the cluster, when known: addresses outside the pods are the rest. */
  podCidrs?: readonly string[];
}

/** A rule of a policy, per direction, as the reachability reads it. */
interface Rule {
  policy: KNetworkPolicy;
  direction: Direction;
  index: number;
  peers: readonly KNetworkPolicyPeer[] | undefined;
  ports: readonly KNetworkPolicyPort[] | undefined;
}

/** Workloads that policies cannot tell apart. */
export interface ReachGroup {
  id: number;
  workloads: KWorkload[];
  /** Policies isolating the group, per direction (none on the host network). */
  ingress: readonly string[];
  egress: readonly string[];
  hostNetwork: boolean;
  /** The container ports named ports resolve against (the first workload's; equal within a group that needs them). */
  ports: readonly KContainerPort[] | undefined;
}

export type Endpoint = { workload: KWorkload } | { addresses: AddressSet };

/** Traffic allowed from one endpoint to another. */
export interface Path {
  from: Endpoint;
  to: Endpoint;
  ports: PortSet;
}

export type PeerJson = { workload: { kind: string; namespace: string; name: string } } | { cidrs: string[] };

export interface ConnectionJson {
  from: PeerJson;
  to: PeerJson;
  traffic: 'all' | TrafficEntry[];
}

/** Addresses outside the pods and the ports allowed from (or to) them, one entry per distinct port set. */
export interface ExternalReach {
  addresses: AddressSet;
  ports: PortSet;
}

interface Block {
  sources: ReachGroup[];
  destinations: ReachGroup[];
  ports: PortSet;
}

function sortKey(w: Pick<KWorkload, 'kind' | 'namespace' | 'name'>): string {
  return `${w.namespace}\u0000${w.name}\u0000${w.kind}`;
}

export function workloadLabel(w: Pick<KWorkload, 'kind' | 'namespace' | 'name'>): string {
  return `${w.kind} ${w.namespace}/${w.name}`;
}

function rulesOf(p: KNetworkPolicy, d: Direction): Rule[] {
  if (!effectivePolicyTypes(p).includes(d)) return [];
  return d === 'Ingress'
    ? (p.ingress ?? []).map((r, index) => ({ policy: p, direction: d, index, peers: r.from, ports: r.ports }))
    : (p.egress ?? []).map((r, index) => ({ policy: p, direction: d, index, peers: r.to, ports: r.ports }));
}

/** The inner map of `m` at `k`, created when missing. */
function inner<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}

const hasPeers = (r: Rule) => r.peers !== undefined && r.peers.length > 0;

/** The cluster's connectivity, computed once; connections() expands it into pairs. */
export class ReachMap {
  readonly analysis: NetpolAnalysis;
  readonly groups: ReachGroup[] = [];
  /** The addresses that are not pods': every address, minus the pod ranges when they are given. */
  readonly outside: AddressSet;
  private readonly groupOf = new Map<string, ReachGroup>();
  private readonly policies = new Map<string, KNetworkPolicy>();
  private readonly notes = new Set<string>();
  private readonly podMatchingBlocks = new WeakSet<KNetworkPolicyPeer>();
  private readonly podMatchingIds = new Set<number>();
  private namespaceList: string[] | undefined;
  private readonly rulesCache = new Map<string, Rule[]>();
  private readonly wildcardInCache = new Map<number, PortSet>();
  private readonly wildcardOutCache = new Map<string, PortSet>();
  private readonly namedPorts: boolean;
  /** Sources per destination group (and destinations per source) that a rule naming peers allows, with ports. */
  private readonly specificIn = new Map<number, Map<number, PortSet>>();
  private readonly specificOut = new Map<number, Map<number, PortSet>>();
  /** Pairs of groups where specific rules add to the blocks: the whole allowance of the pair. */
  private readonly pairs = new Map<number, Map<number, PortSet>>();
  private readonly blocks: Block[] = [];
  private readonly blockOf = new Map<number, Map<number, PortSet>>();
  private readonly externalCache = new Map<string, ExternalReach[]>();

  constructor(
    input: NetpolInput | NetpolAnalysis,
    readonly options: ReachOptions = {},
  ) {
    this.analysis = input instanceof Analysis ? input : new Analysis(input);
    const all = this.analysis.workloads().map((i) => i.workload);
    for (const ns of this.analysis.namespaceNames())
      for (const p of this.analysis.policiesIn(ns)) this.policies.set(policyKey(p), p);
    const podCidrs = addressesOf(options.podCidrs ?? []);
    this.outside = podCidrs.length > 0 ? subtractAddresses(EVERY_ADDRESS, podCidrs) : EVERY_ADDRESS;
    this.namedPorts = [...this.policies.values()].some((p) =>
      [...(p.ingress ?? []), ...(p.egress ?? [])].some((r) => (r.ports ?? []).some((x) => typeof x.port === 'string')),
    );
    this.noteAlways();

    // Peers: which workloads each peer of each rule selects (the inverted index), then the groups.
    const rules = [...this.policies.values()].flatMap((p) => [...rulesOf(p, 'Ingress'), ...rulesOf(p, 'Egress')]);
    // Peers written alike (the same selectors, and for a pod selector alone the same namespace) share one id: the
    // groups then tell apart only what the peers can.
    const peerIds = new Map<KNetworkPolicyPeer, number>();
    const idsByKey = new Map<string, number>();
    const entriesOf = new Map<KWorkload, number[]>();
    for (const r of rules) {
      for (const peer of r.peers ?? []) {
        if (peerIds.has(peer)) continue;
        const key = peer.ipBlock
          ? `ip\u0000${policyKey(r.policy)}\u0000${JSON.stringify(peer.ipBlock)}`
          : peer.namespaceSelector
            ? `ns\u0000${JSON.stringify(peer.namespaceSelector)}\u0000${JSON.stringify(peer.podSelector ?? null)}`
            : `pod\u0000${r.policy.namespace}\u0000${JSON.stringify(peer.podSelector ?? null)}`;
        const known = idsByKey.get(key);
        if (known !== undefined) {
          peerIds.set(peer, known);
          if (this.podMatchingIds.has(known)) this.podMatchingBlocks.add(peer);
          continue;
        }
        const id = idsByKey.size;
        idsByKey.set(key, id);
        peerIds.set(peer, id);
        const selected = this.peerWorkloads(r.policy, peer);
        if (this.podMatchingBlocks.has(peer)) this.podMatchingIds.add(id);
        for (const w of selected) {
          const list = entriesOf.get(w);
          if (list) list.push(id);
          else entriesOf.set(w, [id]);
        }
      }
    }
    const peerGroups = new Map<number, ReachGroup[]>();
    for (const w of all) {
      const iso = this.analysis.isolation(w)!;
      const hostNetwork = iso.hostNetwork;
      const entries = hostNetwork ? [] : (entriesOf.get(w) ?? []);
      const portsKey = this.namedPorts ? JSON.stringify(w.ports ?? null) : '';
      const key = `${iso.ingress.join(',')}|${iso.egress.join(',')}|${entries.join(',')}|${hostNetwork}|${portsKey}`;
      let g = this.groupOf.get(key);
      if (!g) {
        g = {
          id: this.groups.length,
          workloads: [],
          ingress: iso.ingress,
          egress: iso.egress,
          hostNetwork,
          ports: w.ports,
        };
        this.groups.push(g);
        this.groupOf.set(key, g);
        for (const e of entries) {
          const list = peerGroups.get(e);
          if (list) list.push(g);
          else peerGroups.set(e, [g]);
        }
      }
      g.workloads.push(w);
      this.groupOf.set(workloadKey(w), g);
      if (hostNetwork) {
        this.notes.add(
          `${workloadLabel(w)} runs on the host network: NetworkPolicies do not apply to it; it reaches and is reached as its node, whose addresses are not known, so ipBlocks that contain them are not counted`,
        );
      }
    }
    for (const g of this.groups) g.workloads.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));

    // Specific allowances: rules that name peers, through the groups each peer selects.
    const add = (m: Map<number, Map<number, PortSet>>, a: number, b: number, ports: PortSet) => {
      if (isEmpty(ports)) return;
      const row = inner(m, a, () => new Map<number, PortSet>());
      const prior = row.get(b);
      row.set(b, prior ? union(prior, ports) : ports);
    };
    for (const g of this.groups) {
      for (const r of this.rulesOf(g, 'Ingress')) {
        if (!hasPeers(r)) continue;
        const ports = this.portsTowards(r, g);
        for (const peer of r.peers!)
          for (const s of peerGroups.get(peerIds.get(peer)!) ?? []) add(this.specificIn, g.id, s.id, ports);
      }
      for (const r of this.rulesOf(g, 'Egress')) {
        if (!hasPeers(r)) continue;
        for (const peer of r.peers!)
          for (const d of peerGroups.get(peerIds.get(peer)!) ?? [])
            add(this.specificOut, g.id, d.id, this.portsTowards(r, d));
      }
    }

    // Blocks: wildcard sources by what they allow out, wildcard destinations by what they let in.
    const outBuckets = new Map<string, { groups: ReachGroup[]; rules: Rule[] | null }>();
    for (const g of this.groups) {
      const rules = g.egress.length === 0 ? null : this.rulesOf(g, 'Egress').filter((r) => !hasPeers(r));
      if (rules !== null && rules.length === 0) continue;
      const key = rules === null ? '*' : rules.map((r) => `${policyKey(r.policy)}#${r.index}`).join(',');
      const b = outBuckets.get(key) ?? { groups: [], rules };
      b.groups.push(g);
      outBuckets.set(key, b);
    }
    const inBuckets = new Map<string, { groups: ReachGroup[]; ports: PortSet; portsOf: ReachGroup }>();
    for (const g of this.groups) {
      const wIn = this.wildcardIn(g);
      if (isEmpty(wIn)) continue;
      const key = `${portSetKey(wIn)}|${this.namedPorts ? JSON.stringify(g.ports ?? null) : ''}`;
      const b = inBuckets.get(key) ?? { groups: [], ports: wIn, portsOf: g };
      b.groups.push(g);
      inBuckets.set(key, b);
    }
    for (const o of outBuckets.values()) {
      for (const i of inBuckets.values()) {
        const out = o.rules === null ? ALL_PORTS : union(...o.rules.map((r) => this.portsTowards(r, i.portsOf)));
        // The bucket's groups share their container ports; each is named when a named port cannot be resolved.
        if (o.rules !== null && i.portsOf.ports === undefined)
          for (const g of i.groups.slice(1)) for (const r of o.rules) this.portsTowards(r, g);
        const ports = intersect(out, i.ports);
        if (isEmpty(ports)) continue;
        this.blocks.push({ sources: o.groups, destinations: i.groups, ports });
        for (const s of o.groups) {
          const row = inner(this.blockOf, s.id, () => new Map<number, PortSet>());
          for (const d of i.groups) row.set(d.id, ports);
        }
      }
    }

    // Pairs where a specific allowance counts: (block) ∪ (wildcard out ∩ specific in) ∪ (specific out ∩ in).
    const candidates = new Map<number, Set<number>>();
    const mark = (s: number, d: number) => {
      inner(candidates, s, () => new Set<number>()).add(d);
    };
    for (const [d, sources] of this.specificIn) for (const s of sources.keys()) mark(s, d);
    for (const [s, dests] of this.specificOut) for (const d of dests.keys()) mark(s, d);
    for (const [s, dests] of candidates) {
      const src = this.groups[s];
      for (const d of dests) {
        const dst = this.groups[d];
        const block = this.blockOf.get(s)?.get(d) ?? NO_PORTS;
        const outSide = union(this.wildcardOut(src, dst), this.specificOut.get(s)?.get(d) ?? NO_PORTS);
        const inSide = union(this.wildcardIn(dst), this.specificIn.get(d)?.get(s) ?? NO_PORTS);
        const total = union(block, intersect(outSide, inSide));
        if (portSetKey(total) === portSetKey(block)) continue;
        const row = inner(this.pairs, s, () => new Map<number, PortSet>());
        row.set(d, total);
      }
    }
  }

  private noteAlways(): void {
    this.notes.add(
      "Whether the network plugin enforces NetworkPolicies at all, and whether it always admits traffic from a pod's own node",
    );
    this.notes.add(
      this.options.ipBlockMatchesPods
        ? 'ipBlocks are taken to match pod traffic too (setting ipBlockMatchesPods): only those containing every pod address count for pods, since pod IPs are not known'
        : 'ipBlocks are taken to match only addresses outside the pods (setting ipBlockMatchesPods: false); network plugins that apply them to pod traffic may allow more',
    );
  }

  /** The workloads a peer selects, as a pod peer (ipBlocks select pods only when the setting says so). */
  private peerWorkloads(policy: KNetworkPolicy, peer: KNetworkPolicyPeer): KWorkload[] {
    const a = this.analysis;
    if (peer.ipBlock) {
      if (!this.options.ipBlockMatchesPods) return [];
      const block = normaliseAddresses(blockRanges(peer.ipBlock.cidr, peer.ipBlock.except ?? []));
      const pods = this.options.podCidrs?.length ? subtractAddresses(EVERY_ADDRESS, this.outside) : null;
      const coversPods = pods
        ? subtractAddresses(pods, block).length === 0
        : [4, 6].some((f) =>
            block.some(
              (r) =>
                r.family === f &&
                r.start === 0n &&
                subtractAddresses(
                  EVERY_ADDRESS.filter((e) => e.family === f),
                  block,
                ).length === 0,
            ),
          );
      if (coversPods) {
        this.podMatchingBlocks.add(peer);
        return a
          .workloads()
          .filter((i) => !i.hostNetwork)
          .map((i) => i.workload);
      }
      const overlaps = pods ? intersectAddresses(pods, block).length > 0 : block.length > 0;
      if (overlaps)
        this.notes.add(
          `ipBlock ${peer.ipBlock.cidr} of policy ${policyKey(policy)} may match some pods: pod IPs are not known, so it is counted for addresses outside the pods only`,
        );
      return [];
    }
    if (peer.namespaceSelector) {
      const sel = peer.namespaceSelector;
      this.namespaceList ??= a.namespaceNames();
      return this.namespaceList
        .filter((ns) => selectorMatches(sel, a.namespaceLabels(ns)))
        .flatMap((ns) => a.select(ns, peer.podSelector ?? {}));
    }
    if (peer.podSelector) return a.select(policy.namespace, peer.podSelector);
    return [];
  }

  private rulesOf(g: ReachGroup, d: Direction): Rule[] {
    const key = `${d}:${g.id}`;
    const cached = this.rulesCache.get(key);
    if (cached) return cached;
    const keys = d === 'Ingress' ? g.ingress : g.egress;
    const out = keys.flatMap((k) => rulesOf(this.policies.get(k)!, d));
    this.rulesCache.set(key, out);
    return out;
  }

  /** A rule's ports towards a destination group: named ports resolve on the destination's containers. */
  private portsTowards(r: Rule, to: ReachGroup | null): PortSet {
    const out = rulePorts(r.ports, to === null ? [] : to.ports);
    for (const name of out.unresolved)
      for (const w of to?.workloads ?? [])
        this.notes.add(
          `named port ${name} of policy ${policyKey(r.policy)} cannot be resolved on ${workloadLabel(w)}: its container ports are not known, so it is counted as allowing nothing`,
        );
    if (to === null)
      for (const p of r.ports ?? [])
        if (typeof p.port === 'string' && !/^\d+$/.test(p.port))
          this.notes.add(
            `named port ${p.port} of policy ${policyKey(r.policy)} names no port outside the cluster's pods: it allows nothing there`,
          );
    return out.ports;
  }

  /** What a destination group lets in from every source: everything when not isolated, else its peerless rules. */
  private wildcardIn(g: ReachGroup): PortSet {
    if (g.ingress.length === 0) return ALL_PORTS;
    const cached = this.wildcardInCache.get(g.id);
    if (cached) return cached;
    const out = union(
      ...this.rulesOf(g, 'Ingress')
        .filter((r) => !hasPeers(r))
        .map((r) => this.portsTowards(r, g)),
    );
    this.wildcardInCache.set(g.id, out);
    return out;
  }

  private wildcardOut(g: ReachGroup, to: ReachGroup): PortSet {
    if (g.egress.length === 0) return ALL_PORTS;
    // Named ports make the answer depend on the destination's container ports, and on nothing else of it.
    const key = this.namedPorts ? `${g.id}:${to.id}` : `${g.id}`;
    const cached = this.wildcardOutCache.get(key);
    if (cached) return cached;
    const out = union(
      ...this.rulesOf(g, 'Egress')
        .filter((r) => !hasPeers(r))
        .map((r) => this.portsTowards(r, to)),
    );
    this.wildcardOutCache.set(key, out);
    return out;
  }

  /** Whether an ipBlock peer matches every pod not on the host network (ipBlockMatchesPods, a block holding them all). */
  blockMatchesEveryPod(peer: KNetworkPolicyPeer): boolean {
    return this.podMatchingBlocks.has(peer);
  }

  /** The group of a workload. */
  group(w: Pick<KWorkload, 'kind' | 'namespace' | 'name'>): ReachGroup | undefined {
    return this.groupOf.get(workloadKey(w));
  }

  /** What one group can send to another (both ends' policies applied). */
  between(from: ReachGroup, to: ReachGroup): PortSet {
    return this.pairs.get(from.id)?.get(to.id) ?? this.blockOf.get(from.id)?.get(to.id) ?? NO_PORTS;
  }

  /** What a workload can send to another. */
  allowed(from: KWorkload, to: KWorkload): PortSet {
    const a = this.group(from);
    const b = this.group(to);
    return a && b ? this.between(a, b) : NO_PORTS;
  }

  /**
   * Addresses outside the pods that can open connections to the group's pods (`ingress`), or that its pods can
   * reach (`egress`), grouped by the ports allowed; the addresses of one entry are disjoint from the others'.
   */
  external(g: ReachGroup, d: Direction): ExternalReach[] {
    const key = `${d}:${g.id}`;
    const cached = this.externalCache.get(key);
    if (cached) return cached;
    const isolating = d === 'Ingress' ? g.ingress : g.egress;
    const pieces: ExternalReach[] = [];
    if (isolating.length === 0) pieces.push({ addresses: this.outside, ports: ALL_PORTS });
    else
      for (const r of this.rulesOf(g, d)) {
        const ports = this.portsTowards(r, d === 'Ingress' ? g : null);
        if (isEmpty(ports)) continue;
        if (!hasPeers(r)) pieces.push({ addresses: this.outside, ports });
        else
          for (const peer of r.peers!)
            if (peer.ipBlock) {
              const block = normaliseAddresses(blockRanges(peer.ipBlock.cidr, peer.ipBlock.except ?? []));
              const addresses = intersectAddresses(block, this.outside);
              if (addresses.length > 0) pieces.push({ addresses, ports });
            }
      }
    const out = partition(pieces);
    this.externalCache.set(key, out);
    return out;
  }

  /** What cannot be known from the API objects, for every answer. */
  unknowable(): string[] {
    return [...this.notes].sort();
  }

  /** The number of allowed (from, to) workload pairs, counted without producing them. */
  workloadPairCount(): number {
    let n = 0;
    for (const b of this.blocks) {
      const s = b.sources.reduce((a, g) => a + g.workloads.length, 0);
      const d = b.destinations.reduce((a, g) => a + g.workloads.length, 0);
      n += s * d;
    }
    for (const [s, dests] of this.pairs)
      for (const d of dests.keys())
        if (!this.blockOf.get(s)?.has(d)) n += this.groups[s].workloads.length * this.groups[d].workloads.length;
    return n;
  }

  /** Every allowed pair of groups with its ports. */
  *groupPairs(): Generator<{ from: ReachGroup; to: ReachGroup; ports: PortSet }> {
    for (const b of this.blocks)
      for (const s of b.sources)
        for (const d of b.destinations) if (!this.pairs.get(s.id)?.has(d.id)) yield { from: s, to: d, ports: b.ports };
    for (const [s, dests] of this.pairs)
      for (const [d, ports] of dests) yield { from: this.groups[s], to: this.groups[d], ports };
  }

  /**
   * Every allowed path, sorted: workload to workload (a workload to itself included: its pods talk to each
   * other), addresses outside the pods to workloads, workloads to such addresses.
   */
  paths(): Path[] {
    const out: Path[] = [];
    for (const { from, to, ports } of this.groupPairs())
      for (const a of from.workloads)
        for (const b of to.workloads) out.push({ from: { workload: a }, to: { workload: b }, ports });
    for (const g of this.groups) {
      for (const e of this.external(g, 'Ingress'))
        for (const w of g.workloads)
          out.push({ from: { addresses: e.addresses }, to: { workload: w }, ports: e.ports });
      for (const e of this.external(g, 'Egress'))
        for (const w of g.workloads)
          out.push({ from: { workload: w }, to: { addresses: e.addresses }, ports: e.ports });
    }
    return out.sort(comparePaths);
  }

  /** The JSON form of the map: `{connections: [...]}` (docs/netpol.md, "can-reach"). */
  connections(paths: readonly Path[] = this.paths()): ConnectionJson[] {
    return paths.map(connectionJson);
  }
}

function endpointKey(e: Endpoint): string {
  return 'workload' in e ? `0${sortKey(e.workload)}` : `1${toCidrs(e.addresses).join(',')}`;
}

function comparePaths(a: Path, b: Path): number {
  const x = endpointKey(a.from);
  const y = endpointKey(b.from);
  if (x !== y) return x < y ? -1 : 1;
  const u = endpointKey(a.to);
  const v = endpointKey(b.to);
  return u < v ? -1 : u > v ? 1 : 0;
}

export function peerJson(e: Endpoint): PeerJson {
  if ('workload' in e) {
    const { kind, namespace, name } = e.workload;
    return { workload: { kind, namespace, name } };
  }
  return { cidrs: toCidrs(e.addresses) };
}

export function trafficJson(ports: PortSet): ConnectionJson['traffic'] {
  return isAll(ports) ? 'all' : trafficEntries(ports);
}

export function connectionJson(p: Path): ConnectionJson {
  return { from: peerJson(p.from), to: peerJson(p.to), traffic: trafficJson(p.ports) };
}

export function endpointLabel(e: Endpoint): string {
  if ('workload' in e) return workloadLabel(e.workload);
  const cidrs = toCidrs(e.addresses);
  const all = addressSetKey(e.addresses) === addressSetKey(EVERY_ADDRESS);
  return all
    ? 'anywhere (0.0.0.0/0, ::/0)'
    : cidrs.length > 4
      ? `${cidrs.slice(0, 4).join(', ')} and ${cidrs.length - 4} more`
      : cidrs.join(', ');
}

export function pathText(p: Path): string {
  return `${endpointLabel(p.from)} -> ${endpointLabel(p.to)}: ${portSetText(p.ports)}`;
}

/** Disjoint pieces out of overlapping ones: each address gets the union of the ports of the pieces holding it. */
export function partition(pieces: readonly ExternalReach[]): ExternalReach[] {
  if (pieces.length === 0) return [];
  if (pieces.length === 1) return [{ addresses: normaliseAddresses(pieces[0].addresses), ports: pieces[0].ports }];
  // Elementary intervals between every boundary, per family.
  const cuts = new Map<4 | 6, Set<bigint>>([
    [4, new Set()],
    [6, new Set()],
  ]);
  for (const p of pieces)
    for (const r of p.addresses) {
      cuts.get(r.family)!.add(r.start);
      cuts.get(r.family)!.add(r.end + 1n);
    }
  const byPorts = new Map<string, { ports: PortSet; ranges: AddressSet[] }>();
  for (const [family, set] of cuts) {
    const points = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i];
      const end = points[i + 1] - 1n;
      let ports = NO_PORTS;
      for (const p of pieces)
        if (p.addresses.some((r) => r.family === family && r.start <= start && r.end >= end))
          ports = union(ports, p.ports);
      if (isEmpty(ports)) continue;
      const key = portSetKey(ports);
      const entry = byPorts.get(key) ?? { ports, ranges: [] };
      entry.ranges.push([{ family, start, end }]);
      byPorts.set(key, entry);
    }
  }
  return [...byPorts.values()].map((e) => ({ addresses: unionAddresses(...e.ranges), ports: e.ports }));
}

/** Builds the reachability of a cluster. */
export function computeReach(input: NetpolInput | NetpolAnalysis, options: ReachOptions = {}): ReachMap {
  return new ReachMap(input, options);
}
