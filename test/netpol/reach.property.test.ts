/**
 * The reachability map against a brute-force evaluation, pod by pod and port by port, written from the
 * Kubernetes rules directly (nothing shared with the engine but the facts' types): on random small clusters, every
 * pair of workloads and every address outside the pods gets exactly the ports the brute force allows.
 */
import fc from 'fast-check';
import type {
  KContainerPort,
  KNamespace,
  KNetworkPolicy,
  KNetworkPolicyPeer,
  KNetworkPolicyPort,
  KWorkload,
  LabelSelector,
  Labels,
} from '../../src/core/facts/k8s';
import { answerReach } from '../../src/core/netpol/peers';
import { portSetKey } from '../../src/core/netpol/ports';
import { computeReach } from '../../src/core/netpol/reach';

const PROTOS = ['TCP', 'UDP', 'SCTP'] as const;

// --- brute force -------------------------------------------------------------------------------------------------

function matches(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = k(labels, e.key);
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
const k = (labels: Labels, key: string) => Object.hasOwn(labels, key);

function types(p: KNetworkPolicy): string[] {
  if (p.policyTypes && p.policyTypes.length > 0) return p.policyTypes;
  return (p.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function ipv4(text: string): number {
  return text.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}
function inCidr(ip: number, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipv4(base) / size) * size;
  return ip >= start && ip < start + size;
}

type Target = { pod: KWorkload } | { ip: number };

function portOk(ports: KNetworkPolicyPort[] | undefined, proto: string, port: number, dest: Target): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== proto) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return port >= p.port && port <= (p.endPort ?? p.port);
    if (!('pod' in dest)) return false;
    return (dest.pod.ports ?? []).some((c) => c.name === p.port && c.protocol === proto && c.containerPort === port);
  });
}

/** With ipBlockMatchesPods and no pod ranges given, only a block holding every IPv4 address is known to hold a pod. */
let blocksMatchPods = false;

function peerOk(peer: KNetworkPolicyPeer, policyNs: string, other: Target, nsLabels: Map<string, Labels>): boolean {
  if (peer.ipBlock) {
    if (!('ip' in other)) {
      const everything = peer.ipBlock.cidr === '0.0.0.0/0' && (peer.ipBlock.except ?? []).length === 0;
      return blocksMatchPods && everything && !other.pod.hostNetwork;
    }
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(other.ip, e));
  }
  if (!('pod' in other) || other.pod.hostNetwork) return false;
  if (peer.namespaceSelector) {
    const labels = nsLabels.get(other.pod.namespace) ?? { 'kubernetes.io/metadata.name': other.pod.namespace };
    if (!matches(peer.namespaceSelector, labels)) return false;
    return peer.podSelector ? matches(peer.podSelector, other.pod.podLabels) : true;
  }
  return !!peer.podSelector && other.pod.namespace === policyNs && matches(peer.podSelector, other.pod.podLabels);
}

/** Whether `self`'s own policies let it send to (Egress) or receive from (Ingress) `other`. */
function side(
  self: KWorkload,
  dir: 'Ingress' | 'Egress',
  other: Target,
  proto: string,
  port: number,
  policies: KNetworkPolicy[],
  nsLabels: Map<string, Labels>,
): boolean {
  if (self.hostNetwork) return true;
  const isolating = policies.filter(
    (p) => p.namespace === self.namespace && matches(p.podSelector, self.podLabels) && types(p).includes(dir),
  );
  if (isolating.length === 0) return true;
  const dest: Target = dir === 'Ingress' ? { pod: self } : other;
  return isolating.some((p) =>
    (dir === 'Ingress'
      ? (p.ingress ?? []).map((r) => [r.from, r.ports] as const)
      : (p.egress ?? []).map((r) => [r.to, r.ports] as const)
    ).some(
      ([peers, ports]) =>
        portOk(ports, proto, port, dest) &&
        (!peers || peers.length === 0 || peers.some((x) => peerOk(x, p.namespace, other, nsLabels))),
    ),
  );
}

// --- random clusters ---------------------------------------------------------------------------------------------

