/**
 * One table per rule of docs/netpol.md ("Reachability"), built on the examples of the Kubernetes documentation's
 * "Network Policies" concept page (test-network-policy, the default policies, the namespace-and-pod selector
 * pitfall, endPort, the automatic namespace name label), plus host-network pods and named ports.
 */
import type { KNamespace, KNetworkPolicy, KWorkload, Labels } from '../../src/core/facts/k8s';
import { addressesOf } from '../../src/core/netpol/addresses';
import { portSetText } from '../../src/core/netpol/ports';
import { computeReach, type ReachOptions } from '../../src/core/netpol/reach';

const wl = (namespace: string, name: string, podLabels: Labels, extra: Partial<KWorkload> = {}): KWorkload => ({
  kind: 'Deployment',
  namespace,
  name,
  podLabels,
  serviceAccountName: 'default',
  replicas: 1,
  ...extra,
});
const pol = (namespace: string, name: string, spec: Omit<KNetworkPolicy, 'namespace' | 'name'>): KNetworkPolicy => ({
  namespace,
  name,
  ...spec,
});

// The concept page's cluster: a database, its frontend, a client in a namespace of project myproject.
const namespaces: KNamespace[] = [
  { name: 'default', labels: {} },
  { name: 'myproject', labels: { project: 'myproject', user: 'alice' } },
  { name: 'other', labels: { user: 'alice' } },
];
const db = wl('default', 'db', { role: 'db' });
const frontend = wl('default', 'frontend', { role: 'frontend' });
const client = wl('myproject', 'client', { role: 'client' });
const otherClient = wl('other', 'client', { role: 'client' });
const stranger = wl('default', 'stranger', { role: 'other' });
const workloads = [db, frontend, client, otherClient, stranger];

