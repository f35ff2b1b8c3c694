import { defineCases } from '../../../test/support/cases';
import { denyIngress, deploy, netpolFacts, ns, policy, service } from './fixtures';
import check from './internet-reachable';

const web = deploy('shop', 'web', { app: 'web' });
/** The start of the failure message of `web` open to everyone on every port. */
const OPEN_TO_ALL = 'Deployment shop/web is reachable from anywhere (0.0.0.0/0 or ::/0) on all traffic, ';
const fromAnywhere = (cidr: string, port?: number, except?: string[]) =>
  policy('shop', 'web-from-anywhere', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ from: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }], ...(port ? { ports: [{ port }] } : {}) }],
  });

export default defineCases(check, [
  {
    name: 'fails high when a LoadBalancer Service fronts a workload open to every address on every port',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      services: [service('shop', 'web', 'LoadBalancer', { app: 'web' })],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        severity: 'high',
        message:
          'Deployment shop/web is reachable from anywhere (0.0.0.0/0 or ::/0) on all traffic, through LoadBalancer Service shop/web.',
        evidence: {
          openToEveryone: 'all traffic',
          intended: 'nothing',
          exposedThrough: ['LoadBalancer Service shop/web'],
        },
      },
    ],
  },
  {
    name: 'fails medium without a Service in front (the path needs routable pod addresses)',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [denyIngress('shop'), fromAnywhere('0.0.0.0/0', 8080)],
    }),
    expect: [
      {
        status: 'fail',
        severity: 'medium',
        message: 'on TCP/8080, directly, wherever pod addresses are routable from outside the cluster.',
      },
    ],
  },
  {
    name: 'counts 0.0.0.0/0 with private exceptions as anywhere: every public address is still admitted',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [fromAnywhere('0.0.0.0/0', 443, ['10.0.0.0/8', '192.168.0.0/16'])],
    }),
    expect: [{ status: 'fail', message: 'on TCP/443' }],
  },
  {
    name: 'passes when the open port is configured as intended',
    facts: netpolFacts({ namespaces: [ns('shop')], workloads: [web], policies: [fromAnywhere('0.0.0.0/0', 8080)] }),
    options: {
      reach: {
        intendedPorts: { 'shop/web': ['TCP/8080'] },
        sensitiveNamespaces: [],
        ipBlockMatchesPods: false,
        podCidrs: [],
      },
    },
    expect: [
      {
        status: 'pass',
        message: 'Deployment shop/web is reachable from anywhere only on the ports it serves on purpose (TCP/8080).',
      },
    ],
  },
  {
    name: 'passes when only a partner range is admitted, and a namespace-wide intention covers other workloads',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'api', { app: 'api' })],
      policies: [
        fromAnywhere('203.0.113.0/24'),
        denyIngress('shop'),
        policy('shop', 'api-open', {
          podSelector: { matchLabels: { app: 'api' } },
          ingress: [{ ports: [{ port: 443 }] }],
        }),
      ],
    }),
    options: {
      reach: { intendedPorts: { 'shop/*': ['443'] }, sensitiveNamespaces: [], ipBlockMatchesPods: false, podCidrs: [] },
    },
    expect: [
      { status: 'pass', resource: 'shop/api', message: 'only on the ports it serves on purpose (TCP/443)' },
      {
        status: 'pass',
        resource: 'shop/web',
        message: 'Deployment shop/web is not reachable from every public address on any port.',
      },
    ],
  },
  {
    name: 'fails on an unintended port beside an intended one, and skips workloads scaled to zero',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, deploy('shop', 'idle', { app: 'idle' }, 0)],
      policies: [
        denyIngress('shop'),
        policy('shop', 'web', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{ ports: [{ port: 443 }, { port: 22 }] }],
        }),
      ],
    }),
    options: {
      reach: {
        intendedPorts: { 'shop/web': ['TCP/443'] },
        sensitiveNamespaces: [],
        ipBlockMatchesPods: false,
        podCidrs: [],
      },
    },
    expect: [
      { status: 'fail', resource: 'shop/web', message: 'on TCP/22,' },
      { status: 'not-applicable', resource: 'shop/idle' },
    ],
  },
  {
    name: "counts only a LoadBalancer or NodePort Service of the workload's namespace whose whole selector matches its labels",
    facts: netpolFacts({
      namespaces: [ns('shop'), ns('other')],
      workloads: [web],
      services: [
        service('shop', 'web-internal', 'ClusterIP', { app: 'web' }),
        service('other', 'web', 'LoadBalancer', { app: 'web' }),
        service('shop', 'manual', 'NodePort'),
        service('shop', 'empty', 'LoadBalancer', {}),
        service('shop', 'api', 'LoadBalancer', { app: 'web', tier: 'api' }),
        service('shop', 'web-nodeport', 'NodePort', { app: 'web' }),
        service('shop', 'web-lb', 'LoadBalancer', { app: 'web' }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        severity: 'high',
        message: `${OPEN_TO_ALL}through NodePort Service shop/web-nodeport, LoadBalancer Service shop/web-lb.`,
        evidence: { exposedThrough: ['NodePort Service shop/web-nodeport', 'LoadBalancer Service shop/web-lb'] },
      },
    ],
  },
  {
    name: 'fails medium, directly, when the only matching Services are in another namespace, internal, or without a selector',
    facts: netpolFacts({
      namespaces: [ns('shop'), ns('other')],
      workloads: [web],
      services: [
        service('other', 'web', 'LoadBalancer', { app: 'web' }),
        service('shop', 'web-internal', 'ClusterIP', { app: 'web' }),
        service('shop', 'manual', 'NodePort'),
        service('shop', 'empty', 'LoadBalancer', {}),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        severity: 'medium',
        message: `${OPEN_TO_ALL}directly, wherever pod addresses are routable from outside the cluster.`,
        evidence: { exposedThrough: [] },
      },
    ],
  },
  {
    name: 'fails high, saying so, when the Services could not be read',
    facts: {
      ...netpolFacts({ namespaces: [ns('shop')], workloads: [web] }),
      'k8s.services': { ok: false, reason: 'services is forbidden' },
    },
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        severity: 'high',
        message: `${OPEN_TO_ALL}directly or through a Service (Services could not be read: services is forbidden).`,
        evidence: { openToEveryone: 'all traffic', exposedThrough: [] },
      },
    ],
  },
  {
    name: 'fails high, saying so, when the Services were not collected',
    facts: (() => {
      const { 'k8s.services': _services, ...rest } = netpolFacts({ namespaces: [ns('shop')], workloads: [web] });
      return rest;
    })(),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        severity: 'high',
        message: `${OPEN_TO_ALL}directly or through a Service (Services could not be read: not collected).`,
        evidence: { exposedThrough: [] },
      },
    ],
  },
  {
    name: 'reports nothing for a workload of an excluded namespace, open as it is',
    facts: netpolFacts({
      namespaces: [ns('kube-system'), ns('shop')],
      workloads: [deploy('kube-system', 'coredns', { k8s: 'dns' }), web],
      services: [service('kube-system', 'dns', 'LoadBalancer', { k8s: 'dns' })],
    }),
    expect: [{ status: 'fail', resource: 'shop/web', severity: 'medium' }],
  },
  {
    name: 'adds up what each family admits from everyone: 0.0.0.0/0 on one port, ::/0 on another',
    facts: netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web],
      policies: [
        policy('shop', 'web-from-anywhere', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [
            { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] },
            { from: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 22 }] },
          ],
        }),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        message: 'Deployment shop/web is reachable from anywhere (0.0.0.0/0 or ::/0) on TCP/22, TCP/443, directly,',
        evidence: { openToEveryone: 'TCP/22, TCP/443' },
      },
    ],
  },
]);
