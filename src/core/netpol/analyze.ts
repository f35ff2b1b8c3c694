/**
 * The NetworkPolicy engine: pure, over cluster facts. It answers, following the Kubernetes semantics (see
 * docs/netpol-tls.md):
 *  - for every workload, whether its pods are isolated for ingress and for egress, and by which policies (a
 *    workload on the host network never is: NetworkPolicies do not apply to host-network pods);
 *  - for every namespace, whether a default deny is in force per direction (a policy selecting every pod, now and
 *    later, isolating that direction, and no policy selecting every pod that re-opens it to every source);
 *  - which rules allow every source (or every destination);
 *  - which workloads a Service sends traffic to;
 *  - whether a given source may reach a given workload (peers, ipBlocks with `except`, ports).
 *
 * Complexity: building the index is O(W·L) for W workloads with L labels each. Each policy's selector is resolved
 * through the per-namespace label index (`key=value` and `key` buckets: the smallest candidate bucket is taken,
 * then the full selector is checked on those candidates only), so a policy costs O(candidates), never a scan of
 * every pod of the cluster. Only selectors with no positive requirement (`{}`, NotIn, DoesNotExist) fall back to
 * the workloads of their own namespace, and those select (almost) all of them, so the work is proportional to the
 * output (the policy lists of each workload). Services resolve their backends through the same index.
 */
import type {
  KIPBlock,
  KNamespace,
  KNetworkPolicy,
  KNetworkPolicyPeer,
  KNetworkPolicyPort,
  KService,
  KWorkload,
  LabelSelector,
  Labels,
} from '../facts/k8s';
import { selectorMatches, selectsEverything } from '../label-selector';
import { blockRanges, type Family, fullyCoveredFamilies, ipInBlock } from './cidr';

export type Direction = 'Ingress' | 'Egress';

/** Kubernetes always sets this label on namespaces (since 1.21); manifests often omit it. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The directions a policy isolates: as written, or Ingress plus Egress when it has egress rules. */
export function effectivePolicyTypes(p: KNetworkPolicy): Direction[] {
  if (p.policyTypes && p.policyTypes.length > 0) {
    return (['Ingress', 'Egress'] as const).filter((d) => p.policyTypes!.includes(d));
  }
  return p.egress !== undefined && p.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function policyKey(p: Pick<KNetworkPolicy, 'namespace' | 'name'>): string {
  return `${p.namespace}/${p.name}`;
}

export function workloadKey(w: Pick<KWorkload, 'kind' | 'namespace' | 'name'>): string {
  return `${w.kind}/${w.namespace}/${w.name}`;
}

/** A rule of a policy that lets every source in (ingress) or every destination out (egress). */
export interface OpenRule {
  policy: string;
  direction: Direction;
  /** Index of the rule in the policy's `ingress` / `egress` list. */
  rule: number;
  /** Why: `no peers` (no `from`/`to`, or an empty list) or the ipBlocks that cover every address of a family. */
  reason: string;
  /** The ports the rule is limited to; empty means every port. */
  ports: string[];
}

export interface WorkloadIsolation {
  workload: KWorkload;
  /**
   * Policies (namespace/name) that select the workload and isolate it for ingress; empty: not isolated. Always
   * empty for a workload on the host network.
   */
  ingress: string[];
  egress: string[];
  /** The pods share their node's network namespace: NetworkPolicies do not apply to them. */
  hostNetwork: boolean;
  /** Policies whose selector picks the workload, per direction they isolate, whether or not they take effect. */
  selectedBy: { ingress: string[]; egress: string[] };
}

export interface DefaultDeny {
  /** Policies selecting every pod (`podSelector: {}`) that isolate this direction. */
  isolatingAll: string[];
  /** Rules of those policies that open every port to every source/destination again. */
  reopenedBy: OpenRule[];
  /** Running workloads of the namespace on the host network (`Kind/name`): no policy isolates them. */
  hostNetwork: string[];
  /**
   * A default deny is in force: some policy isolates every pod, none of those re-opens everything, and no running
   * workload escapes it on the host network.
   */
  inForce: boolean;
}

export interface NamespaceView {
  name: string;
  labels: Labels;
  policies: KNetworkPolicy[];
  workloads: KWorkload[];
  /** Workloads with at least one running (or desired) replica. */
  running: KWorkload[];
  defaultDeny: Record<Direction, DefaultDeny>;
}

export interface NetpolInput {
  namespaces: readonly KNamespace[];
  workloads: readonly KWorkload[];
  policies: readonly KNetworkPolicy[];
  services?: readonly KService[];
}

/** A traffic source or destination outside the workload being asked about. */
export type Peer = { kind: 'pod'; namespace: string; labels: Labels } | { kind: 'ip'; ip: string };

export interface PortQuery {
  port: number | string;
  /** Default TCP. */
  protocol?: string;
}

export interface Verdict {
  allowed: boolean;
  /** The isolating policies whose rules allowed it (empty when the workload is not isolated). */
  by: string[];
  isolated: boolean;
}

interface NsIndex {
  workloads: KWorkload[];
  byLabel: Map<string, KWorkload[]>;
  byKey: Map<string, KWorkload[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function portText(p: KNetworkPolicyPort): string {
  const proto = p.protocol ?? 'TCP';
  if (p.port === undefined) return `${proto}/*`;
  return p.endPort !== undefined ? `${proto}/${p.port}-${p.endPort}` : `${proto}/${p.port}`;
}

function portMatches(ports: readonly KNetworkPolicyPort[] | undefined, q: PortQuery | undefined): boolean {
  if (!ports || ports.length === 0 || !q) return true;
  const proto = (q.protocol ?? 'TCP').toUpperCase();
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP').toUpperCase() !== proto) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string' || typeof q.port === 'string') return String(p.port) === String(q.port);
    if (p.endPort !== undefined) return q.port >= p.port && q.port <= p.endPort;
    return q.port === p.port;
  });
}

