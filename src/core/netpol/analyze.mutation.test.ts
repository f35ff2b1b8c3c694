/**
 * The NetworkPolicy analysis, pinned property by property: which pods are isolated, which peers and ports a rule
 * admits, the reasons and port texts given, and the work a selector costs. The semantics follow the Kubernetes API
 * (NetworkPolicySpec, NetworkPolicyPeer, NetworkPolicyPort); see docs/netpol-tls.md.
 */
import type { KNamespace, KNetworkPolicy, KNetworkPolicyPort, KWorkload, Labels } from '../facts/k8s';
import { analyzeNetworkPolicies, effectivePolicyTypes, type NetpolInput, type Peer, type PortQuery } from './analyze';

const w = (namespace: string, name: string, podLabels: Labels, extra: Partial<KWorkload> = {}): KWorkload => ({
  kind: 'Deployment',
  namespace,
  name,
  podLabels,
  serviceAccountName: 'default',
  replicas: 1,
  ...extra,
});
const np = (namespace: string, name: string, spec: Omit<KNetworkPolicy, 'namespace' | 'name'>): KNetworkPolicy => ({
  namespace,
  name,
  ...spec,
});
const pod = (namespace: string, labels: Labels): Peer => ({ kind: 'pod', namespace, labels });
const ip = (addr: string): Peer => ({ kind: 'ip', ip: addr });

const namespaces: KNamespace[] = [
  { name: 'shop', labels: { team: 'shop' } },
  { name: 'monitoring', labels: { team: 'ops' } },
];
const analyze = (input: Partial<NetpolInput>) =>
  analyzeNetworkPolicies({ namespaces, workloads: [], policies: [], ...input });

const api = w('shop', 'api', { app: 'api' });
const web = w('shop', 'web', { app: 'web' });
const db = w('shop', 'db', { app: 'db' });

describe('policyTypes', () => {
  it('treats an empty policyTypes list like an omitted one, as the API server defaults it', () => {
    const withEgress = np('shop', 'p', { podSelector: {}, policyTypes: [], egress: [{}] });
    const withoutEgress = np('shop', 'q', { podSelector: {}, policyTypes: [], ingress: [{}] });
    expect(effectivePolicyTypes(withEgress)).toStrictEqual(['Ingress', 'Egress']);
    expect(effectivePolicyTypes(withoutEgress)).toStrictEqual(['Ingress']);
    const a = analyze({ workloads: [api], policies: [withEgress] });
    expect(a.isolation(api)).toMatchObject({ ingress: ['shop/p'], egress: ['shop/p'] });
  });
});

describe('Host network', () => {
  it('lists the policies that select a host-network workload per direction they isolate, isolating nothing', () => {
    const agent = w('shop', 'agent', { app: 'agent' }, { hostNetwork: true });
    const a = analyze({
      workloads: [agent],
      policies: [
        np('shop', 'in-only', { podSelector: {}, policyTypes: ['Ingress'] }),
        np('shop', 'out-only', { podSelector: { matchLabels: { app: 'agent' } }, policyTypes: ['Egress'] }),
      ],
    });
    expect(a.isolation(agent)).toStrictEqual({
      workload: agent,
      ingress: [],
      egress: [],
      hostNetwork: true,
      selectedBy: { ingress: ['shop/in-only'], egress: ['shop/out-only'] },
    });
  });
});