/** The concept page's `test-network-policy`, as written there. */
const testNetworkPolicy = pol('default', 'test-network-policy', {
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      from: [
        { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
        { namespaceSelector: { matchLabels: { project: 'myproject' } } },
        { podSelector: { matchLabels: { role: 'frontend' } } },
      ],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
  egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
});

function reach(policies: KNetworkPolicy[], ws: KWorkload[] = workloads, options: ReachOptions = {}) {
  const map = computeReach({ namespaces, workloads: ws, policies }, options);
  return {
    map,
    can: (from: KWorkload, to: KWorkload) => portSetText(map.allowed(from, to)),
    fromOutside: (to: KWorkload) =>
      map
        .external(map.group(to)!, 'Ingress')
        .map((e) => [
          map.connections([{ from: { addresses: e.addresses }, to: { workload: to }, ports: e.ports }])[0].from,
          portSetText(e.ports),
        ]),
    toOutside: (from: KWorkload) =>
      map
        .external(map.group(from)!, 'Egress')
        .map((e) => [
          map.connections([{ from: { workload: from }, to: { addresses: e.addresses }, ports: e.ports }])[0].to,
          portSetText(e.ports),
        ]),
  };
}

describe('Rule: default allow when no policy selects a pod for a direction', () => {
  it.each([
    ['no policy at all: everything both ways', [], 'all traffic'],
    [
      'a policy selecting other pods changes nothing',
      [pol('default', 'x', { podSelector: { matchLabels: { role: 'none' } } })],
      'all traffic',
    ],
    [
      'default-deny-ingress (concept page): nothing in',
      [pol('default', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
      'nothing',
    ],
    [
      'allow-all-ingress (concept page, `ingress: [{}]`): everything in',
      [
        pol('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
        pol('default', 'allow-all-ingress', { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] }),
      ],
      'all traffic',
    ],
    [
      'default-deny-egress (concept page): nothing out of the frontend',
      [pol('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] })],
      'nothing',
    ],
    [
      'allow-all-egress (concept page, `egress: [{}]`)',
      [
        pol('default', 'd', { podSelector: {}, policyTypes: ['Egress'] }),
        pol('default', 'allow-all-egress', { podSelector: {}, egress: [{}], policyTypes: ['Egress'] }),
      ],
      'all traffic',
    ],
    [
      'default-deny-all (concept page)',
      [pol('default', 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
      'nothing',
    ],
  ])('%s', (_, policies, want) => {
    expect(reach(policies as KNetworkPolicy[]).can(frontend, db)).toBe(want);
  });

  it('a pod isolated for egress only still accepts every source (and the other way round)', () => {
    const r = reach([
      pol('default', 'default-deny-egress', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Egress'] }),
    ]);
    expect(r.can(frontend, db)).toBe('all traffic');
    expect(r.can(db, frontend)).toBe('nothing');
    expect(r.fromOutside(db)).toEqual([[{ cidrs: ['0.0.0.0/0', '::/0'] }, 'all traffic']]);
    expect(r.toOutside(db)).toEqual([]);
  });
});

describe('Rule: both the egress side and the ingress side must allow', () => {
  it.each([
    ['ingress allows, egress of the source does not', 'TCP/6379', ['TCP/80'], 'nothing'],
    ['both allow the same port', 'TCP/6379', ['TCP/6379'], 'TCP/6379'],
    ['the intersection of what each side allows', 'TCP/6379', ['TCP/1-65535'], 'TCP/6379'],
  ])('%s', (_, __, egressPorts, want) => {
    const r = reach([
      testNetworkPolicy,
      pol('default', 'frontend-out', {
        podSelector: { matchLabels: { role: 'frontend' } },
        policyTypes: ['Egress'],
        egress: [
          {
            ports: egressPorts.map((p) => {
              const [proto, range] = p.split('/');
              const [a, b] = range.split('-').map(Number);
              return b ? { protocol: proto, port: a, endPort: b } : { protocol: proto, port: a };
            }),
          },
        ],
      }),
    ]);
    expect(r.can(frontend, db)).toBe(want);
  });
});

describe('Rule: policyTypes', () => {
  it.each<[string, Omit<KNetworkPolicy, 'namespace' | 'name'>, string, string]>([
    [
      'omitted, with egress rules: Ingress and Egress',
      { podSelector: { matchLabels: { role: 'db' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] },
      'nothing',
      'UDP/53',
    ],
    [
      'omitted, no egress rules: Ingress only',
      { podSelector: { matchLabels: { role: 'db' } } },
      'nothing',
      'all traffic',
    ],
    [
      'omitted, `egress: []`: Ingress only',
      { podSelector: { matchLabels: { role: 'db' } }, egress: [] },
      'nothing',
      'all traffic',
    ],
    [
      '[Egress] only: ingress rules are ignored',
      { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Egress'], ingress: [{}] },
      'all traffic',
      'nothing',
    ],
    [
      '[Ingress] only: egress rules are ignored',
      { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress'], egress: [{}] },
      'nothing',
      'all traffic',
    ],
  ])('%s', (_, spec, into, out) => {
    const r = reach([pol('default', 'p', spec)]);
    expect(r.can(frontend, db)).toBe(into);
    expect(r.can(db, frontend)).toBe(out);
  });
});

describe('Rule: empty selectors and absent selectors', () => {
  const only = (from: KNetworkPolicy['ingress']) =>
    reach([pol('default', 'p', { podSelector: { matchLabels: { role: 'db' } }, ingress: from })]);
  it.each<[string, KNetworkPolicy['ingress'], [KWorkload, string][]]>([
    [
      '`podSelector: {}` alone: every pod of the policy namespace, none elsewhere',
      [{ from: [{ podSelector: {} }] }],
      [
        [frontend, 'all traffic'],
        [client, 'nothing'],
      ],
    ],
    [
      '`namespaceSelector: {}` alone: every pod of every namespace',
      [{ from: [{ namespaceSelector: {} }] }],
      [
        [frontend, 'all traffic'],
        [client, 'all traffic'],
        [otherClient, 'all traffic'],
      ],
    ],
    ['a rule without `from`: every source', [{ ports: [{ port: 6379 }] }], [[client, 'TCP/6379']]],
    ['`from: []`: every source', [{ from: [] }], [[client, 'all traffic']]],
    ['`ingress: []`: nothing', [], [[frontend, 'nothing']]],
  ])('%s', (_, rules, cases) => {
    const r = only(rules);
    for (const [from, want] of cases) expect([from.namespace, r.can(from, db)]).toEqual([from.namespace, want]);
  });
});

describe('Rule: namespaceSelector and podSelector together in one peer (concept page: "and" versus "or")', () => {
  const batch = wl('myproject', 'batch', { role: 'batch' });
  const localClient = wl('default', 'local-client', { role: 'client' });
  const ws = [...workloads, batch, localClient];
  it.each<[string, NonNullable<KNetworkPolicy['ingress']>[number]['from'], string[]]>([
    [
      'one entry: pods labelled role=client in namespaces labelled user=alice',
      [{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }],
      ['myproject/client', 'other/client'],
    ],
    [
      'two entries: every pod of those namespaces, or role=client pods of the policy namespace',
      [{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }],
      ['myproject/client', 'other/client', 'myproject/batch', 'default/local-client'],
    ],
    [
      'one entry narrows: project=myproject and role=client',
      [
        {
          namespaceSelector: { matchLabels: { project: 'myproject' } },
          podSelector: { matchLabels: { role: 'client' } },
        },
      ],
      ['myproject/client'],
    ],
  ])('%s', (_, from, want) => {
    const r = reach([pol('default', 'p', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from }] })], ws);
    expect(ws.filter((w) => r.can(w, db) !== 'nothing').map((w) => `${w.namespace}/${w.name}`)).toEqual(want);
  });
});

describe('Rule: ipBlock with except (test-network-policy)', () => {
  it('admits 172.17.0.0/16 except 172.17.1.0/24 on TCP/6379, as a minimal CIDR set; egress to 10.0.0.0/24 on TCP/5978', () => {
    const r = reach([testNetworkPolicy]);
    expect(r.fromOutside(db)).toEqual([
      [
        {
          cidrs: [
            '172.17.0.0/24',
            '172.17.2.0/23',
            '172.17.4.0/22',
            '172.17.8.0/21',
            '172.17.16.0/20',
            '172.17.32.0/19',
            '172.17.64.0/18',
            '172.17.128.0/17',
          ],
        },
        'TCP/6379',
      ],
    ]);
    expect(r.toOutside(db)).toEqual([[{ cidrs: ['10.0.0.0/24'] }, 'TCP/5978']]);
    expect(r.can(frontend, db)).toBe('TCP/6379');
    expect(r.can(client, db)).toBe('TCP/6379');
    expect(r.can(stranger, db)).toBe('nothing');
    expect(r.can(db, frontend)).toBe('nothing');
  });

  it('merges overlapping blocks with different ports into disjoint sets, each with its ports', () => {
    const r = reach([
      pol('default', 'p', {
        podSelector: { matchLabels: { role: 'db' } },
        ingress: [
          { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 80 }] },
          { from: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 443 }] },
        ],
      }),
    ]);
    expect(r.fromOutside(db)).toEqual([
      [
        {
          cidrs: [
            '10.0.0.0/16',
            '10.2.0.0/15',
            '10.4.0.0/14',
            '10.8.0.0/13',
            '10.16.0.0/12',
            '10.32.0.0/11',
            '10.64.0.0/10',
            '10.128.0.0/9',
          ],
        },
        'TCP/80',
      ],
      [{ cidrs: ['10.1.0.0/16'] }, 'TCP/80, TCP/443'],
    ]);
  });

  it.each<[string, ReachOptions, string]>([
    ['default: an ipBlock never matches pods', {}, 'nothing'],
    ['ipBlockMatchesPods: 0.0.0.0/0 holds every pod address', { ipBlockMatchesPods: true }, 'TCP/8080'],
    [
      'ipBlockMatchesPods with pod ranges outside the block: no pod',
      { ipBlockMatchesPods: true, podCidrs: ['100.64.0.0/10'] },
      'TCP/8080',
    ],
  ])('the setting: %s', (_, options, want) => {
    const r = reach(
      [
        pol('default', 'p', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080 }] }],
        }),
      ],
      workloads,
      options,
    );
    expect(r.can(frontend, db)).toBe(want);
  });

  it('with pod ranges given, addresses outside the pods exclude them, and a block covering only part of them is reported', () => {
    const r = reach(
      [
        pol('default', 'p', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
        }),
      ],
      workloads,
      { ipBlockMatchesPods: true, podCidrs: ['10.244.0.0/16', '10.245.0.0/16'] },
    );
    expect(r.can(frontend, db)).toBe('all traffic');
    expect(r.fromOutside(db)[0][0]).toEqual({
      cidrs: [
        '10.0.0.0/9',
        '10.128.0.0/10',
        '10.192.0.0/11',
        '10.224.0.0/12',
        '10.240.0.0/14',
        '10.246.0.0/15',
        '10.248.0.0/13',
      ],
    });
    const partial = reach(
      [
        pol('default', 'p', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }],
        }),
      ],
      workloads,
      { ipBlockMatchesPods: true, podCidrs: ['10.244.0.0/16', '10.245.0.0/16'] },
    );
    expect(partial.can(frontend, db)).toBe('nothing');
    expect(partial.map.unknowable()).toContain(
      'ipBlock 10.244.0.0/16 of policy default/p may match some pods: pod IPs are not known, so it is counted for addresses outside the pods only',
    );
  });
});