function unselected(w: KWorkload): WorkloadIsolation {
  return {
    workload: w,
    ingress: [],
    egress: [],
    hostNetwork: w.hostNetwork === true,
    selectedBy: { ingress: [], egress: [] },
  };
}

/** Records that policy `p` selects the workload, for each direction it isolates. */
function recordSelection(iso: WorkloadIsolation, p: KNetworkPolicy): void {
  const key = policyKey(p);
  for (const d of effectivePolicyTypes(p)) {
    if (d === 'Ingress') iso.selectedBy.ingress.push(key);
    else iso.selectedBy.egress.push(key);
    if (iso.hostNetwork) continue;
    if (d === 'Ingress') iso.ingress.push(key);
    else iso.egress.push(key);
  }
}

/** The analysis of one cluster's NetworkPolicies; build once, query many times. */
export class NetpolAnalysis {
  private readonly index = new Map<string, NsIndex>();
  private readonly nsLabels = new Map<string, Labels>();
  private readonly isolationByKey = new Map<string, WorkloadIsolation>();
  private readonly policiesByNs = new Map<string, KNetworkPolicy[]>();
  private readonly views = new Map<string, NamespaceView>();

  constructor(private readonly input: NetpolInput) {
    for (const ns of input.namespaces) {
      this.nsLabels.set(ns.name, { [NAMESPACE_NAME_LABEL]: ns.name, ...ns.labels });
    }
    for (const w of input.workloads) {
      const idx = this.nsIndex(w.namespace);
      idx.workloads.push(w);
      for (const [k, v] of Object.entries(w.podLabels)) {
        push(idx.byLabel, `${k}=${v}`, w);
        push(idx.byKey, k, w);
      }
      this.isolationByKey.set(workloadKey(w), unselected(w));
    }
    // Sorted by namespace/name, so that results do not depend on the order objects arrived in (API pages, files).
    const policies = [...input.policies]
      .map((p) => ({ p, key: policyKey(p) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.p);
    for (const p of policies) {
      push(this.policiesByNs, p.namespace, p);
      for (const w of this.select(p.namespace, p.podSelector))
        recordSelection(this.isolationByKey.get(workloadKey(w))!, p);
    }
  }

  private nsIndex(ns: string): NsIndex {
    let idx = this.index.get(ns);
    if (!idx) {
      idx = { workloads: [], byLabel: new Map(), byKey: new Map() };
      this.index.set(ns, idx);
    }
    return idx;
  }

  /** Labels of a namespace (with the name label Kubernetes adds); unknown namespaces get the name label only. */
  namespaceLabels(ns: string): Labels {
    return this.nsLabels.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns };
  }

  /** The workloads of a namespace whose pod labels a selector selects, through the label index. */
  select(namespace: string, selector: LabelSelector): KWorkload[] {
    const idx = this.index.get(namespace);
    if (!idx) return [];
    let candidates: KWorkload[] = idx.workloads;
    const consider = (list: KWorkload[] | undefined) => {
      const l = list ?? [];
      if (l.length < candidates.length) candidates = l;
    };
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) consider(idx.byLabel.get(`${k}=${v}`));
    for (const r of selector.matchExpressions ?? []) {
      if (r.operator === 'Exists') consider(idx.byKey.get(r.key));
      else if (r.operator === 'In') {
        const values = [...new Set(r.values)];
        consider(values.flatMap((v) => idx.byLabel.get(`${r.key}=${v}`) ?? []));
      }
    }
    return candidates.filter((w) => selectorMatches(selector, w.podLabels));
  }