describe('Ports', () => {
  const ruleOn = (ports: KNetworkPolicyPort[] | undefined) =>
    analyze({ workloads: [api], policies: [np('shop', 'p', { podSelector: {}, ingress: [{ ports }] })] });
  const allowed = (ports: KNetworkPolicyPort[] | undefined, q: PortQuery) =>
    ruleOn(ports).allowsIngress(api, pod('monitoring', {}), q).allowed;

  it('writes each port of a rule as PROTOCOL/PORT, PROTOCOL/FROM-TO or PROTOCOL/* (TCP when unset)', () => {
    const policy = np('shop', 'p', {
      podSelector: {},
      ingress: [
        {
          ports: [{ protocol: 'UDP' }, { port: 8000, endPort: 8100 }, { port: 'dns', protocol: 'UDP' }, { port: 443 }],
        },
      ],
    });
    expect(analyze({ policies: [policy] }).openRules(policy, 'Ingress')).toStrictEqual([
      {
        policy: 'shop/p',
        direction: 'Ingress',
        rule: 0,
        reason: 'no peers',
        ports: ['UDP/*', 'TCP/8000-8100', 'UDP/dns', 'TCP/443'],
      },
    ]);
  });

  it('lets every port through a rule with no ports field or an empty ports list', () => {
    expect(allowed(undefined, { port: 5432 })).toBe(true);
    expect(allowed([], { port: 5432 })).toBe(true);
    expect(allowed([], { port: 53, protocol: 'UDP' })).toBe(true);
  });

  it('lets a port through when any one of the listed ports matches', () => {
    expect(allowed([{ port: 80 }, { port: 443 }], { port: 443 })).toBe(true);
    expect(allowed([{ port: 80 }, { port: 443 }], { port: 8443 })).toBe(false);
  });

  it('matches a single port exactly', () => {
    expect(allowed([{ port: 443 }], { port: 443 })).toBe(true);
    expect(allowed([{ port: 443 }], { port: 442 })).toBe(false);
    expect(allowed([{ port: 443 }], { port: 444 })).toBe(false);
  });

  it('includes both ends of a port range', () => {
    const range = [{ port: 8000, endPort: 8100 }];
    expect(allowed(range, { port: 8000 })).toBe(true);
    expect(allowed(range, { port: 8100 })).toBe(true);
    expect(allowed(range, { port: 7999 })).toBe(false);
    expect(allowed(range, { port: 8101 })).toBe(false);
  });

  it('lets every port of the protocol through an entry with a protocol and no port', () => {
    expect(allowed([{ protocol: 'UDP' }], { port: 53, protocol: 'UDP' })).toBe(true);
    expect(allowed([{ protocol: 'UDP' }], { port: 53 })).toBe(false);
  });

  it('compares a named port by its text: same name only, never a number it cannot resolve', () => {
    expect(allowed([{ port: 'http' }], { port: 'http' })).toBe(true);
    expect(allowed([{ port: 'http' }], { port: 'metrics' })).toBe(false);
    expect(allowed([{ port: 'http' }], { port: 80 })).toBe(false);
    expect(allowed([{ port: 80 }], { port: 'http' })).toBe(false);
    // A port written as text on either side is the same port as its number.
    expect(allowed([{ port: 80 }], { port: '80' })).toBe(true);
    expect(allowed([{ port: '80' }], { port: 80 })).toBe(true);
  });
});

describe('Policy order', () => {
  it('keeps two policies with the same namespace/name (the same policy in two files) in the order they came', () => {
    const first = np('shop', 'dup', { podSelector: {}, ingress: [{}] });
    const second = np('shop', 'dup', { podSelector: { matchLabels: { app: 'api' } } });
    const other = np('shop', 'a-first', { podSelector: {} });
    expect(analyze({ policies: [first, second, other] }).policiesIn('shop')).toStrictEqual([other, first, second]);
    expect(analyze({ policies: [second, other, first] }).policiesIn('shop')).toStrictEqual([other, second, first]);
  });
});

describe('Namespaces', () => {
  it('gives a namespace missing from the namespace list the name label Kubernetes sets', () => {
    const a = analyze({
      workloads: [api],
      policies: [
        np('shop', 'from-ghost', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ghost' } } }] }],
        }),
      ],
    });
    expect(a.namespaceLabels('ghost')).toStrictEqual({ 'kubernetes.io/metadata.name': 'ghost' });
    expect(a.allowsIngress(api, pod('ghost', {})).allowed).toBe(true);
    expect(a.allowsIngress(api, pod('other', {})).allowed).toBe(false);
  });

  it('builds a namespace view once, and lists no workloads for a namespace that has only policies', () => {
    const a = analyze({ policies: [np('empty', 'deny', { podSelector: {} })] });
    const view = a.namespace('empty');
    expect(a.namespace('empty')).toBe(view);
    expect(view.workloads).toStrictEqual([]);
    expect(view.running).toStrictEqual([]);
    expect(view.defaultDeny.Ingress).toStrictEqual({
      isolatingAll: ['empty/deny'],
      reopenedBy: [],
      hostNetwork: [],
      inForce: true,
    });
  });
});

