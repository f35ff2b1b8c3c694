import type { KWorkload } from '../facts/k8s';
import { addressesOf, EVERY_ADDRESS } from './addresses';
import type { PairAnswer, SideEvidence } from './peers';
import { ALL_PORTS, NO_PORTS, type PortSet } from './ports';
import type { Endpoint, Path } from './reach';
import { answerText, mapDot, mapMarkdown, mapText } from './reach-format';

function wl(namespace: string, name: string, kind = 'Deployment'): Endpoint {
  const workload: KWorkload = { kind, namespace, name, podLabels: {}, serviceAccountName: 'default', replicas: 1 };
  return { workload };
}
const web = wl('shop', 'web');
const db = wl('shop', 'db', 'StatefulSet');
const tcp80: PortSet = { TCP: [[80, 80]] };
const outside: Endpoint = { addresses: addressesOf(['10.0.0.0/8', '192.168.0.0/16']) };
const unknowable = ['the pods of hostNetwork workloads', 'Service mesh policies'];

describe('mapText', () => {
  it('lists each path with its traffic, then what cannot be known', () => {
    const paths: Path[] = [
      { from: web, to: db, ports: { TCP: [[5432, 5432]] } },
      { from: outside, to: web, ports: ALL_PORTS },
    ];
    expect(mapText(paths, unknowable)).toBe(
      [
        'Allowed traffic (2 paths):',
        '  Deployment shop/web -> StatefulSet shop/db: TCP/5432',
        '  10.0.0.0/8, 192.168.0.0/16 -> Deployment shop/web: all traffic',
        '',
        'Cannot be known from the API objects:',
        '  - the pods of hostNetwork workloads.',
        '  - Service mesh policies.',
        '',
      ].join('\n'),
    );
  });

  it('says plainly when no traffic is allowed at all', () => {
    expect(mapText([], ['x'])).toBe(
      'No traffic is allowed between any workloads or addresses.\n\nCannot be known from the API objects:\n  - x.\n',
    );
  });
});

describe('mapMarkdown', () => {
  it('renders a table with pipes in labels escaped, then the caveats as a list', () => {
    const paths: Path[] = [{ from: wl('a|b', 'x|y'), to: db, ports: tcp80 }];
    expect(mapMarkdown(paths, unknowable)).toBe(
      [
        '| From | To | Traffic |',
        '|---|---|---|',
        '| Deployment a\\|b/x\\|y | StatefulSet shop/db | TCP/80 |',
        '',
        'Cannot be known from the API objects:',
        '- the pods of hostNetwork workloads.',
        '- Service mesh policies.',
        '',
      ].join('\n'),
    );
  });

  it('keeps the header when there are no paths', () => {
    expect(mapMarkdown([], [])).toBe(
      '| From | To | Traffic |\n|---|---|---|\n\nCannot be known from the API objects:\n',
    );
  });
});

