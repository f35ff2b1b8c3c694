/**
 * Synthetic, realistic Kubernetes clusters of a given number of objects, as the API server would serve them:
 * namespaces; Deployments -> ReplicaSets -> Pods, StatefulSets, DaemonSets (one Pod per node), CronJobs -> Jobs ->
 * Pods, bare Pods; Services (ClusterIP, headless, NodePort, LoadBalancer, selector-less); ServiceAccounts; Roles,
 * ClusterRoles with aggregation (admin/edit/view and CRD roles aggregated into them), RoleBindings and
 * ClusterRoleBindings; NetworkPolicies (default deny, same-namespace, from the ingress namespace, DNS egress);
 * Secrets (with data, which the collector must drop); Nodes; control-plane static Pods. Objects carry the
 * metadata real ones do (uid, resourceVersion, managedFields, ownerReferences, status), so parse costs are real.
 *
 * Deterministic: the same (objects, seed) gives byte-identical lists. Objects are produced one resource at a time
 * (a generator), so even 100k objects never sit in memory together.
 */
import { Rng } from './rng';

export type KObj = Record<string, unknown>;

/** One list endpoint of the API server. */
export interface ListResource {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural, as in the URL. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

const core = (resource: string, kind: string, namespaced = true): ListResource => ({
  group: '',
  version: 'v1',
  resource,
  kind,
  namespaced,
});
const grouped = (group: string, version: string, resource: string, kind: string, namespaced = true) => ({
  group,
  version,
  resource,
  kind,
  namespaced,
});

/** Every list the generator fills, in the order it fills them. */
export const RESOURCES = {
  nodes: core('nodes', 'Node', false),
  namespaces: core('namespaces', 'Namespace', false),
  serviceaccounts: core('serviceaccounts', 'ServiceAccount'),
  secrets: core('secrets', 'Secret'),
  services: core('services', 'Service'),
  pods: core('pods', 'Pod'),
  deployments: grouped('apps', 'v1', 'deployments', 'Deployment'),
  replicasets: grouped('apps', 'v1', 'replicasets', 'ReplicaSet'),
  statefulsets: grouped('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonsets: grouped('apps', 'v1', 'daemonsets', 'DaemonSet'),
  jobs: grouped('batch', 'v1', 'jobs', 'Job'),
  cronjobs: grouped('batch', 'v1', 'cronjobs', 'CronJob'),
  networkpolicies: grouped('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
  roles: grouped('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  rolebindings: grouped('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  clusterroles: grouped('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  clusterrolebindings: grouped('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
} satisfies Record<string, ListResource>;

export type ResourceName = keyof typeof RESOURCES;

export const apiVersionOf = (r: ListResource) => (r.group ? `${r.group}/${r.version}` : r.version);

/** The list path of a resource (cluster-wide, as the collector lists it). */
export const listPath = (r: ListResource) =>
  r.group ? `/apis/${r.group}/${r.version}/${r.resource}` : `/api/${r.version}/${r.resource}`;

interface DeploymentPlan {
  name: string;
  replicas: number;
  oldReplicaSets: number;
  serviceAccount: string;
  service: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'none';
  hostNetwork: boolean;
  automount: boolean | undefined;
}

interface NamespacePlan {
  name: string;
  team: string;
  env: string;
  serviceAccounts: string[];
  deployments: DeploymentPlan[];
  statefulSets: { name: string; replicas: number }[];
  cronJobs: string[];
  barePods: string[];
  selectorlessServices: number;
  roles: number;
  defaultDeny: boolean;
  allowSameNamespace: boolean;
  secrets: number;
}

export interface ClusterPlan {
  seed: number;
  nodes: { name: string; controlPlane: boolean; zone: string }[];
  namespaces: NamespacePlan[];
  operators: string[];
  teams: string[];
  /** The number of objects the plan produces. */
  objects: number;
}

const TEAMS = ['payments', 'search', 'identity', 'checkout', 'data', 'ml', 'platform', 'growth', 'ads', 'mobile'];
const WORDS = [
  'api',
  'web',
  'worker',
  'gateway',
  'cache',
  'indexer',
  'auth',
  'ledger',
  'notifier',
  'scheduler',
  'exporter',
  'frontend',
  'backend',
  'reporter',
  'billing',
  'catalog',
];
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const SYSTEM_DAEMONSETS = ['kube-proxy', 'aws-node', 'node-exporter'];
const CONTROL_PLANE = ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'];

function nsObjects(ns: NamespacePlan): number {
  let n = 1 + ns.serviceAccounts.length + ns.roles * 2 + ns.secrets + ns.selectorlessServices;
  n += (ns.defaultDeny ? 1 : 0) + (ns.allowSameNamespace ? 1 : 0) + 1; // + ingress allow
  n += 2; // RoleBindings to the team group (edit) and the auditors (view)
  for (const d of ns.deployments) n += 1 + 1 + d.oldReplicaSets + d.replicas + (d.service === 'none' ? 0 : 1);
  for (const s of ns.statefulSets) n += 1 + s.replicas + 1;
  n += ns.cronJobs.length * 3 + ns.barePods.length;
  return n;
}

/** Plans a cluster of about `objects` objects (within one namespace's worth). */
export function planCluster(objects: number, seed: number): ClusterPlan {
  const rng = new Rng(seed);
  const workers = Math.max(3, Math.round(objects / 400));
  const nodes = [
    ...[1, 2, 3].map((i) => ({
      name: `ip-10-0-0-${i}.eu-west-1.compute.internal`,
      controlPlane: true,
      zone: ZONES[i - 1],
    })),
    ...Array.from({ length: workers }, (_, i) => ({
      name: `ip-10-${1 + Math.floor(i / 250)}-${Math.floor((i % 250) / 1) + 1}-${rng.int(1, 254)}.eu-west-1.compute.internal`,
      controlPlane: false,
      zone: ZONES[i % 3],
    })),
  ];
  const operators = Array.from({ length: Math.max(2, Math.round(objects / 5000)) }, (_, i) => `operator-${i}`);
  const plan: ClusterPlan = { seed, nodes, namespaces: [], operators, teams: TEAMS, objects: 0 };
  let total = clusterLevelObjects(plan);
  let i = 0;
  while (total < objects) {
    const team = TEAMS[i % TEAMS.length];
    const deployments: DeploymentPlan[] = Array.from({ length: rng.int(1, 8) }, (_, d) => ({
      name: `${rng.pick(WORDS)}-${d}`,
      replicas: rng.pick([1, 2, 2, 3, 3, 3, 4, 6, 10]),
      oldReplicaSets: rng.int(0, 2),
      serviceAccount: rng.chance(0.6) ? `${team}-app` : 'default',
      service: rng.chance(0.15)
        ? 'none'
        : rng.chance(0.05)
          ? 'NodePort'
          : rng.chance(0.03)
            ? 'LoadBalancer'
            : 'ClusterIP',
      hostNetwork: rng.chance(0.01),
      automount: rng.chance(0.3) ? false : undefined,
    }));
    const ns: NamespacePlan = {
      name: `${team}-${i}`,
      team,
      env: rng.pick(['prod', 'prod', 'staging', 'dev']),
      serviceAccounts: ['default', `${team}-app`, ...(rng.chance(0.3) ? [`${team}-ci`] : [])],
      deployments,
      statefulSets: rng.chance(0.3) ? [{ name: `${rng.pick(['db', 'kafka', 'redis'])}`, replicas: 3 }] : [],
      cronJobs: rng.chance(0.4) ? ['nightly-report'] : [],
      barePods: rng.chance(0.05) ? ['debug-shell'] : [],
      selectorlessServices: rng.chance(0.05) ? 1 : 0,
      roles: 1,
      defaultDeny: rng.chance(0.7),
      allowSameNamespace: rng.chance(0.8),
      secrets: rng.int(1, 3),
    };
    plan.namespaces.push(ns);
    total += nsObjects(ns);
    i++;
  }
  plan.objects = total;
  return plan;
}

const DEFAULT_CLUSTER_ROLES = 70;
const DEFAULT_CLUSTER_ROLE_BINDINGS = 50;

function clusterLevelObjects(plan: ClusterPlan): number {
  const nodes = plan.nodes.length;
  const cp = plan.nodes.filter((n) => n.controlPlane).length;
  let n = nodes;
  n += 6; // system namespaces
  n += cp * CONTROL_PLANE.length; // static pods
  n += SYSTEM_DAEMONSETS.length * (1 + nodes); // DaemonSets and their pods
  n += 1 + 1 + 2; // coredns Deployment, ReplicaSet, Pods
  n += 4; // ingress-nginx: SA, Deployment, ReplicaSet, LoadBalancer Service (pods below)
  n += 2; // ingress pods
  n += DEFAULT_CLUSTER_ROLES + 3 + plan.operators.length * 2; // defaults, admin/edit/view, operator + CRD roles
  n += DEFAULT_CLUSTER_ROLE_BINDINGS + plan.operators.length + 2; // defaults, operators, team + break-glass
  n += plan.operators.length; // operator ServiceAccounts
  n += 6; // kube-system ServiceAccounts
  return n;
}

class ObjectFactory {
  private rv = 1000;
  readonly t0 = Date.UTC(2026, 5, 1);

  constructor(readonly rng: Rng) {}

  time(): string {
    return new Date(this.t0 + this.rng.int(0, 90 * 86400) * 1000).toISOString().replace('.000', '');
  }

  meta(
    name: string,
    namespace: string | undefined,
    labels: Record<string, string>,
    extra: { annotations?: Record<string, string>; owner?: KObj; manager?: string; generateName?: string } = {},
  ): KObj {
    const created = this.time();
    const m: KObj = {
      name,
      ...(extra.generateName ? { generateName: extra.generateName } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      uid: this.rng.uid(),
      resourceVersion: String(this.rv++),
      creationTimestamp: created,
      labels,
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      ...(extra.owner ? { ownerReferences: [extra.owner] } : {}),
      managedFields: [
        {
          manager: extra.manager ?? 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion: 'v1',
          time: created,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': Object.fromEntries(Object.keys(labels).map((k) => [`f:${k}`, {}])) },
            'f:spec': {},
          },
        },
      ],
    };
    return m;
  }

  owner(kind: string, apiVersion: string, name: string): KObj {
    return { apiVersion, kind, name, uid: this.rng.uid(), controller: true, blockOwnerDeletion: true };
  }

  container(name: string, image: string, args: string[] = []): KObj {
    return {
      name,
      image,
      ...(args.length ? { args } : {}),
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } } },
      ],
      resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      livenessProbe: {
        httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
        initialDelaySeconds: 10,
        periodSeconds: 10,
        timeoutSeconds: 1,
        successThreshold: 1,
        failureThreshold: 3,
      },
      readinessProbe: {
        httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
        periodSeconds: 5,
        timeoutSeconds: 1,
        successThreshold: 1,
        failureThreshold: 3,
      },
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
      volumeMounts: [
        { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      ],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    };
  }

  podSpec(containers: KObj[], sa: string, extra: KObj = {}): KObj {
    return {
      volumes: [
        {
          name: 'kube-api-access',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            ],
            defaultMode: 420,
          },
        },
      ],
      containers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: sa,
      serviceAccount: sa,
      securityContext: { runAsUser: 1000, fsGroup: 2000 },
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      ...extra,
    };
  }