  /** Whether, and by which policies, a workload's pods are isolated. */
  isolation(w: Pick<KWorkload, 'kind' | 'namespace' | 'name'>): WorkloadIsolation | undefined {
    return this.isolationByKey.get(workloadKey(w));
  }

  /** Every workload with its isolation, in input order. */
  workloads(): WorkloadIsolation[] {
    return this.input.workloads.map((w) => this.isolationByKey.get(workloadKey(w))!);
  }

  policiesIn(namespace: string): KNetworkPolicy[] {
    return this.policiesByNs.get(namespace) ?? [];
  }

  /** Every namespace named by the namespace list, a workload or a policy, sorted by name. */
  namespaceNames(): string[] {
    const names = new Set<string>([...this.nsLabels.keys(), ...this.index.keys(), ...this.policiesByNs.keys()]);
    return [...names].sort();
  }

  /** Everything about one namespace: policies, workloads, default deny per direction. */
  namespace(name: string): NamespaceView {
    const cached = this.views.get(name);
    if (cached) return cached;
    const policies = this.policiesIn(name);
    const workloads = this.index.get(name)?.workloads ?? [];
    const running = workloads.filter((w) => w.replicas > 0);
    const hostNetwork = running.filter((w) => w.hostNetwork === true).map((w) => `${w.kind}/${w.name}`);
    const dd = (d: Direction): DefaultDeny => {
      const all = policies.filter((p) => selectsEverything(p.podSelector) && effectivePolicyTypes(p).includes(d));
      const reopenedBy = all.flatMap((p) => this.openRules(p, d)).filter((r) => r.ports.length === 0);
      return {
        isolatingAll: all.map(policyKey),
        reopenedBy,
        hostNetwork,
        inForce: all.length > 0 && reopenedBy.length === 0 && hostNetwork.length === 0,
      };
    };
    const view: NamespaceView = {
      name,
      labels: this.namespaceLabels(name),
      policies,
      workloads,
      running,
      defaultDeny: { Ingress: dd('Ingress'), Egress: dd('Egress') },
    };
    this.views.set(name, view);
    return view;
  }

