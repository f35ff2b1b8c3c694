import { defineCases } from '../../../test/support/cases';
import { denyEgress, denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './pod-isolated';

const HOST = { hostNetwork: true };

export default defineCases(check, [
  {
    name: 'passes a workload selected by a podSelector {} ingress policy, naming it',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: [denyIngress('shop')],
    }),
    expect: [
      {
        status: 'pass',
        resource: 'shop/web',
        kind: 'Deployment',
        message: 'Deployment shop/web is isolated for ingress by shop/default-deny-ingress.',
        evidence: { ingressIsolatedBy: ['shop/default-deny-ingress'], egressIsolatedBy: [] },
      },
    ],
  },
  {
    name: 'passes a workload isolated by three policies and names them all',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: ['a', 'b', 'c'].map((n) => denyIngress('shop', n)),
    }),
    expect: [
      {
        status: 'pass',
        resource: 'shop/web',
        message: 'Deployment shop/web is isolated for ingress by shop/a, shop/b and shop/c.',
      },
    ],
  },
  {
    name: 'passes a workload isolated by six policies and names five of them',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => denyIngress('shop', n)),
    }),
    expect: [
      {
        status: 'pass',
        resource: 'shop/web',
        message: 'Deployment shop/web is isolated for ingress by shop/a, shop/b, shop/c, shop/d, shop/e and 1 more.',
      },
    ],
  },
  {
    name: 'fails a workload whose labels the only policy does not select, and passes the one it selects',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' }), deploy('shop', 'db', { app: 'db' })],
      policies: [
        policy('shop', 'db', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] },
        }),
      ],
    }),
    expect: [
      { status: 'fail', resource: 'shop/web' },
      { status: 'pass', resource: 'shop/db' },
    ],
  },
  {
    name: 'fails a workload selected only by an egress policy, naming that policy as egress-only',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: [denyEgress('shop')],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        message:
          'Deployment shop/web is selected by no policy that isolates it for ingress: every pod in the cluster can reach it.',
        evidence: { podLabels: { app: 'web' }, egressIsolatedBy: ['shop/default-deny-egress'] },
      },
    ],
  },
  {
    name: 'fails a workload whose pods have no labels when the policy selects by label',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'bare', {})],
      policies: [policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } } })],
    }),
    expect: [{ status: 'fail', resource: 'shop/bare' }],
  },
  {
    name: 'fails a workload when the podSelector {} policy is in another namespace',
    facts: netpolFacts({
      namespaces: [ns('shop'), ns('other')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: [denyIngress('other')],
    }),
    expect: [{ status: 'fail', resource: 'shop/web' }],
  },
  {
    name: 'is not applicable to a workload scaled to zero',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'idle', { app: 'x' }, 0), deploy('shop', 'idle-agent', { app: 'y' }, 0, HOST)],
    }),
    expect: [
      { status: 'not-applicable', resource: 'shop/idle' },
      { status: 'not-applicable', resource: 'shop/idle-agent' },
    ],
  },
  {
    name: 'fails a workload on the host network even when a podSelector {} ingress policy selects it, naming the policy',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' }), deploy('shop', 'agent', { app: 'agent' }, 1, HOST)],
      policies: [denyIngress('shop')],
    }),
    expect: [
      { status: 'pass', resource: 'shop/web' },
      {
        status: 'fail',
        resource: 'shop/agent',
        message:
          'Deployment shop/agent runs on the host network: NetworkPolicies do not apply to it ' +
          '(shop/default-deny-ingress select(s) it to no effect).',
        evidence: { hostNetwork: true, selectedBy: { ingress: ['shop/default-deny-ingress'], egress: [] } },
      },
    ],
  },
  {
    name: 'fails a workload on the host network that no policy selects',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'agent', { app: 'agent' }, 1, HOST)],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/agent',
        message: 'Deployment shop/agent runs on the host network: NetworkPolicies do not apply to it.',
        evidence: { hostNetwork: true, selectedBy: { ingress: [], egress: [] } },
      },
    ],
  },
  {
    name: 'skips a host-network workload in an excluded namespace (kube-system by default)',
    facts: netpolFacts({
      namespaces: [ns('kube-system')],
      workloads: [{ ...deploy('kube-system', 'kube-proxy', { k8s: 'proxy' }, 3, HOST), kind: 'DaemonSet' }],
    }),
    expect: [],
  },
  {
    name: 'fails a host-network workload of kube-system once kube-system is no longer excluded',
    facts: netpolFacts({
      namespaces: [ns('kube-system')],
      workloads: [{ ...deploy('kube-system', 'kube-proxy', { k8s: 'proxy' }, 3, HOST), kind: 'DaemonSet' }],
      policies: [denyIngress('kube-system')],
    }),
    options: { excludedNamespaces: [] },
    expect: [{ status: 'fail', resource: 'kube-system/kube-proxy', kind: 'DaemonSet', message: 'host network' }],
  },
]);