describe('mapDot', () => {
  it('clusters workloads by namespace in name order, draws addresses apart and labels edges with the traffic', () => {
    const front = wl('web"s\\x', 'ui"1');
    const paths: Path[] = [
      { from: wl('zeta', 'z'), to: web, ports: tcp80 },
      { from: front, to: db, ports: ALL_PORTS },
      { from: outside, to: wl('alpha', 'a', 'DaemonSet'), ports: { UDP: [[53, 53]], TCP: [[1, 65535]] } },
      { from: web, to: { addresses: EVERY_ADDRESS }, ports: NO_PORTS },
    ];
    expect(mapDot(paths)).toBe(
      [
        'digraph reach {',
        '  rankdir=LR;',
        '  node [shape=box, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  subgraph cluster_0 {',
        '    label="namespace alpha";',
        '    "DaemonSet/alpha/a" [label="DaemonSet\\na"];',
        '  }',
        '  subgraph cluster_1 {',
        '    label="namespace shop";',
        '    "Deployment/shop/web" [label="Deployment\\nweb"];',
        '    "StatefulSet/shop/db" [label="StatefulSet\\ndb"];',
        '  }',
        '  subgraph cluster_2 {',
        '    label="namespace web\\"s\\\\x";',
        '    "Deployment/web\\"s\\\\x/ui\\"1" [label="Deployment\\nui\\"1"];',
        '  }',
        '  subgraph cluster_3 {',
        '    label="namespace zeta";',
        '    "Deployment/zeta/z" [label="Deployment\\nz"];',
        '  }',
        '  "10.0.0.0/8,192.168.0.0/16" [label="10.0.0.0/8, 192.168.0.0/16", shape=ellipse];',
        '  "0.0.0.0/0,::/0" [label="anywhere (0.0.0.0/0, ::/0)", shape=ellipse];',
        '  "Deployment/zeta/z" -> "Deployment/shop/web" [label="TCP/80"];',
        '  "Deployment/web\\"s\\\\x/ui\\"1" -> "StatefulSet/shop/db" [label="all traffic"];',
        '  "10.0.0.0/8,192.168.0.0/16" -> "DaemonSet/alpha/a" [label="TCP/*, UDP/53"];',
        '  "Deployment/shop/web" -> "0.0.0.0/0,::/0" [label="nothing"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('draws an empty graph when there are no paths', () => {
    expect(mapDot([])).toBe(
      'digraph reach {\n  rankdir=LR;\n  node [shape=box, fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize=10];\n}\n',
    );
  });
});

describe('answerText', () => {
  const open = (direction: 'Ingress' | 'Egress', e: Endpoint): SideEvidence => ({
    direction,
    workload: 'workload' in e ? e.workload : undefined,
    hostNetwork: false,
    isolatedBy: [],
    allowedBy: [],
    ports: ALL_PORTS,
  });
  const blocked: SideEvidence = {
    direction: 'Ingress',
    workload: (db as { workload: KWorkload }).workload,
    hostNetwork: false,
    isolatedBy: ['shop/deny-all'],
    allowedBy: [],
    ports: NO_PORTS,
  };
  const pair = (from: Endpoint, to: Endpoint, allowed: PortSet, ingress?: SideEvidence): PairAnswer => ({
    from,
    to,
    allowed,
    egress: open('Egress', from),
    ingress: ingress ?? open('Ingress', to),
  });
  const q = (ports: PortSet) => ({
    from: { kind: 'namespace' as const, namespace: 'shop' },
    to: { kind: 'workload' as const, workloadKind: 'StatefulSet', namespace: 'shop', name: 'db' },
    ports,
  });

  it('answers yes for a single pair on the asked ports, without a pair count', () => {
    expect(answerText(q(tcp80), [pair(web, db, tcp80)], ['x'])).toBe(
      [
        'Can shop/* reach StatefulSet:shop/db on TCP/80? yes',
        'Deployment shop/web -> StatefulSet shop/db: yes, TCP/80',
        '    egress: Deployment shop/web is not isolated for egress (no policy selects it for Egress)',
        '    ingress: StatefulSet shop/db is not isolated for ingress (no policy selects it for Ingress)',
        '',
        'Cannot be known from the API objects:',
        '  - x.',
        '',
      ].join('\n'),
    );
  });

  it('answers no when no pair allows the traffic, and names no ports when all were asked', () => {
    expect(answerText(q(ALL_PORTS), [pair(web, db, NO_PORTS, blocked)], [], '* ')).toBe(
      [
        'Can shop/* reach StatefulSet:shop/db? no',
        'Deployment shop/web -> StatefulSet shop/db: no',
        '    egress: Deployment shop/web is not isolated for egress (no policy selects it for Egress)',
        '    ingress: blocked: StatefulSet shop/db is isolated for ingress by shop/deny-all; no rule of theirs allows traffic from Deployment shop/web',
        '',
        'Cannot be known from the API objects:',
        '',
      ].join('\n'),
    );
  });

  it('counts the pairs that are allowed when several pairs answer', () => {
    const api = wl('shop', 'api');
    const text = answerText(q(ALL_PORTS), [pair(web, db, NO_PORTS, blocked), pair(api, db, tcp80)], ['y'], '* ');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Can shop/* reach StatefulSet:shop/db? yes (1 of 2 pairs)',
      'Deployment shop/web -> StatefulSet shop/db: no',
    ]);
    expect(text).toContain('\nDeployment shop/api -> StatefulSet shop/db: yes, TCP/80\n');
    expect(text.endsWith('\n\nCannot be known from the API objects:\n* y.\n')).toBe(true);
  });

  it('counts none of several pairs when none is allowed', () => {
    const api = wl('shop', 'api');
    const text = answerText(q(tcp80), [pair(web, db, NO_PORTS), pair(api, db, NO_PORTS)], []);
    expect(text.split('\n')[0]).toBe('Can shop/* reach StatefulSet:shop/db on TCP/80? no (0 of 2 pairs)');
  });

  it('says there is nothing to answer when no workload matches', () => {
    expect(answerText(q(tcp80), [], ['x'])).toBe(
      'Can shop/* reach StatefulSet:shop/db on TCP/80? Nothing to answer: no workload matches.\n\nCannot be known from the API objects:\n  - x.\n',
    );
  });
});
