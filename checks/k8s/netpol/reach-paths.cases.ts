import { defineCases } from '../../../test/support/cases';
import { denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './reach-paths';

const ledger = deploy('payments', 'ledger', { app: 'ledger' });
const frontend = deploy('shop', 'frontend', { app: 'frontend' });
const batch = deploy('batch', 'nightly', { app: 'nightly' });
const fromNamespace = (name: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});
const toNamespace = fromNamespace;

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
  {
    name: 'names for each port only the policies of either end that open it, several as policies',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop')],
      workloads: [ledger, frontend],
      policies: [
        policy('payments', 'ledger-db', {
          podSelector: { matchLabels: { app: 'ledger' } },
          ingress: [{ from: [fromNamespace('shop')], ports: [{ port: 5432 }] }],
        }),
        policy('payments', 'ledger-dns', {
          podSelector: { matchLabels: { app: 'ledger' } },
          ingress: [{ from: [fromNamespace('shop')], ports: [{ protocol: 'UDP', port: 53 }] }],
        }),
        policy('shop', 'to-db', {
          podSelector: { matchLabels: { app: 'frontend' } },
          policyTypes: ['Egress'],
          egress: [{ to: [toNamespace('payments')], ports: [{ port: 5432 }] }],
        }),
        policy('shop', 'to-dns', {
          podSelector: { matchLabels: { app: 'frontend' } },
          policyTypes: ['Egress'],
          egress: [{ to: [toNamespace('payments')], ports: [{ protocol: 'UDP', port: 53 }] }],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'payments/Deployment/shop/frontend -> Deployment/payments/ledger TCP/5432',
        message:
          'Deployment shop/frontend can reach Deployment payments/ledger on TCP/5432 since policies payments/ledger-db (ingress), shop/to-db (egress) allow it.',
        evidence: {
          from: 'Deployment/shop/frontend',
          to: 'Deployment/payments/ledger',
          traffic: 'TCP/5432',
          allowedBy: ['payments/ledger-db (ingress)', 'shop/to-db (egress)'],
        },
      },
      {
        status: 'fail',
        resource: 'payments/Deployment/shop/frontend -> Deployment/payments/ledger UDP/53',
        message:
          'Deployment shop/frontend can reach Deployment payments/ledger on UDP/53 since policies payments/ledger-dns (ingress), shop/to-dns (egress) allow it.',
        evidence: { allowedBy: ['payments/ledger-dns (ingress)', 'shop/to-dns (egress)'] },
      },
    ],
  },
  {
    name: 'reports a port range as one result, and a rule without ports as all traffic',
    facts: netpolFacts({
      namespaces: [ns('payments'), ns('shop'), ns('batch')],
      workloads: [ledger, frontend, batch],
      policies: [
        policy('payments', 'ledger-range', {
          podSelector: { matchLabels: { app: 'ledger' } },
          ingress: [{ from: [fromNamespace('shop')], ports: [{ port: 8000, endPort: 8080 }] }],
        }),
        policy('payments', 'ledger-from-batch', {
          podSelector: { matchLabels: { app: 'ledger' } },
          ingress: [{ from: [fromNamespace('batch')] }],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'payments/Deployment/shop/frontend -> Deployment/payments/ledger TCP/8000-8080',
        message:
          'Deployment shop/frontend can reach Deployment payments/ledger on TCP/8000-8080 since policy payments/ledger-range (ingress) allows it.',
        evidence: { traffic: 'TCP/8000-8080', allowedBy: ['payments/ledger-range (ingress)'] },
      },
      {
        status: 'fail',
        resource: 'payments/Deployment/batch/nightly -> Deployment/payments/ledger all traffic',
        message:
          'Deployment batch/nightly can reach Deployment payments/ledger on all traffic since policy payments/ledger-from-batch (ingress) allows it.',
        evidence: { traffic: 'all traffic', allowedBy: ['payments/ledger-from-batch (ingress)'] },
      },
    ],
  },
  {
    name: 'reports addresses of several blocks, allowed alike, as one destination',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [frontend],
      policies: [
        policy('shop', 'out', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '198.51.100.0/24' } }],
              ports: [{ port: 443 }],
            },
          ],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/Deployment/shop/frontend -> 198.51.100.0/24,203.0.113.0/24 TCP/443',
        message:
          'Deployment shop/frontend can reach 198.51.100.0/24, 203.0.113.0/24 on TCP/443 since policy shop/out (egress) allows it.',
        evidence: { from: 'Deployment/shop/frontend', to: '198.51.100.0/24,203.0.113.0/24', traffic: 'TCP/443' },
      },
    ],
  },
  {
    name: 'reports nothing about the paths and workloads of an excluded namespace',
    facts: netpolFacts({
      namespaces: [ns('kube-system'), ns('payments'), ns('shop')],
      workloads: [deploy('kube-system', 'coredns', { k8s: 'dns' }), ledger, frontend],
      policies: [
        denyIngress('payments'),
        policy('kube-system', 'dns-from-shop', {
          podSelector: {},
          ingress: [{ from: [fromNamespace('shop')], ports: [{ protocol: 'UDP', port: 53 }] }],
        }),
        policy('kube-system', 'dns-out', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }],
        }),
      ],
    }),
    expect: [{ status: 'pass', resource: 'payments/ledger' }],
  },
]);
