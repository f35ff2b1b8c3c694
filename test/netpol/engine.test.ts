import type { KNamespace, KNetworkPolicy, KWorkload, LabelSelector, Labels } from '../../src/core/facts/k8s';
import {
  analyzeNetworkPolicies,
  blockRanges,
  effectivePolicyTypes,
  fullyCoveredFamilies,
  ipInBlock,
  type Peer,
  parseCidr,
  selectorMatches,
} from '../../src/core/netpol';

const w = (namespace: string, name: string, podLabels: Labels, replicas = 1): KWorkload => ({
  kind: 'Deployment',
  namespace,
  name,
  podLabels,
  serviceAccountName: 'default',
  replicas,
});
const np = (namespace: string, name: string, spec: Omit<KNetworkPolicy, 'namespace' | 'name'>): KNetworkPolicy => ({
  namespace,
  name,
  ...spec,
});
const pod = (namespace: string, labels: Labels): Peer => ({ kind: 'pod', namespace, labels });
const ip = (addr: string): Peer => ({ kind: 'ip', ip: addr });

const namespaces: KNamespace[] = [
  { name: 'shop', labels: { team: 'shop', env: 'prod' } },
  { name: 'monitoring', labels: { team: 'ops', env: 'prod' } },
  { name: 'dev', labels: { team: 'shop', env: 'dev' } },
  { name: 'empty', labels: {} },
];

