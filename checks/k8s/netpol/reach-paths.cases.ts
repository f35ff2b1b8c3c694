import { defineCases } from '../../../test/support/cases';
import { denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './reach-paths';

const ledger = deploy('payments', 'ledger', { app: 'ledger' });
const frontend = deploy('shop', 'frontend', { app: 'frontend' });

export default defineCases(check, [
  {
    name: 'reports each path a policy opens into an isolated workload, one result per port, naming the policy',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop')],
      workloads: [ledger, frontend],
      policies: [
        denyIngress('payments'),
        policy('payments', 'ledger-from-shop', {
          podSelector: { matchLabels: { app: 'ledger' } },
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }],
              ports: [{ port: 5432 }, { protocol: 'UDP', port: 53 }],
            },
          ],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        severity: 'info',
        kind: 'NetworkPath',
        resource: 'payments/Deployment/shop/frontend -> Deployment/payments/ledger TCP/5432',
        message:
          'Deployment shop/frontend can reach Deployment payments/ledger on TCP/5432 since policy payments/ledger-from-shop (ingress) allows it.',
        evidence: { allowedBy: ['payments/ledger-from-shop (ingress)'] },
      },
      {
        status: 'fail',
        resource: 'payments/Deployment/shop/frontend -> Deployment/payments/ledger UDP/53',
      },
    ],
  },
  {
    name: 'reports paths out of an egress-isolated workload to addresses outside the pods, with both policies',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [frontend],
      policies: [
        policy('shop', 'out', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/Deployment/shop/frontend -> 203.0.113.0/24 TCP/443',
        message:
          'Deployment shop/frontend can reach 203.0.113.0/24 on TCP/443 since policy shop/out (egress) allows it.',
      },
    ],
  },
  {
    name: 'passes an isolated workload no path reaches, and reports nothing for unisolated ones (pod-isolated does)',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop')],
      workloads: [ledger, frontend],
      policies: [denyIngress('payments')],
    }),
    expect: [
      {
        status: 'pass',
        resource: 'payments/ledger',
        message: 'No NetworkPolicy opens a path into Deployment payments/ledger.',
        evidence: { isolatedBy: ['payments/default-deny-ingress'] },
      },
    ],
  },
]);