const NAMESPACES = ['a', 'b', 'c'];
const labelsArb = fc.record(
  { app: fc.constantFrom('web', 'db'), tier: fc.constantFrom('x', 'y') },
  { requiredKeys: [] },
) as fc.Arbitrary<Labels>;
const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: labelsArb }),
  fc.record({
    matchExpressions: fc.array(
      fc.record({
        key: fc.constantFrom('app', 'tier', 'team'),
        operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist') as fc.Arbitrary<
          'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
        >,
        values: fc.subarray(['web', 'db', 'x', 't1']),
      }),
      { maxLength: 2 },
    ),
  }),
);
const CIDRS = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/24', '0.0.0.0/1', '128.0.0.0/1'];
const peerArb: fc.Arbitrary<KNetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }),
  fc.record({
    ipBlock: fc.record(
      { cidr: fc.constantFrom(...CIDRS), except: fc.subarray(['10.1.0.0/16', '10.1.2.0/24', '192.168.0.128/25']) },
      { requiredKeys: ['cidr'] },
    ),
  }),
);
const portArb: fc.Arbitrary<KNetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }, { requiredKeys: [] }),
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 443, 8080) },
    { requiredKeys: ['port'] },
  ),
  fc
    .record({ port: fc.constantFrom(80, 8000), span: fc.constantFrom(0, 5, 100) })
    .map(({ port, span }) => ({ port, endPort: port + span })),
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom('http', 'dns') },
    { requiredKeys: ['port'] },
  ),
);
const ruleParts = fc.record(
  {
    peers: fc.option(fc.array(peerArb, { maxLength: 2 }), { nil: undefined }),
    ports: fc.option(fc.array(portArb, { maxLength: 2 }), { nil: undefined }),
  },
  { requiredKeys: [] },
);
const policyArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: selectorArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[]), { nil: undefined }),
  ingress: fc.option(fc.array(ruleParts, { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleParts, { maxLength: 2 }), { nil: undefined }),
});
const containerPortsArb: fc.Arbitrary<KContainerPort[] | undefined> = fc.option(
  fc.array(
    fc.record(
      {
        name: fc.constantFrom('http', 'dns'),
        containerPort: fc.constantFrom(53, 80, 81, 8080),
        protocol: fc.constantFrom('TCP', 'UDP'),
      },
      { requiredKeys: ['containerPort', 'protocol'] },
    ),
    { maxLength: 3 },
  ),
  { nil: undefined },
);
const workloadArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podLabels: labelsArb,
  ports: containerPortsArb,
  /** 0: on the host network (one workload in ten). */
  host: fc.integer({ min: 0, max: 9 }),
});
const clusterArb = fc.record({
  namespaceLabels: fc.array(fc.option(fc.record({ team: fc.constantFrom('t1', 't2') }), { nil: undefined }), {
    minLength: 3,
    maxLength: 3,
  }),
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 6 }),
  policies: fc.array(policyArb, { maxLength: 5 }),
});

function build(c: fc.RecordValue<typeof clusterArb extends fc.Arbitrary<infer T> ? T : never>) {
  const namespaces: KNamespace[] = NAMESPACES.map((name, i) => ({ name, labels: c.namespaceLabels[i] ?? {} }));
  const workloads: KWorkload[] = c.workloads.map((w, i) => ({
    kind: 'Deployment',
    namespace: w.namespace,
    name: `w${i}`,
    podLabels: w.podLabels,
    serviceAccountName: 'default',
    replicas: 1,
    ...(w.host === 0 ? { hostNetwork: true } : {}),
    ...(w.ports ? { ports: w.ports } : {}),
  }));
  const policies: KNetworkPolicy[] = c.policies.map((p, i) => ({
    namespace: p.namespace,
    name: `p${i}`,
    podSelector: p.podSelector,
    ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}),
    ...(p.ingress
      ? {
          ingress: p.ingress.map((r) => ({
            ...(r.peers ? { from: r.peers } : {}),
            ...(r.ports ? { ports: r.ports } : {}),
          })),
        }
      : {}),
    ...(p.egress
      ? {
          egress: p.egress.map((r) => ({
            ...(r.peers ? { to: r.peers } : {}),
            ...(r.ports ? { ports: r.ports } : {}),
          })),
        }
      : {}),
  }));
  return { namespaces, workloads, policies };
}