describe('Function: selectorMatches', () => {
  it.each<[string, LabelSelector, Labels, boolean]>([
    ['{} selects pods with labels', {}, { app: 'web' }, true],
    ['{} selects pods without labels', {}, {}, true],
    ['matchLabels needs every pair', { matchLabels: { app: 'web', tier: 'front' } }, { app: 'web' }, false],
    ['matchLabels matches a superset', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'front' }, true],
    [
      'In matches one of the values',
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'web'] }] },
      { app: 'web' },
      true,
    ],
    ['In fails on a missing key', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, {}, false],
    [
      'NotIn rejects a listed value',
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      { app: 'web' },
      false,
    ],
    [
      'NotIn accepts a missing key',
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      {},
      true,
    ],
    ['Exists needs the key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { app: '' }, true],
    ['Exists fails without the key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { other: 'x' }, false],
    [
      'DoesNotExist fails with the key',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      { app: 'x' },
      false,
    ],
    [
      'DoesNotExist accepts pods without labels',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      {},
      true,
    ],
    [
      'matchLabels and matchExpressions are ANDed',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      { app: 'web', env: 'dev' },
      false,
    ],
    [
      'a label named like an Object method is not inherited',
      { matchExpressions: [{ key: 'toString', operator: 'Exists' }] },
      {},
      false,
    ],
  ])('%s', (_name, selector, labels, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('Function: effectivePolicyTypes', () => {
  it.each<[string, Omit<KNetworkPolicy, 'namespace' | 'name'>, string[]]>([
    ['omitted policyTypes, no egress rules: Ingress only', { podSelector: {}, ingress: [{}] }, ['Ingress']],
    ['omitted policyTypes, no rules at all: Ingress only', { podSelector: {} }, ['Ingress']],
    ['omitted policyTypes, empty egress list: Ingress only', { podSelector: {}, egress: [] }, ['Ingress']],
    [
      'omitted policyTypes with egress rules: Ingress and Egress',
      { podSelector: {}, egress: [{}] },
      ['Ingress', 'Egress'],
    ],
    ['explicit Egress only', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }, ['Egress']],
    ['explicit both', { podSelector: {}, policyTypes: ['Egress', 'Ingress'] }, ['Ingress', 'Egress']],
  ])('%s', (_name, spec, expected) => {
    expect(effectivePolicyTypes(np('ns', 'p', spec))).toEqual(expected);
  });
});

interface IsolationCase {
  name: string;
  workloads: KWorkload[];
  policies: KNetworkPolicy[];
  /** workload name -> [ingress policies, egress policies] */
  expected: Record<string, [string[], string[]]>;
}

describe('Class: NetpolAnalysis', () => {
  describe('Method: isolation', () => {
    const web = w('shop', 'web', { app: 'web', tier: 'front' });
    const db = w('shop', 'db', { app: 'db', tier: 'back' });
    const bare = w('shop', 'bare', {});
    // Policy lists are sorted by namespace/name, whatever order the policies came in.
    it.each<IsolationCase>([
      {
        name: 'nothing is isolated without policies',
        workloads: [web, db],
        policies: [],
        expected: { web: [[], []], db: [[], []] },
      },
      {
        name: 'omitted policyTypes without egress rules isolates ingress only',
        workloads: [web],
        policies: [np('shop', 'p', { podSelector: {}, ingress: [{}] })],
        expected: { web: [['shop/p'], []] },
      },
      {
        name: 'omitted policyTypes with egress rules isolates both directions',
        workloads: [web],
        policies: [np('shop', 'p', { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] })],
        expected: { web: [['shop/p'], ['shop/p']] },
      },
      {
        name: 'podSelector {} selects every pod of the namespace, pods without labels too',
        workloads: [web, db, bare],
        policies: [np('shop', 'all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
        expected: {
          web: [['shop/all'], ['shop/all']],
          db: [['shop/all'], ['shop/all']],
          bare: [['shop/all'], ['shop/all']],
        },
      },
      {
        name: 'matchExpressions In / NotIn / Exists / DoesNotExist select the right workloads',
        workloads: [web, db, bare],
        policies: [
          np('shop', 'in', {
            podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'x'] }] },
          }),
          np('shop', 'notin', {
            podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] },
          }),
          np('shop', 'exists', { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }),
          np('shop', 'absent', { podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } }),
        ],
        expected: {
          web: [['shop/exists', 'shop/in'], []],
          db: [['shop/exists', 'shop/notin'], []],
          bare: [['shop/absent', 'shop/notin'], []],
        },
      },
      {
        name: 'pods without labels are not selected by a label selector',
        workloads: [bare],
        policies: [np('shop', 'web', { podSelector: { matchLabels: { app: 'web' } } })],
        expected: { bare: [[], []] },
      },
      {
        name: 'several policies add up (one for ingress, one for egress, one more for ingress)',
        workloads: [web, db],
        policies: [
          np('shop', 'ing-web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] }),
          np('shop', 'eg-all', { podSelector: {}, policyTypes: ['Egress'] }),
          np('shop', 'ing-front', { podSelector: { matchLabels: { tier: 'front' } } }),
        ],
        expected: { web: [['shop/ing-front', 'shop/ing-web'], ['shop/eg-all']], db: [[], ['shop/eg-all']] },
      },
      {
        name: 'a workload on the host network is never isolated, whatever selects it',
        workloads: [{ ...web, name: 'agent', hostNetwork: true }, db],
        policies: [np('shop', 'all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
        expected: { agent: [[], []], db: [['shop/all'], ['shop/all']] },
      },
      {
        name: 'a policy in another namespace does not apply',
        workloads: [web, w('dev', 'web', { app: 'web' })],
        policies: [np('dev', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
        expected: { web: [[], []] },
      },
    ])('$name', ({ workloads, policies, expected }) => {
      const a = analyzeNetworkPolicies({ namespaces, workloads, policies });
      for (const [name, [ingress, egress]] of Object.entries(expected)) {
        const iso = a.isolation({ kind: 'Deployment', namespace: 'shop', name });
        expect(iso).toBeDefined();
        expect({ name, ingress: iso!.ingress, egress: iso!.egress }).toEqual({ name, ingress, egress });
      }
    });
  });

  describe('Method: allowsIngress', () => {
    const api = w('shop', 'api', { app: 'api' });
    const deny = np('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const cases: [string, KNetworkPolicy[], Peer, boolean][] = [
      ['allows everything when nothing isolates the pod', [], pod('dev', { app: 'x' }), true],
      ['denies everything under a default deny with no rules', [deny], pod('shop', { app: 'web' }), false],
      [
        'namespaceSelector AND podSelector in one entry: the right pod in the wrong namespace is denied',
        [
          np('shop', 'p', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: { matchLabels: { team: 'ops' } },
                    podSelector: { matchLabels: { app: 'prom' } },
                  },
                ],
              },
            ],
          }),
        ],
        pod('dev', { app: 'prom' }),
        false,
      ],
      [
        'namespaceSelector AND podSelector in one entry: the wrong pod in the right namespace is denied',
        [
          np('shop', 'p', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: { matchLabels: { team: 'ops' } },
                    podSelector: { matchLabels: { app: 'prom' } },
                  },
                ],
              },
            ],
          }),
        ],
        pod('monitoring', { app: 'grafana' }),
        false,
      ],
      [
        'namespaceSelector AND podSelector in one entry: the right pod in the right namespace is allowed',
        [
          np('shop', 'p', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: { matchLabels: { team: 'ops' } },
                    podSelector: { matchLabels: { app: 'prom' } },
                  },
                ],
              },
            ],
          }),
        ],
        pod('monitoring', { app: 'prom' }),
        true,
      ],
      [
        'separate entries mean either: any pod of the selected namespace is allowed',
        [
          np('shop', 'p', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [
              {
                from: [
                  { namespaceSelector: { matchLabels: { team: 'ops' } } },
                  { podSelector: { matchLabels: { app: 'prom' } } },
                ],
              },
            ],
          }),
        ],
        pod('monitoring', { app: 'grafana' }),
        true,
      ],
      [
        'separate entries mean either: a podSelector alone only matches pods of the policy namespace',
        [
          np('shop', 'p', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [
              {
                from: [
                  { namespaceSelector: { matchLabels: { team: 'ops' } } },
                  { podSelector: { matchLabels: { app: 'prom' } } },
                ],
              },
            ],
          }),
        ],
        pod('dev', { app: 'prom' }),
        false,
      ],
      [
        'separate entries mean either: the podSelector entry allows a same-namespace pod',
        [
          np('shop', 'p', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [
              {
                from: [
                  { namespaceSelector: { matchLabels: { team: 'ops' } } },
                  { podSelector: { matchLabels: { app: 'prom' } } },
                ],
              },
            ],
          }),
        ],
        pod('shop', { app: 'prom' }),
        true,
      ],
      [
        'namespaceSelector matches the kubernetes.io/metadata.name label Kubernetes sets',
        [
          np('shop', 'p', {
            podSelector: {},
            ingress: [
              { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] },
            ],
          }),
        ],
        pod('monitoring', {}),
        true,
      ],
      [
        'ipBlock 0.0.0.0/0 with except: an address inside the except is denied',
        [
          np('shop', 'p', {
            podSelector: {},
            ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }] }],
          }),
        ],
        ip('10.1.2.3'),
        false,
      ],
      [
        'ipBlock 0.0.0.0/0 with except: the metadata address in the except is denied',
        [
          np('shop', 'p', {
            podSelector: {},
            ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }] }],
          }),
        ],
        ip('169.254.169.254'),
        false,
      ],
      [
        'ipBlock 0.0.0.0/0 with except: an address outside the except is allowed',
        [
          np('shop', 'p', {
            podSelector: {},
            ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
          }),
        ],
        ip('203.0.113.7'),
        true,
      ],
      [
        'an IPv4 block does not match an IPv6 source',
        [np('shop', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })],
        ip('2001:db8::1'),
        false,
      ],
      [
        'several policies add up: a default deny plus an allow lets the allowed peer in',
        [
          deny,
          np('shop', 'allow-web', {
            podSelector: { matchLabels: { app: 'api' } },
            ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
          }),
        ],
        pod('shop', { app: 'web' }),
        true,
      ],
      [
        'a policy in another namespace does not open the pod',
        [deny, np('dev', 'allow-all', { podSelector: {}, ingress: [{}] })],
        pod('dev', { app: 'x' }),
        false,
      ],
    ];
    it.each(cases)('%s', (_name, policies, source, allowed) => {
      const a = analyzeNetworkPolicies({ namespaces, workloads: [api], policies });
      expect(a.allowsIngress(api, source).allowed).toBe(allowed);
    });

    it('honours ports and protocols: TCP 8080 allowed, TCP 9090 and UDP 8080 denied', () => {
      const a = analyzeNetworkPolicies({
        namespaces,
        workloads: [api],
        policies: [np('shop', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }] })],
      });
      const src = pod('dev', {});
      expect(a.allowsIngress(api, src, { port: 8080 }).allowed).toBe(true);
      expect(a.allowsIngress(api, src, { port: 9090 }).allowed).toBe(false);
      expect(a.allowsIngress(api, src, { port: 8080, protocol: 'UDP' }).allowed).toBe(false);
    });
  });

  describe('Method: canConnect', () => {
    it('needs both the egress of the source and the ingress of the destination', () => {
      const web = w('shop', 'web', { app: 'web' });
      const db = w('shop', 'db', { app: 'db' });
      const ingressOnly = np('shop', 'db-from-web', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      });
      const denyEgress = np('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
      expect(
        analyzeNetworkPolicies({ namespaces, workloads: [web, db], policies: [ingressOnly] }).canConnect(web, db),
      ).toBe(true);
      expect(
        analyzeNetworkPolicies({ namespaces, workloads: [web, db], policies: [ingressOnly] }).canConnect(db, web),
      ).toBe(true);
      const both = analyzeNetworkPolicies({ namespaces, workloads: [web, db], policies: [ingressOnly, denyEgress] });
      expect(both.canConnect(web, db)).toBe(false);
    });
  });

  describe('Method: namespace', () => {
    it('reports a namespace with no pods as having no running workloads and no default deny', () => {
      const a = analyzeNetworkPolicies({ namespaces, workloads: [], policies: [] });
      const view = a.namespace('empty');
      expect(view.running).toEqual([]);
      expect(view.defaultDeny.Ingress.inForce).toBe(false);
      expect(a.namespaceNames()).toEqual(['dev', 'empty', 'monitoring', 'shop']);
    });

    it('detects a default deny only from podSelector {} policies, per direction', () => {
      const a = analyzeNetworkPolicies({
        namespaces,
        workloads: [w('shop', 'web', { app: 'web' })],
        policies: [
          np('shop', 'deny-in', { podSelector: {} }),
          np('shop', 'web-egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] }),
        ],
      });
      const view = a.namespace('shop');
      expect(view.defaultDeny.Ingress).toEqual({
        isolatingAll: ['shop/deny-in'],
        reopenedBy: [],
        hostNetwork: [],
        inForce: true,
      });
      expect(view.defaultDeny.Egress.inForce).toBe(false);
    });

    it('does not count a default deny as in force while a running workload of the namespace is on the host network', () => {
      const agent: KWorkload = { ...w('shop', 'agent', { app: 'agent' }), kind: 'DaemonSet', hostNetwork: true };
      const idle: KWorkload = { ...w('shop', 'idle', { app: 'idle' }, 0), hostNetwork: true };
      const a = analyzeNetworkPolicies({
        namespaces,
        workloads: [w('shop', 'web', { app: 'web' }), agent, idle],
        policies: [np('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
      });
      for (const d of ['Ingress', 'Egress'] as const) {
        const dd = a.namespace('shop').defaultDeny[d];
        expect(dd).toEqual({
          isolatingAll: ['shop/deny'],
          reopenedBy: [],
          hostNetwork: ['DaemonSet/agent'],
          inForce: false,
        });
      }
      expect(a.isolation(agent)).toMatchObject({ ingress: [], egress: [], hostNetwork: true });
      expect(a.isolation(agent)?.selectedBy).toEqual({ ingress: ['shop/deny'], egress: ['shop/deny'] });
      expect(a.allowsIngress(agent, pod('dev', { app: 'x' }))).toEqual({ allowed: true, by: [], isolated: false });
      expect(a.allowsEgress(agent, ip('203.0.113.9'))).toEqual({ allowed: true, by: [], isolated: false });
    });

    it('does not count a podSelector {} policy that re-opens every port to every source as a default deny', () => {
      const a = analyzeNetworkPolicies({
        namespaces,
        workloads: [],
        policies: [
          np('shop', 'deny', { podSelector: {} }),
          np('shop', 'open', { podSelector: {}, ingress: [{ from: [] }] }),
        ],
      });
      const dd = a.namespace('shop').defaultDeny.Ingress;
      expect(dd.inForce).toBe(false);
      expect(dd.reopenedBy.map((r) => r.policy)).toEqual(['shop/open']);
    });
  });

  describe('Method: openRules', () => {
    it.each<[string, KNetworkPolicy, string[]]>([
      ['an empty rule', np('a', 'p', { podSelector: {}, ingress: [{}] }), ['no peers']],
      [
        '0.0.0.0/0 without except',
        np('a', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }),
        ['ipBlock 0.0.0.0/0 covers every IPv4 address'],
      ],
      [
        '0.0.0.0/0 with except',
        np('a', 'p', {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
        }),
        [],
      ],
      [
        '0.0.0.0/0 with except, plus the excepted block in another peer of the same rule',
        np('a', 'p', {
          podSelector: {},
          ingress: [
            { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '10.0.0.0/8' } }] },
          ],
        }),
        ['ipBlock 0.0.0.0/0 except 10.0.0.0/8, 10.0.0.0/8 covers every IPv4 address'],
      ],
      [
        'namespaceSelector {} (every pod, not every address) is not open',
        np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
        [],
      ],
      [
        'an ingress rule of an Egress-only policy is ignored',
        np('a', 'p', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }),
        [],
      ],
    ])('%s', (_name, policy, reasons) => {
      const a = analyzeNetworkPolicies({ namespaces: [], workloads: [], policies: [policy] });
      expect(a.openRules(policy, 'Ingress').map((r) => r.reason)).toEqual(reasons);
    });
  });

  describe('Method: serviceBackends', () => {
    it('selects the workloads of the Service namespace whose pod labels contain the selector', () => {
      const a = analyzeNetworkPolicies({
        namespaces,
        workloads: [
          w('shop', 'web', { app: 'web', v: '1' }),
          w('shop', 'api', { app: 'api' }),
          w('dev', 'web', { app: 'web' }),
        ],
        policies: [],
      });
      const names = a.serviceBackends({
        namespace: 'shop',
        name: 's',
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [],
      });
      expect(names.map((x) => `${x.namespace}/${x.name}`)).toEqual(['shop/web']);
      expect(a.serviceBackends({ namespace: 'shop', name: 's', type: 'NodePort', selector: {}, ports: [] })).toEqual(
        [],
      );
    });
  });

  describe('Scale', () => {
    it('analyses 20,000 workloads and 4,000 policies through the index, with the same answers as a nested scan', () => {
      const workloads: KWorkload[] = [];
      const policies: KNetworkPolicy[] = [];
      for (let n = 0; n < 200; n++) {
        const ns = `ns-${n}`;
        for (let i = 0; i < 100; i++) workloads.push(w(ns, `app-${i}`, { app: `app-${i}`, shard: String(i % 7) }));
        for (let i = 0; i < 20; i++) {
          policies.push(
            np(ns, `p-${i}`, {
              podSelector:
                i === 0
                  ? { matchExpressions: [{ key: 'shard', operator: 'In', values: ['1', '2'] }] }
                  : { matchLabels: { app: `app-${i * 5}` } },
            }),
          );
        }
      }
      const a = analyzeNetworkPolicies({ namespaces: [], workloads, policies });
      // Reference: the nested scan the index avoids, on a sample namespace.
      for (const x of workloads.filter((x) => x.namespace === 'ns-7')) {
        const expected = policies
          .filter((p) => p.namespace === x.namespace && selectorMatches(p.podSelector, x.podLabels))
          .map((p) => `${p.namespace}/${p.name}`)
          .sort();
        expect([...a.isolation(x)!.ingress].sort()).toEqual(expected);
      }
    });
  });
});

