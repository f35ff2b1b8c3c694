import { defineCases } from '../../../test/support/cases';
import check from './allow-all';
import { denyIngress, netpolFacts, ns, policy } from './fixtures';

const facts = (...policies: Parameters<typeof policy>[]) =>
  netpolFacts({ namespaces: [ns('shop')], policies: policies.map((p) => policy(...p)) });

export default defineCases(check, [
  {
    name: 'fails high when an ingress rule is empty (no from, every port)',
    facts: facts(['shop', 'open', { podSelector: {}, ingress: [{}] }]),
    expect: [{ status: 'fail', resource: 'shop/open', severity: 'high', message: 'on every port' }],
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
    name: 'passes when 0.0.0.0/0 has an except (not every source)',
    facts: facts([
      'shop',
      'most',
      { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] },
    ]),
    expect: [{ status: 'pass', resource: 'shop/most' }],
  },
  {
    name: 'passes a default deny and a rule limited to named peers',
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
      { status: 'pass', resource: 'shop/from-frontend' },
    ],
  },
  {
    name: 'passes an egress-only policy whose ingress rules Kubernetes ignores',
    facts: facts(['shop', 'egress-only', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }]),
    expect: [{ status: 'pass', resource: 'shop/egress-only', message: 'does not govern ingress' }],
  },
]);