/** Every port where the allowed set can change: each port named anywhere, its neighbours, and the ends. */
const PROBE_PORTS = [
  ...new Set([
    1, 2, 52, 53, 54, 79, 80, 81, 82, 84, 85, 86, 180, 181, 442, 443, 444, 7999, 8000, 8001, 8005, 8006, 8079, 8080,
    8081, 8100, 8101, 65534, 65535,
  ]),
];
const PROBE_IPS = [
  '0.0.0.0',
  '9.255.255.255',
  '10.0.0.0',
  '10.0.255.255',
  '10.1.0.0',
  '10.1.1.255',
  '10.1.2.0',
  '10.1.2.255',
  '10.1.3.0',
  '10.1.255.255',
  '10.2.0.0',
  '10.255.255.255',
  '11.0.0.0',
  '127.255.255.255',
  '128.0.0.0',
  '192.167.255.255',
  '192.168.0.0',
  '192.168.0.127',
  '192.168.0.128',
  '192.168.0.255',
  '192.168.1.0',
  '255.255.255.255',
];

function contains(set: Partial<Record<string, readonly (readonly [number, number])[]>>, proto: string, port: number) {
  return (set[proto] ?? []).some(([a, b]) => port >= a && port <= b);
}

describe('Property: the reachability map equals the pod-by-pod brute force', () => {
  afterEach(() => {
    blocksMatchPods = false;
  });

  it.each([
    ['ipBlocks match addresses outside the pods only (the default)', false],
    ['ipBlocks match pods too (ipBlockMatchesPods)', true],
  ])(
    'on random small clusters, %s: every workload pair, every probe port, and addresses outside the pods both ways',
    (_, matchPods) => {
      blocksMatchPods = matchPods;
      fc.assert(
        fc.property(clusterArb, (raw) => {
          const { namespaces, workloads, policies } = build(raw);
          const nsLabels = new Map(
            namespaces.map((n) => [n.name, { 'kubernetes.io/metadata.name': n.name, ...n.labels }]),
          );
          const map = computeReach({ namespaces, workloads, policies }, { ipBlockMatchesPods: matchPods });
          let pairs = 0;
          for (const s of workloads)
            for (const d of workloads) {
              const got = map.allowed(s, d);
              let any = false;
              for (const proto of PROTOS)
                for (const port of PROBE_PORTS) {
                  const want =
                    side(s, 'Egress', { pod: d }, proto, port, policies, nsLabels) &&
                    side(d, 'Ingress', { pod: s }, proto, port, policies, nsLabels);
                  any ||= want;
                  if (contains(got, proto, port) !== want)
                    throw new Error(`${s.name} -> ${d.name} ${proto}/${port}: map ${!want}, brute force ${want}`);
                }
              if (any) pairs++;
              // The one-question answer (with its evidence) agrees with the map.
              const [one] = answerReach(
                map,
                { kind: 'workload', namespace: s.namespace, name: s.name },
                { kind: 'workload', namespace: d.namespace, name: d.name },
              );
              expect(portSetKey(one.allowed)).toBe(portSetKey(got));
            }
          expect(map.workloadPairCount()).toBe(pairs);
          expect(map.paths().filter((p) => 'workload' in p.from && 'workload' in p.to)).toHaveLength(pairs);
          for (const w of workloads) {
            const g = map.group(w)!;
            for (const [dir, list] of [
              ['Ingress', map.external(g, 'Ingress')],
              ['Egress', map.external(g, 'Egress')],
            ] as const)
              for (const text of PROBE_IPS) {
                const ip = ipv4(text);
                const piece = list.find((e) =>
                  e.addresses.some((r) => r.family === 4 && BigInt(ip) >= r.start && BigInt(ip) <= r.end),
                );
                for (const proto of PROTOS)
                  for (const port of PROBE_PORTS) {
                    const want = side(w, dir, { ip }, proto, port, policies, nsLabels);
                    const got = piece ? contains(piece.ports, proto, port) : false;
                    if (got !== want)
                      throw new Error(`${dir} ${w.name} ${text} ${proto}/${port}: map ${got}, brute force ${want}`);
                  }
              }
          }
        }),
        { numRuns: 120 },
      );
    },
  );
});