  /**
   * The rules of a policy that admit every source (Ingress) or reach every destination (Egress): a rule with no
   * peers, or whose ipBlocks (minus their `except`s) cover every IPv4 or every IPv6 address. Rules of a direction
   * the policy does not isolate are ignored, as Kubernetes ignores them.
   */
  openRules(p: KNetworkPolicy, d: Direction): OpenRule[] {
    if (!effectivePolicyTypes(p).includes(d)) return [];
    const rules =
      d === 'Ingress'
        ? (p.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
        : (p.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    const out: OpenRule[] = [];
    rules.forEach((r, i) => {
      const ports = (r.ports ?? []).map(portText);
      if (!r.peers || r.peers.length === 0) {
        out.push({ policy: policyKey(p), direction: d, rule: i, reason: 'no peers', ports });
        return;
      }
      const blocks = r.peers.map((x) => x.ipBlock).filter((b): b is KIPBlock => b !== undefined);
      const families = fullyCoveredFamilies(blocks.flatMap((b) => blockRanges(b.cidr, b.except ?? [])));
      if (families.length > 0) {
        const names = families.map((f: Family) => (f === 4 ? 'every IPv4 address' : 'every IPv6 address'));
        const cidrs = blocks.map((b) => (b.except?.length ? `${b.cidr} except ${b.except.join(',')}` : b.cidr));
        out.push({
          policy: policyKey(p),
          direction: d,
          rule: i,
          reason: `ipBlock ${cidrs.join(', ')} covers ${names.join(' and ')}`,
          ports,
        });
      }
    });
    return out;
  }

  /** The workloads (running or not) of a Service's namespace that its selector picks; none without a selector. */
  serviceBackends(svc: KService): KWorkload[] {
    if (!svc.selector || Object.keys(svc.selector).length === 0) return [];
    return this.select(svc.namespace, { matchLabels: svc.selector });
  }

  private peerMatches(policyNs: string, peer: KNetworkPolicyPeer, other: Peer): boolean {
    if (peer.ipBlock) return other.kind === 'ip' && ipInBlock(other.ip, peer.ipBlock.cidr, peer.ipBlock.except ?? []);
    if (other.kind !== 'pod') return false;
    if (peer.namespaceSelector) {
      // Both in one entry: the pod must be in a selected namespace AND match the pod selector.
      if (!selectorMatches(peer.namespaceSelector, this.namespaceLabels(other.namespace))) return false;
      return peer.podSelector ? selectorMatches(peer.podSelector, other.labels) : true;
    }
    if (peer.podSelector) return other.namespace === policyNs && selectorMatches(peer.podSelector, other.labels);
    return false;
  }

  /**
   * The isolation of a workload the analysis was not built with (a pod asked about by its labels): the policies of
   * its namespace are matched against its labels, so it is never taken for unisolated just for being unknown.
   */
  private isolationOf(w: KWorkload): WorkloadIsolation {
    const known = this.isolation(w);
    if (known) return known;
    const iso = unselected(w);
    for (const p of this.policiesIn(w.namespace))
      if (selectorMatches(p.podSelector, w.podLabels)) recordSelection(iso, p);
    return iso;
  }

  private decide(w: KWorkload, d: Direction, other: Peer, port?: PortQuery): Verdict {
    const iso = this.isolationOf(w);
    const isolating = d === 'Ingress' ? iso.ingress : iso.egress;
    if (isolating.length === 0) return { allowed: true, by: [], isolated: false };
    const by: string[] = [];
    for (const p of this.policiesIn(w.namespace)) {
      if (!isolating.includes(policyKey(p))) continue;
      const rules =
        d === 'Ingress'
          ? (p.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
          : (p.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
      const ok = rules.some(
        (r) =>
          portMatches(r.ports, port) &&
          (!r.peers || r.peers.length === 0 || r.peers.some((peer) => this.peerMatches(p.namespace, peer, other))),
      );
      if (ok) by.push(policyKey(p));
    }
    return { allowed: by.length > 0, by, isolated: true };
  }

  /** Whether the workload's pods accept a connection from `source` (on `port` when given). */
  allowsIngress(to: KWorkload, source: Peer, port?: PortQuery): Verdict {
    return this.decide(to, 'Ingress', source, port);
  }

  /** Whether the workload's pods may open a connection to `destination` (on `port` when given). */
  allowsEgress(from: KWorkload, destination: Peer, port?: PortQuery): Verdict {
    return this.decide(from, 'Egress', destination, port);
  }

  /** Whether pods of `from` can connect to pods of `to`: the egress side of one and the ingress side of the other. */
  canConnect(from: KWorkload, to: KWorkload, port?: PortQuery): boolean {
    const out = this.allowsEgress(from, { kind: 'pod', namespace: to.namespace, labels: to.podLabels }, port);
    const inn = this.allowsIngress(to, { kind: 'pod', namespace: from.namespace, labels: from.podLabels }, port);
    return out.allowed && inn.allowed;
  }
}

/** Builds the analysis of a cluster's NetworkPolicies. */
export function analyzeNetworkPolicies(input: NetpolInput): NetpolAnalysis {
  return new NetpolAnalysis(input);
}