describe('Rule: ports (protocol, port, endPort, SCTP)', () => {
  it.each<[string, NonNullable<KNetworkPolicy['ingress']>[number]['ports'], string]>([
    ['protocol defaults to TCP', [{ port: 6379 }], 'TCP/6379'],
    [
      'endPort makes a range (concept page: 32000 to 32768)',
      [{ protocol: 'TCP', port: 32000, endPort: 32768 }],
      'TCP/32000-32768',
    ],
    ['a protocol without port: every port of it', [{ protocol: 'UDP' }], 'UDP/*'],
    ['SCTP', [{ protocol: 'SCTP', port: 9899 }], 'SCTP/9899'],
    [
      'several entries add up, adjacent ranges merge',
      [{ port: 80 }, { port: 81, endPort: 90 }, { protocol: 'UDP', port: 53 }],
      'TCP/80-90, UDP/53',
    ],
  ])('%s', (_, ports, want) => {
    expect(
      reach([pol('default', 'p', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ ports }] })]).can(
        frontend,
        db,
      ),
    ).toBe(want);
  });
});

describe('Rule: named ports resolve per target container', () => {
  const named = pol('default', 'p', {
    podSelector: {},
    ingress: [{ ports: [{ port: 'http' }] }],
    policyTypes: ['Ingress'],
  });
  it('resolves on each destination (two workloads, two numbers), and to nothing where the name is not declared', () => {
    const a = wl('default', 'a', { role: 'a' }, { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] });
    const b = wl(
      'default',
      'b',
      { role: 'b' },
      {
        ports: [
          { name: 'http', containerPort: 80, protocol: 'TCP' },
          { name: 'http', containerPort: 80, protocol: 'UDP' },
        ],
      },
    );
    const c = wl('default', 'c', { role: 'c' }, { ports: [{ containerPort: 80, protocol: 'TCP' }] });
    const r = reach([named], [frontend, a, b, c]);
    expect([r.can(frontend, a), r.can(frontend, b), r.can(frontend, c)]).toEqual(['TCP/8080', 'TCP/80', 'nothing']);
  });

  it('an egress named port resolves on the destination too; unknown container ports allow nothing and are reported', () => {
    const a = wl('default', 'a', { role: 'a' }, { ports: [{ name: 'dns', containerPort: 5353, protocol: 'UDP' }] });
    const unknown = wl('default', 'u', { role: 'u' });
    const r = reach(
      [
        pol('default', 'out', {
          podSelector: { matchLabels: { role: 'frontend' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ protocol: 'UDP', port: 'dns' }] }],
        }),
      ],
      [frontend, a, unknown],
    );
    expect(r.can(frontend, a)).toBe('UDP/5353');
    expect(r.can(frontend, unknown)).toBe('nothing');
    expect(r.toOutside(frontend)).toEqual([]);
    expect(r.map.unknowable()).toContain(
      'named port UDP/dns of policy default/out cannot be resolved on Deployment default/u: its container ports are not known, so it is counted as allowing nothing',
    );
  });
});

