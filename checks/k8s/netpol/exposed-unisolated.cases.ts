import { defineCases } from '../../../test/support/cases';
import check from './exposed-unisolated';
import { denyIngress, deploy, netpolFacts, ns, policy, service } from './fixtures';

const web = deploy('shop', 'web', { app: 'web', tier: 'front' });
const api = deploy('shop', 'api', { app: 'api' });

export default defineCases(check, [
  {
    name: 'fails when a LoadBalancer Service sends traffic to pods no policy isolates, with selector, ports and backends',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, api],
      services: [service('shop', 'web', 'LoadBalancer', { app: 'web' })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        kind: 'Service',
        message:
          'LoadBalancer Service shop/web sends traffic to Deployment/web, which no NetworkPolicy isolates for ingress.',
        evidence: { selector: { app: 'web' }, ports: ['80->node 30080'], unisolated: ['Deployment/web'], isolated: [] },
      },
    ],
  },
  {
    name: 'fails when a NodePort Service reaches an unisolated workload, listing the isolated one apart',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'web-canary', { app: 'web', track: 'canary' })],
      policies: [policy('shop', 'canary', { podSelector: { matchLabels: { track: 'canary' } } })],
      services: [service('shop', 'web', 'NodePort', { app: 'web' })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        message: 'NodePort Service shop/web sends traffic to Deployment/web, which',
        evidence: { unisolated: ['Deployment/web'], isolated: ['Deployment/web-canary'] },
      },
    ],
  },
  {
    name: 'fails when the backend pods use the host network, and says so',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'proxy', { app: 'proxy' }, 1, { hostNetwork: true })],
      policies: [denyIngress('shop')],
      services: [service('shop', 'proxy', 'NodePort', { app: 'proxy' })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/proxy',
        message: 'sends traffic to Deployment/proxy (host network), which no NetworkPolicy isolates for ingress.',
        evidence: { unisolated: ['Deployment/proxy (host network)'], isolated: [] },
      },
    ],
  },
  {
    name: 'passes when a default deny isolates the pods behind the LoadBalancer, naming them',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [denyIngress('shop')],
      services: [service('shop', 'web', 'LoadBalancer', { app: 'web' })],
    }),
    expect: [
      {
        status: 'pass',
        resource: 'shop/web',
        message: 'LoadBalancer Service shop/web sends traffic only to pods isolated for ingress (Deployment/web).',
        evidence: { selector: { app: 'web' }, ports: ['80->node 30080'], isolated: ['Deployment/web'] },
      },
    ],
  },
  {
    name: 'passes isolated pods whose workload says hostNetwork: false explicitly',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' }, 1, { hostNetwork: false })],
      policies: [denyIngress('shop')],
      services: [service('shop', 'web', 'NodePort', { app: 'web' })],
    }),
    expect: [{ status: 'pass', resource: 'shop/web', evidence: { isolated: ['Deployment/web'] } }],
  },
  {
    name: 'is not applicable to a LoadBalancer Service whose selector is empty',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      services: [service('shop', 'lb', 'LoadBalancer', {})],
    }),
    expect: [
      {
        status: 'not-applicable',
        resource: 'shop/lb',
        message: 'LoadBalancer Service shop/lb has no selector: its endpoints are managed outside Kubernetes.',
      },
    ],
  },
  {
    name: 'ignores ClusterIP Services and is not applicable to a NodePort Service without selector',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [api],
      services: [service('shop', 'api', 'ClusterIP', { app: 'api' }), service('shop', 'external', 'NodePort')],
    }),
    expect: [{ status: 'not-applicable', resource: 'shop/external' }],
  },
  {
    name: 'passes a LoadBalancer whose selector picks no running pod, and says so',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' }, 0)],
      services: [service('shop', 'web', 'LoadBalancer', { app: 'web' })],
    }),
    expect: [
      { status: 'pass', resource: 'shop/web', message: 'LoadBalancer Service shop/web selects no running pods.' },
    ],
  },
]);
