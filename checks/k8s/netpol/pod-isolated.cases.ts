import { defineCases } from '../../../test/support/cases';
import { denyEgress, denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import check from './pod-isolated';

const HOST = { hostNetwork: true };

export default defineCases(check, [
  {
    name: 'passes a workload selected by a podSelector {} ingress policy',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: [denyIngress('shop')],
    }),
    expect: [{ status: 'pass', resource: 'shop/web', kind: 'Deployment', message: 'shop/default-deny-ingress' }],
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
    name: 'fails a workload selected only by an egress policy',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [deploy('shop', 'web', { app: 'web' })],
      policies: [denyEgress('shop')],
    }),
    expect: [{ status: 'fail', resource: 'shop/web' }],
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
    name: 'fails a workload on the host network even when a podSelector {} ingress policy selects it',
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
        message: 'runs on the host network: NetworkPolicies do not apply to it',
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