describe('Module: cidr', () => {
  it.each<[string, string, string[], boolean]>([
    ['10.1.2.3', '10.0.0.0/8', [], true],
    ['11.0.0.1', '10.0.0.0/8', [], false],
    ['10.1.2.3', '10.0.0.0/8', ['10.1.0.0/16'], false],
    ['192.168.1.1', '0.0.0.0/0', [], true],
    ['2001:db8::1', '2001:db8::/32', [], true],
    ['2001:db9::1', '2001:db8::/32', [], false],
    ['::ffff:10.0.0.1', '::ffff:0:0/96', [], true],
    ['not-an-ip', '0.0.0.0/0', [], false],
    ['10.0.0.1', 'garbage', [], false],
  ])('ipInBlock(%s, %s, %j) is %s', (addr, cidr, except, expected) => {
    expect(ipInBlock(addr, cidr, except)).toBe(expected);
  });

  it('normalises host bits like Kubernetes does and rejects a prefix that is too long', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, start: 10n << 24n, end: (11n << 24n) - 1n });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('1.2.3.256/32')).toBeNull();
  });

  it('finds full coverage of a family only when nothing is left out', () => {
    expect(fullyCoveredFamilies(blockRanges('0.0.0.0/0'))).toEqual([4]);
    expect(fullyCoveredFamilies(blockRanges('::/0'))).toEqual([6]);
    expect(fullyCoveredFamilies(blockRanges('0.0.0.0/0', ['255.255.255.255/32']))).toEqual([]);
    expect(fullyCoveredFamilies([...blockRanges('0.0.0.0/1'), ...blockRanges('128.0.0.0/2')])).toEqual([]);
    expect(fullyCoveredFamilies([])).toEqual([]);
  });
});
