import { defineCases } from '../../../test/support/cases';
import { denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './namespace-has-policy';

export default defineCases(check, [
  {
    name: 'fails when a namespace runs a workload and has no NetworkPolicy, listing the running workloads',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [deploy('shop', 'web', { app: 'web' })] }),
    expect: [
      {
        status: 'fail',
        resource: 'shop',
        kind: 'Namespace',
        message: 'Namespace shop runs 1 workload(s) and has no NetworkPolicy.',
        evidence: { runningWorkloads: ['Deployment/web'], policies: [] },
      },
    ],
  },
  {
    name: 'passes when the namespace has a NetworkPolicy, naming it, with no host-network evidence',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: [denyIngress('shop')],
    }),
    expect: [
      {
        status: 'pass',
        resource: 'shop',
        message: 'Namespace shop has 1 NetworkPolicy object(s).',
        evidence: { policies: ['default-deny-ingress'], runningWorkloads: 1, hostNetwork: undefined },
      },
    ],
  },
  {
    name: 'passes a namespace with a NetworkPolicy but names only the running workloads its policies cannot reach (host network)',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [
        deploy('shop', 'web', { app: 'web' }),
        deploy('shop', 'agent', { app: 'agent' }, 1, { hostNetwork: true }),
      ],
      policies: [denyIngress('shop')],
    }),
    expect: [
      {
        status: 'pass',
        resource: 'shop',
        message:
          'Namespace shop has 1 NetworkPolicy object(s). Deployment/agent runs on the host network: ' +
          'NetworkPolicies do not apply to it.',
        evidence: { policies: ['default-deny-ingress'], runningWorkloads: 2, hostNetwork: ['Deployment/agent'] },
      },
    ],
  },
  {
    name: 'fails for the namespace without policy when the only policy is in another namespace',
    facts: netpolFacts({
      namespaces: [ns('shop'), ns('billing')],
      workloads: [deploy('shop', 'web', { app: 'web' }), deploy('billing', 'api', { app: 'api' })],
      policies: [policy('billing', 'allow-api', { podSelector: { matchLabels: { app: 'api' } } })],
    }),
    expect: [
      { status: 'pass', resource: 'billing' },
      { status: 'fail', resource: 'shop' },
    ],
  },
  {
    name: 'is not applicable to a namespace whose workloads are scaled to zero',
    facts: netpolFacts({ namespaces: [ns('idle')], workloads: [deploy('idle', 'batch', { app: 'batch' }, 0)] }),
    expect: [{ status: 'not-applicable', resource: 'idle' }],
  },
  {
    name: 'is not applicable to a namespace whose workloads are scaled to zero, and counts them and its policies',
    facts: netpolFacts({
      namespaces: [ns('idle')],
      workloads: [deploy('idle', 'batch', { app: 'batch' }, 0)],
      policies: [denyIngress('idle')],
    }),
    expect: [
      {
        status: 'not-applicable',
        resource: 'idle',
        message: 'Namespace idle runs no workloads.',
        evidence: { workloads: 1, policies: ['default-deny-ingress'] },
      },
    ],
  },
  {
    name: 'is not applicable to a namespace with no pods at all',
    facts: netpolFacts({ namespaces: [ns('empty')] }),
    expect: [{ status: 'not-applicable', resource: 'empty' }],
  },
  {
    name: 'skips kube-system by default and fails it when it is no longer excluded',
    facts: netpolFacts({
      namespaces: [ns('kube-system')],
      workloads: [deploy('kube-system', 'coredns', { k8s: 'dns' })],
    }),
    options: { excludedNamespaces: [] },
    expect: [{ status: 'fail', resource: 'kube-system' }],
  },
  {
    name: 'produces nothing for an excluded system namespace',
    facts: netpolFacts({
      namespaces: [ns('kube-system')],
      workloads: [deploy('kube-system', 'coredns', { k8s: 'dns' })],
    }),
    expect: [],
  },
  {
    name: 'fails for a namespace known only from its workloads (namespace list incomplete)',
    facts: netpolFacts({ namespaces: [], workloads: [deploy('orphan', 'web', { app: 'web' })] }),
    expect: [{ status: 'fail', resource: 'orphan' }],
  },
  {
    name: 'is unknown when NetworkPolicies could not be listed',
    facts: {
      ...netpolFacts({ namespaces: [ns('shop')], workloads: [deploy('shop', 'web', { app: 'web' })] }),
      'k8s.networkPolicies': { ok: false, reason: 'networkpolicies is forbidden' },
    },
    expect: [{ status: 'unknown', message: 'networkpolicies is forbidden' }],
  },
]);