describe('Rule: hostNetwork pods are outside policy control', () => {
  it('a host-network workload is reached by everything its peers allow out, and reaches what allows every source, as its node', () => {
    const node = wl('default', 'node-agent', { role: 'db' }, { hostNetwork: true });
    const r = reach(
      [testNetworkPolicy, pol('default', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
      [node, frontend, db],
    );
    expect(r.can(frontend, node)).toBe('nothing'); // the frontend's own egress is denied
    expect(r.can(node, frontend)).toBe('nothing'); // default deny: the node's address is not a pod
    expect(r.can(node, db)).toBe('nothing'); // podSelector role=frontend does not match a host-network pod
    expect(r.fromOutside(node)).toEqual([[{ cidrs: ['0.0.0.0/0', '::/0'] }, 'all traffic']]);
    expect(r.map.unknowable().some((n) => n.startsWith('Deployment default/node-agent runs on the host network'))).toBe(
      true,
    );
    const open = reach([], [node, frontend]);
    expect([open.can(node, frontend), open.can(frontend, node)]).toEqual(['all traffic', 'all traffic']);
  });
});

describe('Rule: pods without a running controller, namespaces without labels', () => {
  it('a bare Pod and a workload scaled to zero keep their paths (their pods get them when they run)', () => {
    const bare = wl('default', 'debug', { role: 'frontend' }, { kind: 'Pod' });
    const idle = wl('default', 'idle', { role: 'frontend' }, { replicas: 0 });
    const r = reach([testNetworkPolicy], [db, bare, idle]);
    expect([r.can(bare, db), r.can(idle, db)]).toEqual(['TCP/6379', 'TCP/6379']);
  });

  it('selects a namespace without labels by kubernetes.io/metadata.name, as the API server sets it', () => {
    const p = pol('default', 'p', {
      podSelector: { matchLabels: { role: 'db' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }] }],
    });
    const r = reach([p]);
    expect([r.can(otherClient, db), r.can(client, db)]).toEqual(['all traffic', 'nothing']);
    const unlisted = wl('ghost', 'x', {});
    expect(
      reach(
        [
          {
            ...p,
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ghost' } } }] }],
          },
        ],
        [db, unlisted],
      ).can(unlisted, db),
    ).toBe('all traffic');
  });
});

describe('Rule: what cannot be known is said in every answer', () => {
  it('names the enforcement and the ipBlock setting even for an empty cluster', () => {
    const notes = computeReach({ namespaces: [], workloads: [], policies: [] }).unknowable();
    expect(notes).toHaveLength(2);
    expect(notes.join('\n')).toMatch(/network plugin enforces NetworkPolicies/);
    expect(notes.join('\n')).toMatch(/ipBlockMatchesPods: false/);
  });

  it('keeps addresses exact (addressesOf round trip)', () => {
    expect(addressesOf(['10.0.0.0/8', '10.0.0.0/9'])).toHaveLength(1);
  });
});
