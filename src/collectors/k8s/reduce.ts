/**
 * Reduces Kubernetes objects to cluster facts one object at a time, so memory follows the facts and not the raw API
 * objects: the live collector feeds it page by page, the manifests reader file by file. Secret `data` is never kept.
 */

import type {
  ComponentInstance,
  ControlPlaneComponent,
  KBinding,
  KControlPlane,
  KNamespace,
  KNetworkPolicy,
  KNode,
  KPodSpecSecurity,
  KPolicyRule,
  KRole,
  KSecretMeta,
  KService,
  KServiceAccount,
  KSubject,
  KVersion,
  KWorkload,
  LabelSelector,
  Labels,
} from '../../core/facts/k8s';
import type { Fact, FactSet } from '../../core/model';
import { parseFlags } from '../kube-flags';
import { factsOfKind, LISTS } from './kinds';
import { podSecurityOf } from './reduce-pod-security';
import { WorkloadPorts } from './reduce-ports';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
function labelsOf(v: unknown): Labels {
  const out: Labels = {};
  if (isObj(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}
function selectorOf(v: unknown): LabelSelector {
  if (!isObj(v)) return {};
  const sel: LabelSelector = {};
  if (isObj(v.matchLabels)) sel.matchLabels = labelsOf(v.matchLabels);
  if (Array.isArray(v.matchExpressions)) {
    sel.matchExpressions = v.matchExpressions.filter(isObj).map((e) => ({
      key: str(e.key) ?? '',
      operator: (str(e.operator) ?? 'Exists') as 'In' | 'NotIn' | 'Exists' | 'DoesNotExist',
      ...(Array.isArray(e.values) ? { values: strings(e.values) } : {}),
    }));
  }
  return sel;
}

/** The pod controllers whose pod template we read, and the field holding it. */
const CONTROLLERS: Record<string, (spec: Obj) => Obj | undefined> = {
  Deployment: (s) => (isObj(s.template) ? s.template : undefined),
  StatefulSet: (s) => (isObj(s.template) ? s.template : undefined),
  DaemonSet: (s) => (isObj(s.template) ? s.template : undefined),
  ReplicaSet: (s) => (isObj(s.template) ? s.template : undefined),
  ReplicationController: (s) => (isObj(s.template) ? s.template : undefined),
  Job: (s) => (isObj(s.template) ? s.template : undefined),
  CronJob: (s) =>
    isObj(s.jobTemplate) && isObj(s.jobTemplate.spec) && isObj(s.jobTemplate.spec.template)
      ? s.jobTemplate.spec.template
      : undefined,
};

export const CONTROL_PLANE_COMPONENTS: readonly ControlPlaneComponent[] = [
  'kube-apiserver',
  'etcd',
  'kube-controller-manager',
  'kube-scheduler',
];

/** Which control-plane component a static Pod runs, from its labels or its container's command. */
export function componentOf(pod: Obj): ControlPlaneComponent | undefined {
  const meta = isObj(pod.metadata) ? pod.metadata : {};
  const labels = labelsOf(meta.labels);
  const fromLabel = labels.component ?? labels['k8s-app'];
  if (fromLabel && (CONTROL_PLANE_COMPONENTS as readonly string[]).includes(fromLabel)) {
    return fromLabel as ControlPlaneComponent;
  }
  const spec = isObj(pod.spec) ? pod.spec : {};
  for (const c of arr(spec.containers).filter(isObj)) {
    const cmd = strings(c.command)[0] ?? '';
    const base = cmd.split('/').pop() ?? '';
    if ((CONTROL_PLANE_COMPONENTS as readonly string[]).includes(base)) return base as ControlPlaneComponent;
  }
  return undefined;
}

/** The command line (command + args) of the component's container. */
export function componentArgv(pod: Obj, component: ControlPlaneComponent): string[] {
  const spec = isObj(pod.spec) ? pod.spec : {};
  const containers = arr(spec.containers).filter(isObj);
  const c =
    containers.find((x) => (strings(x.command)[0] ?? '').endsWith(component)) ??
    containers.find((x) => x.name === component) ??
    containers[0];
  return c ? [...strings(c.command), ...strings(c.args)] : [];
}

interface ControllerRec {
  kind: string;
  namespace: string;
  name: string;
  podLabels: Labels;
  serviceAccountName: string;
  specReplicas: number;
  owner?: { kind: string; name: string };
  hostNetwork?: boolean;
  automount?: boolean;
  pod?: KPodSpecSecurity;
}

export interface BuilderOptions {
  /** Where objects come from: changes what an absent kind means. */
  source: 'live' | 'manifests';
}

/** One object as every reducer reads it. */
interface KubeObject {
  obj: Obj;
  kind: string;
  meta: Obj;
  spec: Obj;
  name: string;
  namespace: string;
  source: BuilderOptions['source'];
  /** Where the object was read (a node for static Pods read from files). */
  origin?: string;
}

/** What the reducers add to: one list or map per fact, workloads kept by their own part. */
interface Parts {
  namespaces: Map<string, KNamespace>;
  nodes: KNode[];
  workloads: Workloads;
  services: KService[];
  netpols: KNetworkPolicy[];
  roles: KRole[];
  bindings: KBinding[];
  serviceAccounts: KServiceAccount[];
  secrets: KSecretMeta[];
  components: KControlPlane['components'];
}

type Reducer = (o: KubeObject, into: Parts) => void;

/**
 * One reducer per kind. A Map, not an object literal: a kind named after a member of every object (`constructor`,
 * `toString`) is an unknown kind like any other.
 */
const REDUCERS = new Map<string, Reducer>([
  ['Namespace', (o, p) => p.namespaces.set(o.name, { name: o.name, labels: labelsOf(o.meta.labels) })],
  ['Node', (o, p) => p.nodes.push(nodeOf(o))],
  ['Pod', reducePod],
  ['Service', (o, p) => p.services.push(serviceOf(o))],
  ['NetworkPolicy', (o, p) => p.netpols.push(networkPolicyOf(o))],
  ['Role', (o, p) => p.roles.push(roleOf(o))],
  ['ClusterRole', (o, p) => p.roles.push(roleOf(o))],
  ['RoleBinding', (o, p) => p.bindings.push(bindingOf(o))],
  ['ClusterRoleBinding', (o, p) => p.bindings.push(bindingOf(o))],
  ['ServiceAccount', (o, p) => p.serviceAccounts.push(serviceAccountOf(o))],
  ['Secret', (o, p) => p.secrets.push(secretOf(o))],
  ...Object.entries(CONTROLLERS).map(([kind, template]): [string, Reducer] => [
    kind,
    (o, p) => p.workloads.addController(o, template(o.spec)),
  ]),
]);

/** Kinds whose objects live in a namespace (src/collectors/k8s/kinds.ts): from manifests they make it known. */
const NAMESPACED = new Set(LISTS.filter((l) => l.namespaced).map((l) => l.kind));

/**
 * Accepts objects of any kind with add(); finish() gives the facts. For live clusters the collector marks the kinds
 * it could not list with fail(); absent kinds from manifests mean "none".
 */
export class KubeFactBuilder {
  private readonly parts: Parts;
  private readonly seenNamespaces = new Set<string>();
  private version: KVersion | undefined;
  private readonly ports = new WorkloadPorts();
  /** Why a fact is incomplete: the first reason, and how many other reasons there were. */
  private readonly failures = new Map<string, { reason: string; more: number }>();
  /** Counts of objects by kind, for progress and for the bench. */
  readonly counts = new Map<string, number>();

  constructor(private readonly opts: BuilderOptions) {
    this.parts = {
      namespaces: new Map(),
      nodes: [],
      workloads: new Workloads(opts.source),
      services: [],
      netpols: [],
      roles: [],
      bindings: [],
      serviceAccounts: [],
      secrets: [],
      components: {},
    };
  }

  setVersion(v: KVersion): void {
    this.version = v;
  }

  /** Records that a fact could not be collected (forbidden list, timeout…): its checks become unknown. */
  fail(key: keyof FactSet, reason: string): void {
    const known = this.failures.get(key);
    if (!known) this.failures.set(key, { reason, more: 0 });
    else if (known.reason !== reason) known.more++;
  }

  /**
   * Records that objects of `kind` may be missing from the input (`null`: objects of any kind), because a list
   * failed or a manifest could not be read: every fact such objects feed fails with `reason`, so nothing they held
   * can look resolved. The one place input gaps become failed facts, for every source.
   */
  unassessed(kind: string | null, reason: string): void {
    for (const key of factsOfKind(kind, this.opts.source)) this.fail(key, reason);
  }

  private failure(key: keyof FactSet): string | undefined {
    const f = this.failures.get(key);
    if (!f) return undefined;
    return f.more > 0 ? `${f.reason} (and ${f.more} more)` : f.reason;
  }

  /** Adds one object; returns false for kinds that produce no facts. */
  add(obj: unknown, origin?: string): boolean {
    if (!isObj(obj)) return false;
    const kind = str(obj.kind);
    if (!kind) return false;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const reduce = REDUCERS.get(kind);
    if (!reduce) return false;
    const meta = isObj(obj.metadata) ? obj.metadata : {};
    const o: KubeObject = {
      obj,
      kind,
      meta,
      spec: isObj(obj.spec) ? obj.spec : {},
      name: str(meta.name) ?? '',
      namespace: str(meta.namespace) ?? 'default',
      source: this.opts.source,
      ...(origin !== undefined ? { origin } : {}),
    };
    if (NAMESPACED.has(kind)) this.seenNamespaces.add(o.namespace);
    reduce(o, this.parts);
    this.ports.add(o, Object.hasOwn(CONTROLLERS, kind) ? CONTROLLERS[kind](o.spec) : kind === 'Pod' ? obj : undefined);
    return true;
  }

  /** The collected facts. Kinds marked with fail() are `{ok:false}`. */
  finish(): FactSet {
    const facts: FactSet = {};
    const put = <T>(key: keyof FactSet, value: T) => {
      const failure = this.failure(key);
      (facts as Record<string, Fact<unknown>>)[key] = failure ? { ok: false, reason: failure } : { ok: true, value };
    };
    const p = this.parts;
    put('k8s.namespaces', this.namespaces());
    put('k8s.nodes', p.nodes);
    put('k8s.workloads', this.ports.attach(p.workloads.list()));
    put('k8s.services', p.services);
    put('k8s.networkPolicies', p.netpols);
    put('k8s.rbac', { roles: p.roles, bindings: p.bindings });
    put('k8s.serviceAccounts', p.serviceAccounts);
    put('k8s.secrets', p.secrets);
    if (this.version) put('k8s.version', this.version);
    else
      facts['k8s.version'] = {
        ok: false,
        reason: this.failure('k8s.version') ?? 'server version not available from manifests',
      };
    put('k8s.controlPlane', { ...managedControlPlane(this.version, p.nodes), components: p.components });
    return facts;
  }

  private namespaces(): KNamespace[] {
    const namespaces = new Map(this.parts.namespaces);
    // A GitOps repository rarely holds Namespace objects: the namespaces its objects live in exist all the same.
    if (this.opts.source === 'manifests') {
      for (const ns of this.seenNamespaces) {
        if (!namespaces.has(ns)) namespaces.set(ns, { name: ns, labels: {}, inferred: true });
      }
    }
    return [...namespaces.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

function nodeOf({ obj, meta, spec, name }: KubeObject): KNode {
  const labels = labelsOf(meta.labels);
  const taints = arr(spec.taints).filter(isObj);
  const status = isObj(obj.status) ? obj.status : {};
  const nodeInfo = isObj(status.nodeInfo) ? status.nodeInfo : {};
  return {
    name,
    labels,
    controlPlane:
      'node-role.kubernetes.io/control-plane' in labels ||
      'node-role.kubernetes.io/master' in labels ||
      taints.some(
        (t) => t.key === 'node-role.kubernetes.io/control-plane' || t.key === 'node-role.kubernetes.io/master',
      ),
    ...(str(nodeInfo.kubeletVersion) ? { kubeletVersion: str(nodeInfo.kubeletVersion) } : {}),
    ...(str(spec.providerID) ? { providerID: str(spec.providerID) } : {}),
  };
}

/** A Pod feeds two facts: the control plane (a static Pod of a component) and the workloads. */
function reducePod(o: KubeObject, p: Parts): void {
  const annotations = labelsOf(o.meta.annotations);
  const isStatic = 'kubernetes.io/config.mirror' in annotations || 'kubernetes.io/config.source' in annotations;
  const component = componentOf(o.obj);
  if (component && (isStatic || o.namespace === 'kube-system')) {
    const instance: ComponentInstance = {
      source: o.source === 'live' ? 'mirror-pod' : 'manifest-file',
      ...(str(o.spec.nodeName) ? { node: str(o.spec.nodeName) } : o.origin ? { node: o.origin } : {}),
      flags: parseFlags(componentArgv(o.obj, component)),
    };
    const list = p.components[component] ?? [];
    list.push(instance);
    p.components[component] = list;
  }
  p.workloads.addPod(o, isStatic);
}

function serviceOf({ spec, namespace, name }: KubeObject): KService {
  return {
    namespace,
    name,
    type: str(spec.type) ?? 'ClusterIP',
    ...(isObj(spec.selector) && Object.keys(spec.selector).length > 0 ? { selector: labelsOf(spec.selector) } : {}),
    ports: arr(spec.ports)
      .filter(isObj)
      .map((p) => ({
        port: Number(p.port),
        ...(p.nodePort !== undefined ? { nodePort: Number(p.nodePort) } : {}),
        ...(str(p.protocol) ? { protocol: str(p.protocol) } : {}),
      })),
  };
}

function networkPolicyOf({ spec, namespace, name }: KubeObject): KNetworkPolicy {
  const np: KNetworkPolicy = { namespace, name, podSelector: selectorOf(spec.podSelector) };
  if (Array.isArray(spec.policyTypes)) np.policyTypes = strings(spec.policyTypes) as ('Ingress' | 'Egress')[];
  if (Array.isArray(spec.ingress))
    np.ingress = spec.ingress.filter(isObj).map((r) => ({ ...peersAndPorts(r, 'from') }));
  if (Array.isArray(spec.egress)) np.egress = spec.egress.filter(isObj).map((r) => ({ ...peersAndPorts(r, 'to') }));
  return np;
}

function roleOf({ obj, kind, meta, name, namespace }: KubeObject): KRole {
  const role: KRole = {
    kind: kind as KRole['kind'],
    name,
    labels: labelsOf(meta.labels),
    rules: arr(obj.rules).filter(isObj).map(ruleOf),
    ...(kind === 'Role' ? { namespace } : {}),
  };
  const annotations = labelsOf(meta.annotations);
  if (annotations['rbac.authorization.kubernetes.io/autoupdate']) {
    role.annotations = {
      'rbac.authorization.kubernetes.io/autoupdate': annotations['rbac.authorization.kubernetes.io/autoupdate'],
    };
  }
  if (isObj(obj.aggregationRule)) {
    role.aggregationRule = { clusterRoleSelectors: arr(obj.aggregationRule.clusterRoleSelectors).map(selectorOf) };
  }
  return role;
}

function bindingOf({ obj, kind, meta, name, namespace }: KubeObject): KBinding {
  const ref = isObj(obj.roleRef) ? obj.roleRef : {};
  return {
    kind: kind as KBinding['kind'],
    name,
    labels: labelsOf(meta.labels),
    roleRef: { kind: str(ref.kind) === 'Role' ? 'Role' : 'ClusterRole', name: str(ref.name) ?? '' },
    subjects: arr(obj.subjects)
      .filter(isObj)
      .map((s): KSubject => {
        const sk = str(s.kind) as KSubject['kind'];
        return {
          kind: sk,
          name: str(s.name) ?? '',
          ...(sk === 'ServiceAccount' ? { namespace: str(s.namespace) ?? namespace } : {}),
        };
      }),
    ...(kind === 'RoleBinding' ? { namespace } : {}),
  };
}

function serviceAccountOf({ obj, namespace, name }: KubeObject): KServiceAccount {
  return {
    namespace,
    name,
    ...(typeof obj.automountServiceAccountToken === 'boolean'
      ? { automountServiceAccountToken: obj.automountServiceAccountToken }
      : {}),
  };
}

/** Metadata only: a Secret's `data` is never read. */
function secretOf({ obj, meta, namespace, name }: KubeObject): KSecretMeta {
  const annotations = labelsOf(meta.annotations);
  return {
    namespace,
    name,
    type: str(obj.type) ?? 'Opaque',
    ...(annotations['kubernetes.io/service-account.name']
      ? { serviceAccountName: annotations['kubernetes.io/service-account.name'] }
      : {}),
  };
}

/**
 * Workloads from their controllers and their pods: pods count towards their top-level controller (Pod ->
 * ReplicaSet -> Deployment, Pod -> Job -> CronJob); pods with no controller are workloads of their own.
 */
class Workloads {
  private readonly controllers = new Map<string, ControllerRec>();
  private readonly podsByOwner = new Map<string, number>();
  /** Labels and service account of the first pod of each owner: the workload's, when its controller is not seen. */
  private readonly podTemplateByOwner = new Map<
    string,
    { labels: Labels; serviceAccountName: string; hostNetwork: boolean; pod: KPodSpecSecurity }
  >();
  private readonly barePods: KWorkload[] = [];
  private podsSeen = false;

  constructor(private readonly source: BuilderOptions['source']) {}

  addController({ kind, meta, spec, namespace, name }: KubeObject, tpl: Obj | undefined): void {
    const tplMeta = tpl && isObj(tpl.metadata) ? tpl.metadata : {};
    const tplSpec = tpl && isObj(tpl.spec) ? tpl.spec : {};
    const owner = controllerOwner(meta);
    this.controllers.set(`${kind}/${namespace}/${name}`, {
      kind,
      namespace,
      name,
      podLabels: labelsOf(tplMeta.labels),
      serviceAccountName: str(tplSpec.serviceAccountName) ?? 'default',
      specReplicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
      ...(owner ? { owner } : {}),
      ...(tplSpec.hostNetwork === true ? { hostNetwork: true } : {}),
      ...(typeof tplSpec.automountServiceAccountToken === 'boolean'
        ? { automount: tplSpec.automountServiceAccountToken }
        : {}),
      ...(tpl ? { pod: podSecurityOf(tplSpec) } : {}),
    });
  }

  addPod({ obj, meta, spec, namespace, name }: KubeObject, isStatic: boolean): void {
    this.podsSeen = true;
    const status = isObj(obj.status) ? obj.status : {};
    const phase = str(status.phase);
    const running = this.source === 'manifests' ? true : phase === 'Running' || phase === 'Pending';
    const owner = controllerOwner(meta);
    if (owner) {
      if (running) {
        const key = `${owner.kind}/${namespace}/${owner.name}`;
        this.podsByOwner.set(key, (this.podsByOwner.get(key) ?? 0) + 1);
        if (!this.podTemplateByOwner.has(key)) {
          this.podTemplateByOwner.set(key, {
            labels: labelsOf(meta.labels),
            serviceAccountName: str(spec.serviceAccountName) ?? 'default',
            hostNetwork: spec.hostNetwork === true,
            pod: podSecurityOf(spec),
          });
        }
      }
      return;
    }
    if (isStatic) return;
    this.barePods.push({
      kind: 'Pod',
      namespace,
      name,
      podLabels: labelsOf(meta.labels),
      serviceAccountName: str(spec.serviceAccountName) ?? 'default',
      replicas: running ? 1 : 0,
      ...(spec.hostNetwork === true ? { hostNetwork: true } : {}),
      ...(typeof spec.automountServiceAccountToken === 'boolean'
        ? { automountServiceAccountToken: spec.automountServiceAccountToken }
        : {}),
      pod: podSecurityOf(spec),
    });
  }

  list(): KWorkload[] {
    const running = new Map<string, number>();
    // Top-level owners whose controller was not seen (not listed, or a custom controller), each with the first pod
    // owner that led to it: a Map, not a scan of the output per pod owner (quadratic when a controller kind could
    // not be listed and every ReplicaSet is known only from its pods).
    const orphans = new Map<string, string>();
    for (const [key, n] of this.podsByOwner) {
      const top = this.topOwner(key);
      running.set(top, (running.get(top) ?? 0) + n);
      if (!this.controllers.has(top) && !orphans.has(top)) orphans.set(top, key);
    }
    const out = [
      ...[...orphans].map(([top, key]) => this.orphan(top, key, running.get(top) ?? 0)),
      ...this.fromControllers(running),
      ...this.barePods,
    ];
    return out.sort((a, b) => `${a.namespace}/${a.kind}/${a.name}`.localeCompare(`${b.namespace}/${b.kind}/${b.name}`));
  }

  private topOwner(key: string): string {
    let k = key;
    for (let hops = 0; hops < 3; hops++) {
      const rec = this.controllers.get(k);
      if (!rec?.owner) break;
      k = `${rec.owner.kind}/${rec.namespace}/${rec.owner.name}`;
    }
    return k;
  }

  /** A workload known only from its pods' owner references: its replicas are the pods seen running. */
  private orphan(top: string, podOwner: string, replicas: number): KWorkload {
    const [kind, namespace, name] = top.split('/');
    // The pods' own labels stand for the template we could not read, so policies still select the workload.
    const tpl = this.podTemplateByOwner.get(podOwner);
    return {
      kind,
      namespace,
      name,
      podLabels: tpl?.labels ?? {},
      serviceAccountName: tpl?.serviceAccountName ?? 'default',
      replicas,
      ...(tpl?.hostNetwork ? { hostNetwork: true } : {}),
      ...(tpl ? { pod: tpl.pod } : {}),
    };
  }

  private fromControllers(running: ReadonlyMap<string, number>): KWorkload[] {
    const out: KWorkload[] = [];
    for (const [key, rec] of this.controllers) {
      if (rec.owner && this.controllers.has(`${rec.owner.kind}/${rec.namespace}/${rec.owner.name}`)) continue;
      const replicas =
        this.source === 'live' && this.podsSeen
          ? (running.get(key) ?? 0)
          : rec.kind === 'DaemonSet'
            ? 1
            : rec.specReplicas;
      out.push({
        kind: rec.kind,
        namespace: rec.namespace,
        name: rec.name,
        podLabels: rec.podLabels,
        serviceAccountName: rec.serviceAccountName,
        replicas,
        ...(rec.hostNetwork ? { hostNetwork: true } : {}),
        ...(rec.automount !== undefined ? { automountServiceAccountToken: rec.automount } : {}),
        ...(rec.pod ? { pod: rec.pod } : {}),
      });
    }
    return out;
  }
}

function controllerOwner(meta: Obj): { kind: string; name: string } | undefined {
  const refs = arr(meta.ownerReferences).filter(isObj);
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  return ref && str(ref.kind) && str(ref.name) ? { kind: str(ref.kind)!, name: str(ref.name)! } : undefined;
}

function ruleOf(r: Obj): KPolicyRule {
  const rule: KPolicyRule = { verbs: strings(r.verbs) };
  if (Array.isArray(r.apiGroups)) rule.apiGroups = strings(r.apiGroups);
  if (Array.isArray(r.resources)) rule.resources = strings(r.resources);
  if (Array.isArray(r.resourceNames)) rule.resourceNames = strings(r.resourceNames);
  if (Array.isArray(r.nonResourceURLs)) rule.nonResourceURLs = strings(r.nonResourceURLs);
  return rule;
}

function peersAndPorts(r: Obj, field: 'from' | 'to') {
  const out: Obj = {};
  if (Array.isArray(r[field])) {
    out[field] = (r[field] as unknown[]).filter(isObj).map((p) => ({
      ...(isObj(p.podSelector) ? { podSelector: selectorOf(p.podSelector) } : {}),
      ...(isObj(p.namespaceSelector) ? { namespaceSelector: selectorOf(p.namespaceSelector) } : {}),
      ...(isObj(p.ipBlock)
        ? {
            ipBlock: {
              cidr: str(p.ipBlock.cidr) ?? '',
              ...(Array.isArray(p.ipBlock.except) ? { except: strings(p.ipBlock.except) } : {}),
            },
          }
        : {}),
    }));
  }
  if (Array.isArray(r.ports)) {
    out.ports = r.ports.filter(isObj).map((p) => ({
      ...(str(p.protocol) ? { protocol: str(p.protocol) } : {}),
      ...(p.port !== undefined ? { port: p.port as number | string } : {}),
      ...(typeof p.endPort === 'number' ? { endPort: p.endPort } : {}),
    }));
  }
  return out;
}

/** Recognises managed control planes (their flags are invisible) from the server version and node labels. */
export function managedControlPlane(
  version: KVersion | undefined,
  nodes: readonly KNode[],
): Pick<KControlPlane, 'managed' | 'managedEvidence'> {
  const v = version?.gitVersion ?? '';
  if (/-eks-/.test(v)) return { managed: 'eks', managedEvidence: `server version ${v}` };
  if (/-gke\./.test(v)) return { managed: 'gke', managedEvidence: `server version ${v}` };
  for (const n of nodes) {
    if (
      'eks.amazonaws.com/nodegroup' in n.labels ||
      (n.providerID?.startsWith('aws:///') && 'eks.amazonaws.com/compute-type' in n.labels)
    ) {
      return { managed: 'eks', managedEvidence: `node ${n.name} labels` };
    }
    if ('cloud.google.com/gke-nodepool' in n.labels)
      return { managed: 'gke', managedEvidence: `node ${n.name} labels` };
    if ('kubernetes.azure.com/cluster' in n.labels) return { managed: 'aks', managedEvidence: `node ${n.name} labels` };
  }
  return { managed: null };
}
