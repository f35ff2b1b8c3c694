import { defineCases } from '../../../test/support/cases';
import check from './default-deny-ingress';
import { denyEgress, denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';

const web = deploy('shop', 'web', { app: 'web' });
const db = deploy('shop', 'db', { app: 'db' });

export default defineCases(check, [
  {
    name: 'passes when a podSelector {} policy isolates every pod for ingress, naming it in message and evidence',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [web, db], policies: [denyIngress('shop')] }),
    expect: [
      {
        status: 'pass',
        resource: 'shop',
        message: 'Namespace shop isolates every pod for ingress (default-deny-ingress).',
        evidence: { isolatingAll: ['shop/default-deny-ingress'] },
      },
    ],
  },
  {
    name: 'passes when policyTypes is omitted (Ingress is implied) on a podSelector {} policy',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [policy('shop', 'deny', { podSelector: {} })],
    }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'fails when the only podSelector {} policy isolates egress only',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [web], policies: [denyEgress('shop')] }),
    expect: [{ status: 'fail', resource: 'shop', message: 'no policy selecting every pod for ingress' }],
  },
  {
    name: 'fails when every current pod is isolated by narrow policies but none selects every pod',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, db],
      policies: [
        policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } } }),
        policy('shop', 'db', { podSelector: { matchLabels: { app: 'db' } } }),
      ],
    }),
    expect: [{ status: 'fail', resource: 'shop', message: '2 of 2 running workload(s) are isolated' }],
  },
  {
    name: 'fails and names the workloads no narrow policy isolates',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, db],
      policies: [policy('shop', 'web-only', { podSelector: { matchLabels: { app: 'web' } } })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message:
          'Namespace shop has no policy selecting every pod for ingress: 1 of 2 running workload(s) are isolated by narrower policies.',
        evidence: { policies: ['web-only'], unisolated: ['Deployment/db'], hostNetwork: [] },
      },
    ],
  },
  {
    name: 'fails counting no workload as isolated when the narrow policy isolates egress only',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [policy('shop', 'web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message: '0 of 1 running workload(s) are isolated by narrower policies.',
        evidence: { policies: ['web-out'], unisolated: ['Deployment/web'] },
      },
    ],
  },
  {
    name: 'fails when the podSelector {} policy re-opens ingress with an empty rule, naming the policy and the rule',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [policy('shop', 'allow-everything', { podSelector: {}, ingress: [{}] })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message:
          'Namespace shop selects every pod for ingress but allow-everything re-opens it to every source on every port.',
        evidence: {
          isolatingAll: ['shop/allow-everything'],
          reopenedBy: [
            { policy: 'shop/allow-everything', direction: 'Ingress', rule: 0, reason: 'no peers', ports: [] },
          ],
          hostNetwork: [],
        },
      },
    ],
  },
  {
    name: 'fails naming both the re-opening policy and the host-network workload',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'agent', { app: 'agent' }, 1, { hostNetwork: true })],
      policies: [policy('shop', 'open', { podSelector: {}, ingress: [{}] })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message:
          'Namespace shop selects every pod for ingress but open re-opens it to every source on every port; and ' +
          'Deployment/agent runs on the host network: NetworkPolicies do not apply to it.',
        evidence: { isolatingAll: ['shop/open'], hostNetwork: ['Deployment/agent'] },
      },
    ],
  },
  {
    name: 'passes when the podSelector {} policy opens a single port to everyone (not every port)',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [policy('shop', 'https-only', { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }] })],
    }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'fails naming the host-network workload of the namespace, whatever the podSelector {} policy says',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'agent', { app: 'agent' }, 1, { hostNetwork: true })],
      policies: [denyIngress('shop')],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message:
          'Namespace shop selects every pod for ingress but Deployment/agent runs on the host network: ' +
          'NetworkPolicies do not apply to it.',
        evidence: { isolatingAll: ['shop/default-deny-ingress'], reopenedBy: [], hostNetwork: ['Deployment/agent'] },
      },
    ],
  },
  {
    name: 'fails a namespace without NetworkPolicy and names its host-network workload',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'agent', { app: 'agent' }, 1, { hostNetwork: true })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        message:
          'Namespace shop has no policy selecting every pod for ingress (it has no NetworkPolicy). Deployment/agent ' +
          'runs on the host network: NetworkPolicies do not apply to it.',
        evidence: {
          policies: [],
          unisolated: ['Deployment/web', 'Deployment/agent'],
          hostNetwork: ['Deployment/agent'],
        },
      },
    ],
  },
  {
    name: 'passes when the only host-network workload is scaled to zero',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'agent', { app: 'agent' }, 0, { hostNetwork: true })],
      policies: [denyIngress('shop')],
    }),
    expect: [{ status: 'pass', resource: 'shop' }],
  },
  {
    name: 'fails when the namespace has no NetworkPolicy at all',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [web] }),
    expect: [{ status: 'fail', resource: 'shop', message: 'it has no NetworkPolicy' }],
  },
  {
    name: 'is not applicable to a namespace with no pods, and says so',
    facts: netpolFacts({ namespaces: [ns('empty')] }),
    expect: [{ status: 'not-applicable', resource: 'empty', message: 'Namespace empty runs no workloads.' }],
  },
  {
    name: 'produces nothing for an excluded system namespace (kube-system by default)',
    facts: netpolFacts({
      namespaces: [ns('kube-system')],
      workloads: [deploy('kube-system', 'coredns', { k8s: 'dns' })],
    }),
    expect: [],
  },
]);
