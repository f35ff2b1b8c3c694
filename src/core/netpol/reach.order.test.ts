/**
 * The reachability map's output order and labels: paths sorted by source then destination (workloads by namespace,
 * name and kind, before address ranges), each group's workloads in that order, and the short label of a long list
 * of address ranges.
 */
import type { KNamespace, KWorkload } from '../facts/k8s';
import { addressesOf } from './addresses';
import { ALL_PORTS, isEmpty, portSetText } from './ports';
import { computeReach, endpointLabel, pathText } from './reach';

const wl = (namespace: string, name: string, kind = 'Deployment'): KWorkload => ({
  kind,
  namespace,
  name,
  podLabels: { app: name },
  serviceAccountName: 'default',
  replicas: 1,
});
const namespaces: KNamespace[] = [
  { name: 'a', labels: {} },
  { name: 'b', labels: {} },
];

describe('ReachMap: the order of its answers', () => {
  // Written out of order: namespace, then name, then kind decide.
  const workloads = [wl('b', 'x'), wl('a', 'y', 'StatefulSet'), wl('a', 'y', 'DaemonSet'), wl('a', 'x')];
  const map = computeReach({ namespaces, workloads, policies: [] });
  const label = (w: KWorkload) => `${w.kind} ${w.namespace}/${w.name}`;
  const ORDER = ['Deployment a/x', 'DaemonSet a/y', 'StatefulSet a/y', 'Deployment b/x'];

  it('keeps the workloads of a group sorted by namespace, name and kind', () => {
    expect(map.groups).toHaveLength(1);
    expect(map.groups[0].workloads.map(label)).toEqual(ORDER);
  });

  it('sorts the paths by source, then destination, workloads before address ranges', () => {
    const paths = map.paths();
    const key = (e: (typeof paths)[number]['from']) => ('workload' in e ? label(e.workload) : endpointLabel(e));
    const pairs = paths.map((p) => `${key(p.from)} -> ${key(p.to)}`);
    const expected = [
      ...ORDER.flatMap((s) => [...ORDER.map((d) => `${s} -> ${d}`), `${s} -> anywhere (0.0.0.0/0, ::/0)`]),
      ...ORDER.map((d) => `anywhere (0.0.0.0/0, ::/0) -> ${d}`),
    ];
    expect(pairs).toEqual(expected);
    expect(map.workloadPairCount()).toBe(16);
  });
});

describe('endpointLabel and pathText', () => {
  it('names up to four address ranges, and past four the first four and how many more', () => {
    const four = addressesOf(['10.0.0.0/24', '10.0.2.0/24', '10.0.4.0/24', '10.0.6.0/24']);
    expect(endpointLabel({ addresses: four })).toBe('10.0.0.0/24, 10.0.2.0/24, 10.0.4.0/24, 10.0.6.0/24');
    const six = addressesOf([
      '10.0.0.0/24',
      '10.0.2.0/24',
      '10.0.4.0/24',
      '10.0.6.0/24',
      '10.0.8.0/24',
      '10.0.10.0/24',
    ]);
    expect(endpointLabel({ addresses: six })).toBe('10.0.0.0/24, 10.0.2.0/24, 10.0.4.0/24, 10.0.6.0/24 and 2 more');
  });

  it('writes a path as source, destination and ports', () => {
    expect(
      pathText({ from: { workload: wl('a', 'x') }, to: { addresses: addressesOf(['10.0.0.0/8']) }, ports: ALL_PORTS }),
    ).toBe('Deployment a/x -> 10.0.0.0/8: all traffic');
  });
});

describe('ReachMap: what it says cannot be known', () => {
  it('names the ipBlock setting in force', () => {
    const on = computeReach({ namespaces, workloads: [wl('a', 'x')], policies: [] }, { ipBlockMatchesPods: true });
    expect(on.unknowable()).toContain(
      'ipBlocks are taken to match pod traffic too (setting ipBlockMatchesPods): only those containing every pod address count for pods, since pod IPs are not known',
    );
    const off = computeReach({ namespaces, workloads: [wl('a', 'x')], policies: [] });
    expect(off.unknowable()).toContain(
      'ipBlocks are taken to match only addresses outside the pods (setting ipBlockMatchesPods: false); network plugins that apply them to pod traffic may allow more',
    );
    // Sorted, each note once.
    expect(off.unknowable()).toEqual([...new Set(off.unknowable())].sort());
  });

  it('says a named port allows nothing towards addresses outside the pods, and a numbered one in quotes does', () => {
    const policy = {
      namespace: 'a',
      name: 'out',
      podSelector: {},
      policyTypes: ['Egress' as const],
      egress: [{ ports: [{ port: 'http' }, { port: '8080' }] }],
    };
    const map = computeReach({ namespaces, workloads: [wl('a', 'x')], policies: [policy] });
    const external = map.external(map.groups[0], 'Egress');
    expect(external.map((e) => [endpointLabel(e), portSetText(e.ports)])).toEqual([
      ['anywhere (0.0.0.0/0, ::/0)', 'TCP/8080'],
    ]);
    expect(map.unknowable()).toContain(
      "named port http of policy a/out names no port outside the cluster's pods: it allows nothing there",
    );
    expect(map.unknowable().some((n) => n.includes('named port 8080'))).toBe(false);
  });
});

describe('ReachMap: edges of its questions', () => {
  it('allows nothing to or from a workload it does not know', () => {
    const known = wl('a', 'x');
    const map = computeReach({ namespaces, workloads: [known], policies: [] });
    expect(portSetText(map.allowed(known, known))).toBe('all traffic');
    expect(isEmpty(map.allowed(wl('a', 'ghost'), known))).toBe(true);
    expect(isEmpty(map.allowed(known, wl('a', 'ghost')))).toBe(true);
  });

  it('leaves out an ipBlock that lies wholly inside the pod ranges: no address outside the pods is in it', () => {
    const policy = {
      namespace: 'a',
      name: 'in',
      podSelector: {},
      policyTypes: ['Ingress' as const],
      ingress: [{ from: [{ ipBlock: { cidr: '10.1.0.0/16' } }] }],
    };
    const map = computeReach(
      { namespaces, workloads: [wl('a', 'x')], policies: [policy] },
      { podCidrs: ['10.0.0.0/8'] },
    );
    expect(map.external(map.groups[0], 'Ingress')).toEqual([]);
  });
});
