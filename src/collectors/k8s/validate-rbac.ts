/**
 * Why the API server would refuse a Role, ClusterRole, RoleBinding or ClusterRoleBinding as written
 * (rbac.authorization.k8s.io/v1 decoding, defaulting and validation), for objects read from manifests: the live API
 * server serves only objects it accepted. A refused object never takes effect; reading it anyway judges what will
 * not run: `verbs: "*"` (a string, not a list) read as no verb grants nothing, a roleRef kind misspelt read as a
 * ClusterRole grants what the cluster never will, a subject kind misspelt names no one.
 */

import { isDnsSubdomain } from '../../core/k8s-names';
import { mappings, type Obj, optionalMapping, refusal, refuse, shown, typeOf } from './refusal';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A list of strings (absent or null: empty); an entry that is no string is refused, null included. */
function strings(v: unknown, path: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return refuse(path, `is ${typeOf(v)}, not a list`);
  return v.map((e, i) => (typeof e === 'string' ? e : refuse(`${path}[${i}]`, `is ${typeOf(e)}, not a string`)));
}

/** A string field (absent or null: empty). */
function text(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : refuse(path, `is ${typeOf(v)}, not a string`);
}

function policyRule(r: Obj, namespaced: boolean, path: string): void {
  const verbs = strings(r.verbs, `${path}.verbs`);
  const groups = strings(r.apiGroups, `${path}.apiGroups`);
  const resources = strings(r.resources, `${path}.resources`);
  const names = strings(r.resourceNames, `${path}.resourceNames`);
  const urls = strings(r.nonResourceURLs, `${path}.nonResourceURLs`);
  if (verbs.length === 0) refuse(`${path}.verbs`, 'must name at least one verb');
  if (urls.length > 0) {
    if (namespaced) refuse(`${path}.nonResourceURLs`, 'is set in a Role, whose rules cannot name non-resource URLs');
    if (groups.length + resources.length + names.length > 0)
      refuse(`${path}.nonResourceURLs`, 'is set beside apiGroups, resources or resourceNames');
    return;
  }
  if (groups.length === 0) refuse(`${path}.apiGroups`, 'must name at least one API group in a resource rule');
  if (resources.length === 0) refuse(`${path}.resources`, 'must name at least one resource in a resource rule');
  if (names.length > 0 && resources.length > 1) refuse(`${path}.resourceNames`, 'is set with more than one resource');
}

function role(obj: Obj, namespaced: boolean): void {
  for (const [i, r] of mappings(obj.rules, 'rules').entries()) policyRule(r, namespaced, `rules[${i}]`);
  if (namespaced) return;
  const aggregation = optionalMapping(obj.aggregationRule, 'aggregationRule');
  if (aggregation) mappings(aggregation.clusterRoleSelectors, 'aggregationRule.clusterRoleSelectors');
}

/** A name the API server takes as one path segment (not `.` or `..`, no `/` or `%`). */
const isPathSegment = (name: string) => name !== '.' && name !== '..' && !/[/%]/.test(name);

function subject(s: Obj, namespaced: boolean, path: string): void {
  const kind = text(s.kind, `${path}.kind`);
  const name = text(s.name, `${path}.name`);
  const group = text(s.apiGroup, `${path}.apiGroup`);
  const namespace = text(s.namespace, `${path}.namespace`);
  if (name === '') refuse(`${path}.name`, 'is required');
  if (kind === 'ServiceAccount') {
    if (!isDnsSubdomain(name)) refuse(`${path}.name`, `${shown(name)} is not a ServiceAccount name`);
    if (group !== '') refuse(`${path}.apiGroup`, `${shown(group)} must be empty for a ServiceAccount`);
    if (!namespaced && namespace === '') refuse(`${path}.namespace`, 'is required in a ClusterRoleBinding');
  } else if (kind === 'User' || kind === 'Group') {
    // An empty apiGroup is defaulted to rbac.authorization.k8s.io for users and groups.
    if (group !== '' && group !== RBAC_GROUP) refuse(`${path}.apiGroup`, `${shown(group)} is not ${RBAC_GROUP}`);
  } else refuse(`${path}.kind`, `${shown(kind)} is not ServiceAccount, User or Group`);
}

function binding(obj: Obj, namespaced: boolean): void {
  const ref = optionalMapping(obj.roleRef, 'roleRef') ?? {};
  const group = text(ref.apiGroup, 'roleRef.apiGroup');
  const kind = text(ref.kind, 'roleRef.kind');
  const name = text(ref.name, 'roleRef.name');
  // An empty apiGroup is defaulted to rbac.authorization.k8s.io.
  if (group !== '' && group !== RBAC_GROUP) refuse('roleRef.apiGroup', `${shown(group)} is not ${RBAC_GROUP}`);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(kind)) refuse('roleRef.kind', `${shown(kind)} is not ${kinds.join(' or ')}`);
  if (name === '') refuse('roleRef.name', 'is required');
  if (!isPathSegment(name)) refuse('roleRef.name', `${shown(name)} is not a role name`);
  for (const [i, s] of mappings(obj.subjects, 'subjects').entries()) subject(s, namespaced, `subjects[${i}]`);
}

const VALIDATORS: Record<string, (obj: Obj) => void> = {
  Role: (obj) => role(obj, true),
  ClusterRole: (obj) => role(obj, false),
  RoleBinding: (obj) => binding(obj, true),
  ClusterRoleBinding: (obj) => binding(obj, false),
};

/** Why the API server would refuse the RBAC object `obj` of `kind`, naming the field; null when it would accept it. */
export function rbacProblem(kind: string, obj: Obj): string | null {
  const validate = VALIDATORS[kind];
  return validate ? refusal(() => validate(obj)) : null;
}
