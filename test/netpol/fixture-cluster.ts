/**
 * A cluster for the NetworkPolicy and TLS findings, as API objects: served by the test API server (live) and dumped
 * as a `kubectl get -o yaml` List (--manifests). Both paths must give the same findings.
 *
 * shop       default deny ingress, web open to everyone on 443, api reachable from web and from monitoring's
 *            prometheus (namespaceSelector AND podSelector in one entry); web behind a LoadBalancer (isolated);
 *            a log-shipper DaemonSet on the host network, which the default deny cannot isolate.
 * payments   ledger isolated both ways (egress 0.0.0.0/0 except private ranges) behind a NodePort; batch not isolated.
 * monitoring no NetworkPolicy; prometheus behind a NodePort.
 * sandbox    one policy that selects every pod and lets everything in (0.0.0.0/0 and ::/0) and out (empty rule).
 * idle       a Deployment scaled to zero.   default: nothing running.
 * kube-system the control plane as mirror Pods and kube-proxy on the host network (excluded from NetworkPolicy
 *            checks by checks.excludedNamespaces).
 */
type Obj = Record<string, unknown>;

const meta = (name: string, namespace?: string, extra: Obj = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...extra,
});

function deployment(namespace: string, name: string, labels: Record<string, string>, replicas: number): Obj[] {
  const rs = `${name}-5d8f7`;
  const template = { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1` }] } };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(name, namespace),
      spec: { replicas, selector: { matchLabels: labels }, template },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta(rs, namespace, { ownerReferences: [{ kind: 'Deployment', name, controller: true }] }),
      spec: { replicas, selector: { matchLabels: labels }, template },
    },
    ...Array.from({ length: replicas }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(`${rs}-${i}`, namespace, {
        labels,
        ownerReferences: [{ kind: 'ReplicaSet', name: rs, controller: true }],
      }),
      spec: { containers: [{ name, image: `${name}:1` }] },
      status: { phase: 'Running' },
    })),
  ];
}

/** A DaemonSet on the host network with one running Pod per node (two nodes). */
function hostNetworkDaemonSet(namespace: string, name: string, labels: Record<string, string>): Obj[] {
  const spec = { hostNetwork: true, containers: [{ name, image: `${name}:1` }] };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta(name, namespace),
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
    },
    ...['a', 'b'].map((suffix) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(`${name}-${suffix}`, namespace, {
        labels,
        ownerReferences: [{ kind: 'DaemonSet', name, controller: true }],
      }),
      spec,
      status: { phase: 'Running' },
    })),
  ];
}

function service(namespace: string, name: string, type: string, selector: Record<string, string>): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace),
    spec: {
      type,
      selector,
      ports: [{ port: 443, targetPort: 8443, ...(type === 'ClusterIP' ? {} : { nodePort: 30443 }) }],
    },
  };
}

function policy(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, namespace), spec };
}

function mirrorPod(component: string, command: string[]): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(`${component}-cp-1`, 'kube-system', {
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.mirror': 'abc', 'kubernetes.io/config.source': 'file' },
    }),
    spec: { nodeName: 'cp-1', containers: [{ name: component, command: [component, ...command] }] },
    status: { phase: 'Running' },
  };
}

export const NETPOL_TLS_OBJECTS: Obj[] = [
  ...[
    ['default', {}],
    ['kube-system', {}],
    ['shop', { team: 'shop' }],
    ['payments', { team: 'pay' }],
    ['monitoring', { team: 'ops' }],
    ['sandbox', {}],
    ['idle', {}],
  ].map(([n, labels]) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(n as string, undefined, { labels: { 'kubernetes.io/metadata.name': n, ...(labels as object) } }),
  })),
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('cp-1', undefined, { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    spec: {},
    status: { nodeInfo: { kubeletVersion: 'v1.31.2' } },
  },

  // shop
  ...deployment('shop', 'web', { app: 'web', tier: 'front' }, 2),
  ...deployment('shop', 'api', { app: 'api' }, 1),
  ...hostNetworkDaemonSet('shop', 'log-shipper', { app: 'log-shipper' }),
  service('shop', 'web', 'LoadBalancer', { app: 'web' }),
  service('shop', 'api', 'ClusterIP', { app: 'api' }),
  policy('shop', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
  policy('shop', 'web-https-from-anywhere', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ ports: [{ protocol: 'TCP', port: 8443 }] }],
  }),
  policy('shop', 'api-from-web-and-prometheus', {
    podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] },
    ingress: [
      {
        from: [
          { podSelector: { matchLabels: { app: 'web' } } },
          { namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'prometheus' } } },
        ],
      },
    ],
  }),

  // payments
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('ledger', 'payments'),
    spec: {
      replicas: 1,
      template: {
        metadata: { labels: { app: 'ledger' } },
        spec: { containers: [{ name: 'ledger', image: 'ledger:1' }] },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('ledger-0', 'payments', {
      labels: { app: 'ledger' },
      ownerReferences: [{ kind: 'StatefulSet', name: 'ledger', controller: true }],
    }),
    spec: { containers: [{ name: 'ledger', image: 'ledger:1' }] },
    status: { phase: 'Running' },
  },
  ...deployment('payments', 'batch', { app: 'batch' }, 1),
  service('payments', 'ledger', 'NodePort', { app: 'ledger' }),
  policy('payments', 'ledger', {
    podSelector: { matchLabels: { app: 'ledger' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] }],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }] }],
  }),

  // monitoring
  ...deployment('monitoring', 'prometheus', { app: 'prometheus' }, 1),
  service('monitoring', 'prometheus', 'NodePort', { app: 'prometheus' }),

  // sandbox
  ...deployment('sandbox', 'toy', { app: 'toy' }, 1),
  policy('sandbox', 'open', {
    podSelector: {},
    ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] }],
    egress: [{}],
  }),

  // idle
  ...deployment('idle', 'nightly', { app: 'nightly' }, 0),

  // kube-system: excluded from NetworkPolicy checks; its control plane feeds the TLS checks.
  ...deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, 2),
  ...hostNetworkDaemonSet('kube-system', 'kube-proxy', { 'k8s-app': 'kube-proxy' }),
  mirrorPod('kube-apiserver', [
    '--advertise-address=10.0.0.10',
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
    '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    '--tls-min-version=VersionTLS12',
    '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
    '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
    '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  ]),
  mirrorPod('etcd', [
    '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
    '--key-file=/etc/kubernetes/pki/etcd/server.key',
    '--client-cert-auth=true',
    '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
    '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    '--peer-client-cert-auth=true',
    '--peer-auto-tls=true',
  ]),
  mirrorPod('kube-controller-manager', [
    '--root-ca-file=/etc/kubernetes/pki/ca.crt',
    '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
  ]),
];