  podStatus(phase: string, node: { name: string }, containers: string[]): KObj {
    const t = this.time();
    const ip = `10.${this.rng.int(0, 255)}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`;
    return {
      phase,
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: t,
      })),
      hostIP: `10.0.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`,
      podIP: ip,
      podIPs: [{ ip }],
      startTime: t,
      containerStatuses: containers.map((name) => ({
        name,
        state:
          phase === 'Running' ? { running: { startedAt: t } } : { terminated: { exitCode: 0, reason: 'Completed' } },
        lastState: {},
        ready: phase === 'Running',
        restartCount: this.rng.int(0, 3),
        image: `registry.example.com/${name}:1.${this.rng.int(0, 20)}.0`,
        imageID: `registry.example.com/${name}@sha256:${this.rng.hex(64)}`,
        containerID: `containerd://${this.rng.hex(64)}`,
        started: phase === 'Running',
      })),
      qosClass: 'Burstable',
      ...(node ? {} : {}),
    };
  }
}

export interface GeneratedObject {
  resource: ResourceName;
  obj: KObj;
}

/** Produces every object of the plan, grouped by resource in RESOURCES order. */
export function* generateCluster(plan: ClusterPlan): Generator<GeneratedObject> {
  const rng = new Rng(plan.seed ^ 0x5eed);
  const f = new ObjectFactory(rng);
  const cronJobNames = new Map<string, string>();
  const nodeOf = () => plan.nodes[3 + rng.int(0, plan.nodes.length - 4)];
  const cpNodes = plan.nodes.filter((n) => n.controlPlane);
  const emit = (resource: ResourceName, obj: KObj): GeneratedObject => ({
    resource,
    obj: { apiVersion: apiVersionOf(RESOURCES[resource]), kind: RESOURCES[resource].kind, ...obj },
  });

  for (const n of plan.nodes) {
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': n.name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'topology.kubernetes.io/zone': n.zone,
      'node.kubernetes.io/instance-type': n.controlPlane ? 'm6i.xlarge' : 'm6i.4xlarge',
      ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    };
    yield emit('nodes', {
      metadata: f.meta(n.name, undefined, labels, { manager: 'kubelet' }),
      spec: {
        providerID: `aws:///${n.zone}/i-${rng.hex(17)}`,
        podCIDR: `10.244.${rng.int(0, 255)}.0/24`,
        ...(n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      },
      status: {
        capacity: { cpu: '16', memory: '65021284Ki', pods: '110' },
        allocatable: { cpu: '15890m', memory: '64004452Ki', pods: '110' },
        conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
          type,
          status: type === 'Ready' ? 'True' : 'False',
          lastHeartbeatTime: f.time(),
          lastTransitionTime: f.time(),
          reason: type === 'Ready' ? 'KubeletReady' : `KubeletHasNo${type}`,
        })),
        addresses: [
          { type: 'InternalIP', address: `10.0.${rng.int(0, 255)}.${rng.int(1, 254)}` },
          { type: 'Hostname', address: n.name },
        ],
        nodeInfo: {
          machineID: rng.hex(32),
          systemUUID: rng.uid(),
          bootID: rng.uid(),
          kernelVersion: '6.1.102-111.182.amzn2023.x86_64',
          osImage: 'Amazon Linux 2023.5.20240819',
          containerRuntimeVersion: 'containerd://1.7.20',
          kubeletVersion: 'v1.31.2',
          kubeProxyVersion: 'v1.31.2',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    });
  }

  const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'ingress-nginx', 'monitoring'];
  for (const name of systemNamespaces) {
    yield emit('namespaces', {
      metadata: f.meta(name, undefined, { 'kubernetes.io/metadata.name': name }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  for (const ns of plan.namespaces) {
    yield emit('namespaces', {
      metadata: f.meta(ns.name, undefined, {
        'kubernetes.io/metadata.name': ns.name,
        team: ns.team,
        env: ns.env,
        ...(rng.chance(0.5) ? { 'pod-security.kubernetes.io/enforce': 'restricted' } : {}),
      }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  const systemSAs = ['default', 'kube-proxy', 'aws-node', 'coredns', 'node-exporter', 'ingress-nginx'];
  for (const name of systemSAs) {
    yield emit('serviceaccounts', { metadata: f.meta(name, 'kube-system', {}) });
  }
  for (const op of plan.operators) {
    yield emit('serviceaccounts', { metadata: f.meta(op, 'kube-system', { 'app.kubernetes.io/name': op }) });
  }
  for (const ns of plan.namespaces) {
    for (const sa of ns.serviceAccounts) {
      yield emit('serviceaccounts', {
        metadata: f.meta(sa, ns.name, sa === 'default' ? {} : { team: ns.team }),
        ...(sa === 'default' && rng.chance(0.2) ? { automountServiceAccountToken: false } : {}),
      });
    }
  }

  for (const ns of plan.namespaces) {
    for (let s = 0; s < ns.secrets; s++) {
      const token = s === 0 && rng.chance(0.3);
      yield emit('secrets', {
        metadata: f.meta(
          token ? `${ns.team}-app-token` : `${ns.team}-db-${s}`,
          ns.name,
          {},
          token ? { annotations: { 'kubernetes.io/service-account.name': `${ns.team}-app` } } : {},
        ),
        type: token ? 'kubernetes.io/service-account-token' : 'Opaque',
        // Synthetic values only: the collector must never keep them.
        data: { password: Buffer.from(`synthetic-${rng.hex(16)}`).toString('base64'), user: 'YXBw' },
      });
    }
  }

  const port = (p: number, type: string): KObj => ({
    name: 'http',
    protocol: 'TCP',
    port: p,
    targetPort: 8080,
    ...(type === 'NodePort' || type === 'LoadBalancer' ? { nodePort: 30000 + rng.int(0, 2767) } : {}),
  });
  const service = (
    name: string,
    ns: string,
    type: string,
    selector: Record<string, string> | undefined,
    headless = false,
  ) =>
    emit('services', {
      metadata: f.meta(name, ns, selector ? { ...selector } : {}),
      spec: {
        ...(selector ? { selector } : {}),
        ports: [port(80, type)],
        clusterIP: headless ? 'None' : `172.20.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        clusterIPs: [headless ? 'None' : `172.20.${rng.int(0, 255)}.${rng.int(1, 254)}`],
        type,
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        ...(type === 'LoadBalancer' ? { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true } : {}),
      },
      status: {
        loadBalancer:
          type === 'LoadBalancer' ? { ingress: [{ hostname: `a${rng.hex(31)}.elb.eu-west-1.amazonaws.com` }] } : {},
      },
    });
  yield service('kubernetes', 'default', 'ClusterIP', undefined);
  yield service('kube-dns', 'kube-system', 'ClusterIP', { 'k8s-app': 'kube-dns' });
  yield service('ingress-nginx-controller', 'ingress-nginx', 'LoadBalancer', {
    'app.kubernetes.io/name': 'ingress-nginx',
  });
  for (const ns of plan.namespaces) {
    for (const d of ns.deployments) {
      if (d.service !== 'none') yield service(d.name, ns.name, d.service, { app: d.name });
    }
    for (const s of ns.statefulSets) yield service(s.name, ns.name, 'ClusterIP', { app: s.name }, true);
    for (let i = 0; i < ns.selectorlessServices; i++) yield service(`external-${i}`, ns.name, 'ClusterIP', undefined);
  }

  // Pods, in the order of their controllers below; controller names and hashes are derived from the plan so the
  // owner references match the controllers emitted later.
  const hashOf = (ns: string, name: string, rev: number) => {
    const r = new Rng(hashString(`${plan.seed}/${ns}/${name}/${rev}`));
    return r.suffix(10);
  };
  const pod = (
    name: string,
    ns: string,
    labels: Record<string, string>,
    owner: KObj | undefined,
    sa: string,
    node: { name: string },
    opts: {
      phase?: string;
      hostNetwork?: boolean;
      automount?: boolean;
      annotations?: Record<string, string>;
      containers?: KObj[];
    } = {},
  ) => {
    const containers = opts.containers ?? [
      f.container(labels.app ?? name, `registry.example.com/${labels.app ?? name}:1.4.2`),
    ];
    return emit('pods', {
      metadata: f.meta(name, ns, labels, { owner, manager: 'kube-controller-manager', annotations: opts.annotations }),
      spec: f.podSpec(containers, sa, {
        nodeName: node.name,
        ...(opts.hostNetwork ? { hostNetwork: true } : {}),
        ...(opts.automount !== undefined ? { automountServiceAccountToken: opts.automount } : {}),
      }),
      status: f.podStatus(
        opts.phase ?? 'Running',
        node,
        containers.map((c) => String(c.name)),
      ),
    });
  };

  for (const cp of cpNodes) {
    for (const component of CONTROL_PLANE) {
      const flags =
        component === 'kube-apiserver'
          ? [
              '--advertise-address=10.0.0.1',
              '--allow-privileged=true',
              '--anonymous-auth=false',
              '--authorization-mode=Node,RBAC',
              '--client-ca-file=/etc/kubernetes/pki/ca.crt',
              '--enable-admission-plugins=NodeRestriction',
              '--etcd-servers=https://127.0.0.1:2379',
              '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
              '--profiling=false',
              '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
              '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
              '--audit-log-path=/var/log/kubernetes/audit.log',
            ]
          : component === 'etcd'
            ? [
                '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
                '--client-cert-auth=true',
                '--peer-client-cert-auth=true',
              ]
            : ['--profiling=false', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/controller.conf'];
      const c = { ...f.container(component, `registry.k8s.io/${component}:v1.31.2`), command: [component, ...flags] };
      yield pod(
        `${component}-${cp.name}`,
        'kube-system',
        { component, tier: 'control-plane' },
        undefined,
        'default',
        cp,
        {
          annotations: { 'kubernetes.io/config.mirror': rng.hex(32), 'kubernetes.io/config.source': 'file' },
          containers: [c],
        },
      );
    }
  }
  for (const ds of SYSTEM_DAEMONSETS) {
    const ns = ds === 'node-exporter' ? 'monitoring' : 'kube-system';
    for (const n of plan.nodes) {
      yield pod(
        `${ds}-${f.rng.suffix(5)}`,
        ns,
        { app: ds, 'controller-revision-hash': '7d9f8c6b5' },
        f.owner('DaemonSet', 'apps/v1', ds),
        ds,
        n,
        {
          hostNetwork: ds !== 'node-exporter',
        },
      );
    }
  }
  const corednsRs = `coredns-${hashOf('kube-system', 'coredns', 0)}`;
  for (let i = 0; i < 2; i++)
    yield pod(
      `${corednsRs}-${rng.suffix(5)}`,
      'kube-system',
      { 'k8s-app': 'kube-dns', app: 'coredns' },
      f.owner('ReplicaSet', 'apps/v1', corednsRs),
      'coredns',
      nodeOf(),
    );
  const ingressRs = `ingress-nginx-controller-${hashOf('ingress-nginx', 'controller', 0)}`;
  for (let i = 0; i < 2; i++)
    yield pod(
      `${ingressRs}-${rng.suffix(5)}`,
      'ingress-nginx',
      { 'app.kubernetes.io/name': 'ingress-nginx', app: 'ingress-nginx' },
      f.owner('ReplicaSet', 'apps/v1', ingressRs),
      'ingress-nginx',
      nodeOf(),
    );
  for (const ns of plan.namespaces) {
    for (const d of ns.deployments) {
      const rs = `${d.name}-${hashOf(ns.name, d.name, d.oldReplicaSets)}`;
      for (let i = 0; i < d.replicas; i++) {
        yield pod(
          `${rs}-${rng.suffix(5)}`,
          ns.name,
          { app: d.name, 'pod-template-hash': rs.slice(-10), team: ns.team },
          f.owner('ReplicaSet', 'apps/v1', rs),
          d.serviceAccount,
          nodeOf(),
          {
            hostNetwork: d.hostNetwork,
            automount: d.automount,
          },
        );
      }
    }
    for (const s of ns.statefulSets) {
      for (let i = 0; i < s.replicas; i++)
        yield pod(
          `${s.name}-${i}`,
          ns.name,
          { app: s.name, 'statefulset.kubernetes.io/pod-name': `${s.name}-${i}` },
          f.owner('StatefulSet', 'apps/v1', s.name),
          'default',
          nodeOf(),
        );
    }
    for (const cj of ns.cronJobs) {
      const job = `${cj}-2926${rng.int(1000, 9999)}`;
      yield pod(
        `${job}-${rng.suffix(5)}`,
        ns.name,
        { app: cj, 'job-name': job },
        f.owner('Job', 'batch/v1', job),
        'default',
        nodeOf(),
        { phase: 'Succeeded' },
      );
      // The Job's name must match: remember it for the Job list.
      cronJobNames.set(`${ns.name}/${cj}`, job);
    }
    for (const p of ns.barePods)
      yield pod(p, ns.name, { run: p }, undefined, 'default', nodeOf(), { phase: 'Running' });
  }

  const template = (labels: Record<string, string>, sa: string, extra: KObj = {}) => ({
    metadata: { labels },
    spec: f.podSpec([f.container(labels.app ?? 'app', `registry.example.com/${labels.app ?? 'app'}:1.4.2`)], sa, extra),
  });
  const deployment = (
    name: string,
    ns: string,
    replicas: number,
    labels: Record<string, string>,
    sa: string,
    extra: KObj = {},
  ) =>
    emit('deployments', {
      metadata: f.meta(name, ns, labels, { annotations: { 'deployment.kubernetes.io/revision': '3' } }),
      spec: {
        replicas,
        selector: { matchLabels: { app: labels.app } },
        template: template(labels, sa, extra),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {
        observedGeneration: 3,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
      },
    });
  yield deployment('coredns', 'kube-system', 2, { app: 'coredns', 'k8s-app': 'kube-dns' }, 'coredns');
  yield deployment(
    'ingress-nginx-controller',
    'ingress-nginx',
    2,
    { app: 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
    'ingress-nginx',
  );
  for (const ns of plan.namespaces)
    for (const d of ns.deployments)
      yield deployment(d.name, ns.name, d.replicas, { app: d.name, team: ns.team }, d.serviceAccount, {
        ...(d.hostNetwork ? { hostNetwork: true } : {}),
        ...(d.automount !== undefined ? { automountServiceAccountToken: d.automount } : {}),
      });

  const replicaSet = (
    name: string,
    ns: string,
    owner: string,
    replicas: number,
    labels: Record<string, string>,
    sa: string,
  ) =>
    emit('replicasets', {
      metadata: f.meta(name, ns, labels, {
        owner: f.owner('Deployment', 'apps/v1', owner),
        manager: 'kube-controller-manager',
      }),
      spec: { replicas, selector: { matchLabels: { app: labels.app } }, template: template(labels, sa) },
      status: {
        replicas,
        fullyLabeledReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        observedGeneration: 1,
      },
    });
  yield replicaSet(corednsRs, 'kube-system', 'coredns', 2, { app: 'coredns' }, 'coredns');
  yield replicaSet(
    ingressRs,
    'ingress-nginx',
    'ingress-nginx-controller',
    2,
    { app: 'ingress-nginx' },
    'ingress-nginx',
  );
  for (const ns of plan.namespaces)
    for (const d of ns.deployments)
      for (let rev = 0; rev <= d.oldReplicaSets; rev++) {
        const current = rev === d.oldReplicaSets;
        yield replicaSet(
          `${d.name}-${hashOf(ns.name, d.name, rev)}`,
          ns.name,
          d.name,
          current ? d.replicas : 0,
          { app: d.name, team: ns.team },
          d.serviceAccount,
        );
      }

  for (const ns of plan.namespaces)
    for (const s of ns.statefulSets)
      yield emit('statefulsets', {
        metadata: f.meta(s.name, ns.name, { app: s.name }),
        spec: {
          replicas: s.replicas,
          serviceName: s.name,
          selector: { matchLabels: { app: s.name } },
          template: template({ app: s.name }, 'default'),
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } } },
            },
          ],
        },
        status: { replicas: s.replicas, readyReplicas: s.replicas },
      });

  for (const ds of SYSTEM_DAEMONSETS)
    yield emit('daemonsets', {
      metadata: f.meta(ds, ds === 'node-exporter' ? 'monitoring' : 'kube-system', { app: ds }),
      spec: {
        selector: { matchLabels: { app: ds } },
        template: template({ app: ds }, ds, ds === 'node-exporter' ? {} : { hostNetwork: true }),
        updateStrategy: { type: 'RollingUpdate' },
      },
      status: { desiredNumberScheduled: plan.nodes.length, numberReady: plan.nodes.length },
    });

  for (const ns of plan.namespaces)
    for (const cj of ns.cronJobs) {
      const job = cronJobNames.get(`${ns.name}/${cj}`) ?? cj;
      yield emit('jobs', {
        metadata: f.meta(job, ns.name, { 'job-name': job }, { owner: f.owner('CronJob', 'batch/v1', cj) }),
        spec: {
          completions: 1,
          parallelism: 1,
          backoffLimit: 6,
          template: template({ app: cj }, 'default', { restartPolicy: 'Never' }),
        },
        status: { succeeded: 1, completionTime: f.time() },
      });
    }
  for (const ns of plan.namespaces)
    for (const cj of ns.cronJobs)
      yield emit('cronjobs', {
        metadata: f.meta(cj, ns.name, { app: cj }),
        spec: {
          schedule: '0 3 * * *',
          concurrencyPolicy: 'Forbid',
          jobTemplate: { spec: { template: template({ app: cj }, 'default', { restartPolicy: 'Never' }) } },
        },
      });

  for (const ns of plan.namespaces) {
    if (ns.defaultDeny)
      yield emit('networkpolicies', {
        metadata: f.meta('default-deny', ns.name, {}),
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    if (ns.allowSameNamespace)
      yield emit('networkpolicies', {
        metadata: f.meta('allow-same-namespace', ns.name, {}),
        spec: {
          podSelector: {},
          ingress: [{ from: [{ podSelector: {} }] }],
          egress: [
            { to: [{ podSelector: {} }] },
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
          policyTypes: ['Ingress', 'Egress'],
        },
      });
    const first = ns.deployments[0];
    yield emit('networkpolicies', {
      metadata: f.meta('allow-from-ingress', ns.name, {}),
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [first.name] }] },
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.99.0/24'] } },
            ],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
        policyTypes: ['Ingress'],
      },
    });
  }

  const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });
  for (const ns of plan.namespaces)
    for (let r = 0; r < ns.roles; r++)
      yield emit('roles', {
        metadata: f.meta(`${ns.team}-deployer`, ns.name, { team: ns.team }),
        rules: [
          rule(['apps'], ['deployments', 'replicasets'], ['get', 'list', 'watch', 'create', 'update', 'patch']),
          rule([''], ['configmaps', 'services'], ['get', 'list', 'create', 'update', 'patch', 'delete']),
          rule([''], ['secrets'], ['get']),
          rule([''], ['pods/exec'], rng.chance(0.2) ? ['create'] : []),
        ],
      });

  for (const ns of plan.namespaces) {
    const binding = (name: string, roleRef: KObj, subjects: KObj[]) =>
      emit('rolebindings', { metadata: f.meta(name, ns.name, { team: ns.team }), roleRef, subjects });
    yield binding('team-edit', { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `team:${ns.team}` },
    ]);
    yield binding('auditors-view', { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'auditors' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: `oncall-${ns.team}@example.com` },
    ]);
    for (let r = 0; r < ns.roles; r++)
      yield binding(
        `${ns.team}-deployer`,
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${ns.team}-deployer` },
        [{ kind: 'ServiceAccount', name: ns.serviceAccounts[ns.serviceAccounts.length - 1], namespace: ns.name }],
      );
  }

  const defaultLabels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
  const defaults = [
    'cluster-admin',
    ...Array.from({ length: DEFAULT_CLUSTER_ROLES - 1 }, (_, i) => `system:controller:c${i}`),
  ];
  for (const name of defaults)
    yield emit('clusterroles', {
      metadata: f.meta(name, undefined, defaultLabels, {
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      }),
      rules:
        name === 'cluster-admin'
          ? [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }]
          : [
              rule([''], [rng.pick(['pods', 'nodes', 'endpoints', 'events', 'services'])], ['get', 'list', 'watch']),
              rule(['apps'], ['deployments'], ['get', 'update']),
            ],
    });
  for (const [name, into] of [
    ['admin', 'admin'],
    ['edit', 'edit'],
    ['view', 'view'],
  ])
    yield emit('clusterroles', {
      metadata: f.meta(name, undefined, {
        ...defaultLabels,
        ...(name !== 'admin'
          ? { [`rbac.authorization.k8s.io/aggregate-to-${name === 'edit' ? 'admin' : 'edit'}`]: 'true' }
          : {}),
      }),
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${into}`]: 'true' } }],
      },
      rules: [],
    });
  for (const op of plan.operators) {
    yield emit('clusterroles', {
      metadata: f.meta(op, undefined, { 'app.kubernetes.io/name': op }),
      rules: [
        rule(['*'], ['*'], ['get', 'list', 'watch']),
        rule([''], ['secrets'], ['get', 'list', 'watch', 'create', 'update']),
      ],
    });
    yield emit('clusterroles', {
      metadata: f.meta(`${op}-crd-edit`, undefined, {
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
      }),
      rules: [
        rule(
          [`${op}.example.com`],
          ['widgets', 'widgets/status'],
          ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        ),
      ],
    });
  }

  for (let i = 0; i < DEFAULT_CLUSTER_ROLE_BINDINGS; i++) {
    const role = i === 0 ? 'cluster-admin' : defaults[i % defaults.length];
    yield emit('clusterrolebindings', {
      metadata: f.meta(i === 0 ? 'cluster-admin' : `system:controller:b${i}`, undefined, defaultLabels),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects:
        i === 0
          ? [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]
          : [{ kind: 'ServiceAccount', name: `c${i}`, namespace: 'kube-system' }],
    });
  }
  for (const op of plan.operators)
    yield emit('clusterrolebindings', {
      metadata: f.meta(op, undefined, { 'app.kubernetes.io/name': op }),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: op },
      subjects: [{ kind: 'ServiceAccount', name: op, namespace: 'kube-system' }],
    });
  yield emit('clusterrolebindings', {
    metadata: f.meta('platform-admins', undefined, {}),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'team:platform' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'break-glass@example.com' },
    ],
  });
  yield emit('clusterrolebindings', {
    metadata: f.meta('ci-deployer', undefined, {}),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: plan.namespaces
      .slice(0, 20)
      .map((ns) => ({ kind: 'ServiceAccount', name: 'default', namespace: ns.name })),
  });
}

/** FNV-1a: a stable 32-bit seed from a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