describe('Selection through the label index', () => {
  /** 40 workloads in `shop`; each read of a workload's labels after indexing is counted. */
  function counted() {
    let reads = 0;
    const workloads = Array.from({ length: 40 }, (_, i) => {
      const labels: Labels = { app: `app-${i}`, tier: i < 20 ? 'front' : 'back' };
      if (i < 2) labels.canary = 'yes';
      const x = w('shop', `app-${i}`, {});
      Object.defineProperty(x, 'podLabels', {
        get: () => {
          reads++;
          return labels;
        },
      });
      return x;
    });
    const a = analyze({ workloads });
    reads = 0;
    const select = (selector: Parameters<typeof a.select>[1]) => {
      reads = 0;
      const names = a.select('shop', selector).map((x) => x.name);
      return { names, reads };
    };
    return select;
  }

  it('checks a selector only against the workloads of its most selective label', () => {
    const select = counted();
    expect(select({ matchLabels: { app: 'app-7' } })).toStrictEqual({ names: ['app-7'], reads: 1 });
    expect(select({ matchLabels: { app: 'app-7', tier: 'front' } })).toStrictEqual({ names: ['app-7'], reads: 1 });
    expect(select({ matchLabels: { tier: 'front', app: 'app-7' } })).toStrictEqual({ names: ['app-7'], reads: 1 });
    expect(select({ matchExpressions: [{ key: 'canary', operator: 'Exists' }] })).toStrictEqual({
      names: ['app-0', 'app-1'],
      reads: 2,
    });
    expect(
      select({ matchExpressions: [{ key: 'app', operator: 'In', values: ['app-3', 'app-30', 'app-3', 'none'] }] }),
    ).toStrictEqual({ names: ['app-3', 'app-30'], reads: 2 });
  });

  it('checks a selector with no positive requirement against every workload of the namespace', () => {
    const select = counted();
    expect(select({ matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }).reads).toBe(40);
    expect(select({}).names).toHaveLength(40);
  });

  it('selects nothing with a label value no workload has, or with In and no values', () => {
    const a = analyze({
      workloads: [api, web, db],
      policies: [
        np('shop', 'nobody', { podSelector: { matchLabels: { app: 'missing' } } }),
        np('shop', 'in-nothing', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }),
      ],
    });
    for (const x of [api, web, db]) expect(a.isolation(x)).toMatchObject({ ingress: [], egress: [] });
    expect(a.select('shop', { matchLabels: { app: 'missing' } })).toStrictEqual([]);
  });
});

describe('Open rules', () => {
  it('finds no open rule for a direction the policy does not isolate', () => {
    const p = np('shop', 'p', { podSelector: {}, egress: [{}], policyTypes: ['Ingress'] });
    expect(analyze({ policies: [p] }).openRules(p, 'Egress')).toStrictEqual([]);
  });

  it('names every ipBlock of the rule, with its excepts, when together they cover every IPv4 address', () => {
    const p = np('shop', 'p', {
      podSelector: {},
      egress: [
        {
          to: [
            { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] } },
            { ipBlock: { cidr: '10.0.0.0/8' } },
            { ipBlock: { cidr: '192.168.0.0/16' } },
          ],
          ports: [{ port: 443 }],
        },
      ],
    });
    expect(analyze({ policies: [p] }).openRules(p, 'Egress')).toStrictEqual([
      {
        policy: 'shop/p',
        direction: 'Egress',
        rule: 0,
        reason:
          'ipBlock 0.0.0.0/0 except 10.0.0.0/8,192.168.0.0/16, 10.0.0.0/8, 192.168.0.0/16 covers every IPv4 address',
        ports: ['TCP/443'],
      },
    ]);
  });

  it('names both families when a rule covers every IPv4 and every IPv6 address', () => {
    const p = np('shop', 'p', {
      podSelector: {},
      ingress: [
        { from: [{ podSelector: {} }] },
        { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] },
      ],
    });
    expect(analyze({ policies: [p] }).openRules(p, 'Ingress')).toStrictEqual([
      {
        policy: 'shop/p',
        direction: 'Ingress',
        rule: 1,
        reason: 'ipBlock 0.0.0.0/0, ::/0 covers every IPv4 address and every IPv6 address',
        ports: [],
      },
    ]);
  });
});

describe('Peers', () => {
  const only = (peer: NonNullable<NonNullable<KNetworkPolicy['ingress']>[number]['from']>[number]) =>
    analyze({ workloads: [api], policies: [np('shop', 'p', { podSelector: {}, ingress: [{ from: [peer] }] })] });

  it('never matches a pod source with an ipBlock, even one covering every address', () => {
    expect(only({ ipBlock: { cidr: '0.0.0.0/0' } }).allowsIngress(api, pod('shop', { app: 'web' })).allowed).toBe(
      false,
    );
  });

  it('never matches an address with a namespaceSelector or podSelector, even {}', () => {
    expect(only({ namespaceSelector: {} }).allowsIngress(api, ip('203.0.113.9')).allowed).toBe(false);
    expect(only({ namespaceSelector: {}, podSelector: {} }).allowsIngress(api, ip('203.0.113.9')).allowed).toBe(false);
    expect(only({ podSelector: {} }).allowsIngress(api, ip('203.0.113.9')).allowed).toBe(false);
    expect(only({ namespaceSelector: {} }).allowsIngress(api, pod('monitoring', {})).allowed).toBe(true);
  });

  it('matches nothing with an empty peer entry (the API server rejects one)', () => {
    const a = only({});
    expect(a.allowsIngress(api, pod('shop', { app: 'web' })).allowed).toBe(false);
    expect(a.allowsIngress(api, ip('10.0.0.1')).allowed).toBe(false);
  });

  it('lets every source through a rule whose from list is empty', () => {
    const a = analyze({ workloads: [api], policies: [np('shop', 'p', { podSelector: {}, ingress: [{ from: [] }] })] });
    expect(a.allowsIngress(api, ip('203.0.113.9'))).toStrictEqual({ allowed: true, by: ['shop/p'], isolated: true });
  });
});

