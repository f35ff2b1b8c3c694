import { defineCases } from '../../../test/support/cases';
import check from './allow-all';
import { denyIngress, netpolFacts, ns, policy } from './fixtures';

const facts = (...policies: Parameters<typeof policy>[]) =>
  netpolFacts({ namespaces: [ns('shop')], policies: policies.map((p) => policy(...p)) });

export default defineCases(check, [
  {
    name: 'fails high when an ingress rule is empty (no from, every port), naming the rule',
    facts: facts(['shop', 'open', { podSelector: {}, ingress: [{}] }]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/open',
        kind: 'NetworkPolicy',
        severity: 'high',
        message: 'NetworkPolicy shop/open allows ingress from every source on every port (rule #1: no peers).',
        evidence: {
          openRules: [{ policy: 'shop/open', direction: 'Ingress', rule: 0, reason: 'no peers', ports: [] }],
        },
      },
    ],
  },
  {
    name: 'fails high when an ingress rule has an empty from list',
    facts: facts(['shop', 'open', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [] }] }]),
    expect: [{ status: 'fail', resource: 'shop/open', severity: 'high' }],
  },
  {
    name: 'fails when a rule admits ipBlock 0.0.0.0/0 without except',
    facts: facts(['shop', 'world', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }]),
    expect: [{ status: 'fail', resource: 'shop/world', message: 'every IPv4 address' }],
  },
  {
    name: 'fails when a rule admits ::/0',
    facts: facts(['shop', 'world6', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '::/0' } }] }] }]),
    expect: [{ status: 'fail', resource: 'shop/world6', message: 'every IPv6 address' }],
  },
  {
    name: 'fails when two half-range blocks add up to every IPv4 address',
    facts: facts([
      'shop',
      'halves',
      {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }],
      },
    ]),
    expect: [{ status: 'fail', resource: 'shop/halves' }],
  },
  {
    name: 'fails medium when every source is admitted on port 443 only',
    facts: facts(['shop', 'https', { podSelector: {}, ingress: [{ ports: [{ protocol: 'TCP', port: 443 }] }] }]),
    expect: [{ status: 'fail', resource: 'shop/https', severity: 'medium', message: 'TCP/443' }],
  },
  {
    name: 'fails medium and lists every port and rule when the open rules are all limited to ports',
    facts: facts([
      'shop',
      'web',
      {
        podSelector: {},
        ingress: [
          { ports: [{ protocol: 'TCP', port: 443 }] },
          { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 80 }] },
        ],
      },
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        severity: 'medium',
        message:
          'NetworkPolicy shop/web allows ingress from every source on TCP/443, TCP/80 (rule #1: no peers; #2: ' +
          'ipBlock 0.0.0.0/0 covers every IPv4 address).',
      },
    ],
  },
  {
    name: 'fails high when one open rule is limited to a port and another is not',
    facts: facts(['shop', 'mixed', { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }, {}] }]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/mixed',
        severity: 'high',
        message: 'on every port (rule #1: no peers; #2: no peers).',
      },
    ],
  },
  {
    name: 'passes when 0.0.0.0/0 has an except (not every source)',
    facts: facts([
      'shop',
      'most',
      { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] },
    ]),
    expect: [{ status: 'pass', resource: 'shop/most' }],
  },
  {
    name: 'passes a default deny and a rule limited to named peers, counting the rules',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      policies: [
        denyIngress('shop'),
        policy('shop', 'from-frontend', {
          podSelector: { matchLabels: { app: 'api' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }],
        }),
      ],
    }),
    expect: [
      { status: 'pass', resource: 'shop/default-deny-ingress', message: 'allows no ingress (no rules)' },
      {
        status: 'pass',
        resource: 'shop/from-frontend',
        message: 'NetworkPolicy shop/from-frontend allows ingress only from named peers (1 rule(s)).',
      },
    ],
  },
  {
    name: 'passes an egress-only policy whose ingress rules Kubernetes ignores',
    facts: facts(['shop', 'egress-only', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }]),
    expect: [{ status: 'pass', resource: 'shop/egress-only', message: 'does not govern ingress' }],
  },
  {
    name: 'produces nothing for a policy of an excluded system namespace (kube-system by default)',
    facts: netpolFacts({
      namespaces: [ns('kube-system')],
      policies: [policy('kube-system', 'open', { podSelector: {}, ingress: [{}] })],
    }),
    expect: [],
  },
]);
