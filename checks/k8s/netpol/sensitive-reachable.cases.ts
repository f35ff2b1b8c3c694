import { defineCases } from '../../../test/support/cases';
import { denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './sensitive-reachable';

const ledger = deploy('payments', 'ledger', { app: 'ledger' });
const frontend = deploy('shop', 'frontend', { app: 'frontend' });
const reporting = deploy('reporting', 'export', { app: 'export' });
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
]);