describe('Decisions', () => {
  it('weighs only the policies that select the workload and isolate the direction asked', () => {
    const a = analyze({
      workloads: [api, db],
      policies: [
        np('shop', 'api-from-web', {
          podSelector: { matchLabels: { app: 'api' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
        }),
        np('shop', 'db-open', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] }),
        np('shop', 'egress-only', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }),
      ],
    });
    expect(a.allowsIngress(api, pod('monitoring', {}))).toStrictEqual({ allowed: false, by: [], isolated: true });
    expect(a.allowsIngress(api, pod('shop', { app: 'web' }))).toStrictEqual({
      allowed: true,
      by: ['shop/api-from-web'],
      isolated: true,
    });
  });

  it('decides egress by the egress rules, naming every policy that allows it', () => {
    const a = analyze({
      workloads: [web, db],
      policies: [
        np('shop', 'to-db', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{}],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }],
        }),
        np('shop', 'to-db-too', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
        }),
      ],
    });
    expect(a.allowsEgress(web, pod('shop', { app: 'db' }), { port: 5432 })).toStrictEqual({
      allowed: true,
      by: ['shop/to-db', 'shop/to-db-too'],
      isolated: true,
    });
    expect(a.allowsEgress(web, pod('shop', { app: 'db' }), { port: 6379 })).toStrictEqual({
      allowed: true,
      by: ['shop/to-db-too'],
      isolated: true,
    });
    expect(a.allowsEgress(web, ip('203.0.113.9'))).toStrictEqual({ allowed: false, by: [], isolated: true });
    expect(a.allowsEgress(web, pod('monitoring', { app: 'db' }))).toStrictEqual({
      allowed: false,
      by: [],
      isolated: true,
    });
  });

  it('connects two workloads when the egress of one names the other and nothing isolates the other', () => {
    const a = analyze({
      workloads: [web, db, api],
      policies: [
        np('shop', 'web-to-db', {
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
        }),
      ],
    });
    expect(a.canConnect(web, db)).toBe(true);
    expect(a.canConnect(web, api)).toBe(false);
    expect(a.canConnect(api, web)).toBe(true);
  });

  it('judges a workload the analysis was not built with by its labels against the policies of its namespace', () => {
    const a = analyze({
      workloads: [api],
      policies: [
        np('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
        np('shop', 'web-egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] }),
        np('shop', 'web-from-api', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
        }),
      ],
    });
    const newcomer = w('shop', 'new-web', { app: 'web' });
    expect(a.isolation(newcomer)).toBeUndefined();
    expect(a.allowsIngress(newcomer, pod('monitoring', {}))).toStrictEqual({ allowed: false, by: [], isolated: true });
    expect(a.allowsIngress(newcomer, pod('shop', { app: 'api' }))).toStrictEqual({
      allowed: true,
      by: ['shop/web-from-api'],
      isolated: true,
    });
    expect(a.allowsEgress(newcomer, ip('203.0.113.9'))).toStrictEqual({ allowed: false, by: [], isolated: true });
    expect(a.canConnect(api, newcomer)).toBe(true);
    expect(a.canConnect(newcomer, api)).toBe(false);
    // Selected for ingress only: its egress is open.
    const cache = w('shop', 'new-cache', { app: 'cache' });
    expect(a.allowsEgress(cache, ip('203.0.113.9'))).toStrictEqual({ allowed: true, by: [], isolated: false });
    expect(a.allowsIngress(cache, pod('shop', { app: 'api' }))).toStrictEqual({
      allowed: false,
      by: [],
      isolated: true,
    });
    const elsewhere = w('dev', 'web', { app: 'web' });
    expect(a.allowsIngress(elsewhere, ip('203.0.113.9'))).toStrictEqual({ allowed: true, by: [], isolated: false });
    // A workload the analysis was built with is found by kind/namespace/name, as `isolation` finds it.
    expect(a.allowsIngress({ ...api, podLabels: { app: 'web' } }, pod('shop', { app: 'api' }))).toStrictEqual({
      allowed: false,
      by: [],
      isolated: true,
    });
    const onHost = w('shop', 'agent', { app: 'web' }, { hostNetwork: true });
    expect(a.allowsIngress(onHost, ip('203.0.113.9'))).toStrictEqual({ allowed: true, by: [], isolated: false });
    expect(a.allowsEgress(onHost, ip('203.0.113.9'))).toStrictEqual({ allowed: true, by: [], isolated: false });
  });
});
