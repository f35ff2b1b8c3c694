/**
 * A request written as a person writes it (`get secrets`, `create pods/exec`, `update deployments.apps/scale`,
 * `get apps/deployments`, `get /healthz`) turned into what the authorizer sees (AccessQuery). Shared by the CLI's
 * and Slack's `who-can`. Pure; throws RequestSyntaxError with a sentence a person can act on.
 */
import type { AccessQuery } from './engine';

export class RequestSyntaxError extends Error {}

/** The API group of well-known resources written without one (as kubectl resolves them through discovery). */
export const KNOWN_GROUPS: Readonly<Record<string, string>> = {
  deployments: 'apps',
  daemonsets: 'apps',
  statefulsets: 'apps',
  replicasets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  networkpolicies: 'networking.k8s.io',
  ingresses: 'networking.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  storageclasses: 'storage.k8s.io',
  leases: 'coordination.k8s.io',
  poddisruptionbudgets: 'policy',
  horizontalpodautoscalers: 'autoscaling',
  tokenreviews: 'authentication.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
};

/**
 * The groups recognised in a two-segment `GROUP/RESOURCE`: Kubernetes' own (`apps`, `batch`, `*.k8s.io`…). Any
 * other `X/Y` is `RESOURCE[.GROUP]/SUBRESOURCE`, as kubectl reads it (`deployments.apps/scale`); a custom group is
 * written `widgets.example.com` or in three segments, `example.com/widgets/status`.
 */
const KUBERNETES_GROUPS = new Set([
  'core',
  'apps',
  'batch',
  'policy',
  'autoscaling',
  'extensions',
  ...Object.values(KNOWN_GROUPS),
]);

const SEGMENT = /^([a-z0-9][a-z0-9-]*|\*)$/;
const GROUP = /^([a-z0-9][a-z0-9.-]*[a-z0-9]|[a-z0-9]|\*)$/;
const URL_PATH = /^\/[A-Za-z0-9._~%/-]*\*?$/;

const isGroup = (s: string) => KUBERNETES_GROUPS.has(s) || s.endsWith('.k8s.io');

/**
 * Parses a resource: `pods`, `pods/exec`, `deployments.apps`, `deployments.apps/scale`, `apps/deployments`,
 * `apps/deployments/scale`, `widgets.example.com`, `example.com/widgets/status`. Without a group: a well-known resource's own, `*` for `*`,
 * otherwise the core group. `core` names the core group.
 */
export function parseResource(text: string): Pick<AccessQuery, 'group' | 'resource' | 'subresource'> {
  const bad = () =>
    new RequestSyntaxError(
      `"${text}" is not a resource: write it like pods, pods/exec, deployments.apps, apps/deployments or deployments/scale`,
    );
  const parts = text.split('/');
  let group: string | undefined;
  let resource: string;
  let subresource: string | undefined;
  if (parts.length === 3) [group, resource, subresource] = parts;
  else if (parts.length === 2 && isGroup(parts[0])) [group, resource] = parts;
  else if (parts.length === 2) [resource, subresource] = parts;
  else if (parts.length === 1) [resource] = parts;
  else throw bad();
  if (group === undefined) {
    const dot = resource.indexOf('.');
    if (dot > 0) {
      group = resource.slice(dot + 1);
      resource = resource.slice(0, dot);
    }
  }
  if (!SEGMENT.test(resource) || (subresource !== undefined && !SEGMENT.test(subresource))) throw bad();
  if (group !== undefined && !GROUP.test(group)) throw bad();
  const g = group ?? KNOWN_GROUPS[resource] ?? (resource === '*' ? '*' : '');
  return { group: g === 'core' ? '' : g, resource, ...(subresource ? { subresource } : {}) };
}

/** Parses the target of a request: a non-resource URL (`/healthz`, `/logs/*`) or a resource (see parseResource). */
export function parseTarget(text: string): Pick<AccessQuery, 'group' | 'resource' | 'subresource' | 'nonResourceURL'> {
  if (text.startsWith('/')) {
    if (!URL_PATH.test(text) || text.includes('//')) {
      throw new RequestSyntaxError(`"${text}" is not a non-resource URL: write it like /healthz or /logs/*`);
    }
    return { group: '', resource: '', nonResourceURL: text };
  }
  return parseResource(text);
}

/**
 * `get secrets`, `create pods/exec in namespace ci`, `update deployments.apps/scale`, `get /healthz`,
 * `get secrets named db (cluster-scoped)`. The resource is written as parseResource reads it, so a user can copy it.
 */
export function describeRequest(q: AccessQuery): string {
  if (q.nonResourceURL !== undefined) return `${q.verb} ${q.nonResourceURL}`;
  const res = `${q.resource}${q.group && q.group !== '*' ? `.${q.group}` : ''}${q.subresource ? `/${q.subresource}` : ''}`;
  const name = q.name !== undefined ? ` named ${q.name}` : '';
  const where =
    q.namespace === null ? ' (cluster-scoped)' : typeof q.namespace === 'string' ? ` in namespace ${q.namespace}` : '';
  return `${q.verb} ${res}${name}${where}`;
}

const VERB = /^([a-z]+|\*)$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Object names: DNS subdomains, and the `system:…` names of RBAC objects. */
const OBJECT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._:@-]{0,251}[A-Za-z0-9])?$/;

/** A request in parts, as a command line gives them: `VERB TARGET [-n NS | --cluster-scoped] [--name NAME]`. */
export interface RequestParts {
  verb: string;
  /** A resource or a non-resource URL (see parseTarget). */
  target: string;
  namespace?: string;
  clusterScoped?: boolean;
  name?: string;
}

/** Validates every part of a request and builds the AccessQuery; throws RequestSyntaxError naming the bad part. */
export function parseRequest(parts: RequestParts): AccessQuery {
  const { verb, namespace, clusterScoped, name } = parts;
  if (!VERB.test(verb)) throw new RequestSyntaxError(`"${verb}" is not a verb (get, list, create, bind, impersonate…)`);
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new RequestSyntaxError(`"${namespace}" is not a namespace name`);
  }
  if (namespace !== undefined && clusterScoped) {
    throw new RequestSyntaxError('give -n NAMESPACE or --cluster-scoped, not both');
  }
  if (name !== undefined && !OBJECT_NAME.test(name)) throw new RequestSyntaxError(`"${name}" is not an object name`);
  const target = parseTarget(parts.target);
  if (target.nonResourceURL !== undefined && (namespace !== undefined || clusterScoped || name !== undefined)) {
    throw new RequestSyntaxError(
      'a non-resource URL has no namespace and no name: leave out -n, --cluster-scoped and --name',
    );
  }
  return {
    verb,
    ...target,
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : clusterScoped ? { namespace: null } : {}),
  };
}
