/**
 * The reachability map's output order and labels: paths sorted by source then destination (workloads by namespace,
 * name and kind, before address ranges), each group's workloads in that order, and the short label of a long list
 * of address ranges.
 */
import type { KNamespace, KWorkload } from '../facts/k8s';
import { addressesOf } from './addresses';
import { ALL_PORTS } from './ports';
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
