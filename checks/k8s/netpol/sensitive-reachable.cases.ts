import { defineCases } from '../../../test/support/cases';
import { denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './sensitive-reachable';

const ledger = deploy('payments', 'ledger', { app: 'ledger' });
const frontend = deploy('shop', 'frontend', { app: 'frontend' });
const reporting = deploy('reporting', 'export', { app: 'export' });
const analytics = deploy('analytics', 'cube', { app: 'cube' });
const UNKNOWABLE = [
  "Whether the network plugin enforces NetworkPolicies at all, and whether it always admits traffic from a pod's own node",
  'ipBlocks are taken to match only addresses outside the pods (setting ipBlockMatchesPods: false); network plugins that apply them to pod traffic may allow more',
];
const reach = (allowFrom: string[]) => ({
  reach: {
    intendedPorts: {},
    sensitiveNamespaces: [{ namespace: 'payments', allowFrom }],
    ipBlockMatchesPods: false,
    podCidrs: [],
  },
});
const fromShop = policy('payments', 'from-shop', {
  podSelector: {},
  ingress: [
    {
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }],
      ports: [{ port: 5432 }],
    },
  ],
});

export default defineCases(check, [
  {
    name: 'fails when a namespace outside the allow-list reaches the sensitive one, listing the paths',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop'), ns('reporting')],
      workloads: [ledger, frontend, reporting],
    }),
    options: reach(['shop']),
    expect: [
      {
        status: 'fail',
        resource: 'payments',
        kind: 'Namespace',
        message: 'Namespace payments is reachable from Deployment reporting/export, outside its allow-list (shop).',
        evidence: { paths: ['Deployment reporting/export -> Deployment payments/ledger: all traffic'], morePaths: 0 },
      },
    ],
  },
  {
    name: 'passes when policies admit only the allowed namespace',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop'), ns('reporting')],
      workloads: [ledger, frontend, reporting],
      policies: [denyIngress('payments'), fromShop],
    }),
    options: reach(['shop']),
    expect: [
      { status: 'pass', resource: 'payments', message: 'Namespace payments is reached only from payments and shop.' },
    ],
  },
  {
    name: 'fails with an empty allow-list when another namespace is admitted',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop')],
      workloads: [ledger, frontend],
      policies: [denyIngress('payments'), fromShop],
    }),
    options: reach([]),
    expect: [
      {
        status: 'fail',
        message: 'outside its allow-list (none).',
        evidence: { paths: ['Deployment shop/frontend -> Deployment payments/ledger: TCP/5432'] },
      },
    ],
  },
  {
    name: 'is not applicable to a sensitive namespace without workloads; quiet when none is configured',
    facts: netpolFacts({ namespaces: [ns('payments'), ns('shop')], workloads: [frontend] }),
    options: reach(['shop']),
    expect: [{ status: 'not-applicable', resource: 'payments' }],
  },
  {
    name: 'produces nothing when no namespace is marked sensitive',
    facts: netpolFacts({ namespaces: [ns('payments')], workloads: [ledger] }),
    expect: [],
  },
  {
    name: 'passes, listing the allowed namespaces in order with the evidence, when nothing else reaches the sensitive one',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('billing'), ns('shop')],
      workloads: [ledger, frontend],
      policies: [denyIngress('payments')],
    }),
    options: reach(['shop', 'billing']),
    expect: [
      {
        status: 'pass',
        resource: 'payments',
        message: 'Namespace payments is reached only from billing, payments and shop.',
        evidence: { allowFrom: ['shop', 'billing'], unknowable: UNKNOWABLE },
      },
    ],
  },
  {
    name: 'fails listing the outside sources and their paths in order, and the whole allow-list',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('reporting'), ns('analytics')],
      // reporting/export shares a group with ledger, analytics/cube (isolated for ingress) comes in a later one.
      workloads: [ledger, reporting, analytics],
      policies: [denyIngress('analytics')],
    }),
    options: reach(['shop', 'billing']),
    expect: [
      {
        status: 'fail',
        resource: 'payments',
        message:
          'Namespace payments is reachable from Deployment analytics/cube and Deployment reporting/export, outside its allow-list (shop, billing).',
        evidence: {
          allowFrom: ['shop', 'billing'],
          paths: [
            'Deployment analytics/cube -> Deployment payments/ledger: all traffic',
            'Deployment reporting/export -> Deployment payments/ledger: all traffic',
          ],
          morePaths: 0,
          unknowable: UNKNOWABLE,
        },
      },
    ],
  },
  {
    name: 'fails listing the first 50 paths and counting the others',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop')],
      workloads: [
        ledger,
        ...Array.from({ length: 52 }, (_, i) => deploy('shop', `w${String(i).padStart(2, '0')}`, {})),
      ],
    }),
    options: reach([]),
    expect: [
      {
        status: 'fail',
        resource: 'payments',
        message:
          'Namespace payments is reachable from Deployment shop/w00, Deployment shop/w01, Deployment shop/w02, Deployment shop/w03, Deployment shop/w04 and 47 more, outside its allow-list (none).',
        evidence: {
          paths: Array.from(
            { length: 50 },
            (_, i) => `Deployment shop/w${String(i).padStart(2, '0')} -> Deployment payments/ledger: all traffic`,
          ),
          morePaths: 2,
        },
      },
    ],
  },
]);
