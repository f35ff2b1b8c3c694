import { defineCases } from '../../../test/support/cases';
import check from './default-deny-egress';
import { denyEgress, denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';

const web = deploy('shop', 'web', { app: 'web' });

export default defineCases(check, [
  {
    name: 'passes when a podSelector {} policy has Egress in policyTypes',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [web], policies: [denyEgress('shop')] }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'passes a default deny egress that still allows DNS on port 53 to every destination',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [
        policy('shop', 'deny-but-dns', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        }),
      ],
    }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'fails when policyTypes is omitted and the policy has no egress rules (Ingress only is implied)',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [policy('shop', 'deny', { podSelector: {} })],
    }),
    expect: [{ status: 'fail', resource: 'shop' }],
  },
  {
    name: 'passes when policyTypes is omitted and the policy has egress rules (Egress is implied)',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [
        policy('shop', 'only-db', {
          podSelector: {},
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
        }),
      ],
    }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'fails naming the podSelector {} egress policy that opens 0.0.0.0/0 on every port',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [
        policy('shop', 'internet', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message:
          'Namespace shop selects every pod for egress but internet re-opens it to every destination on every port.',
      },
    ],
  },
  {
    name: 'fails when a workload of the namespace runs on the host network, whatever the podSelector {} policy says',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'agent', { app: 'agent' }, 1, { hostNetwork: true })],
      policies: [denyEgress('shop')],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message: 'Deployment/agent runs on the host network: NetworkPolicies do not apply to it',
      },
    ],
  },
  {
    name: 'passes when the only host-network workload is scaled to zero',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'agent', { app: 'agent' }, 0, { hostNetwork: true })],
      policies: [denyEgress('shop')],
    }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'fails when only ingress is denied by default',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [web], policies: [denyIngress('shop')] }),
    expect: [{ status: 'fail', resource: 'shop', message: 'no policy selecting every pod for egress' }],
  },
  {
    name: 'fails counting no workload as isolated for egress when the narrow policy isolates ingress only',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [policy('shop', 'web-in', { podSelector: { matchLabels: { app: 'web' } } })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message: '0 of 1 running workload(s) are isolated by narrower policies.',
        evidence: { policies: ['web-in'], unisolated: ['Deployment/web'] },
      },
    ],
  },
]);
