/**
 * The RBAC engine: effective permissions per subject, exactly as the Kubernetes RBAC authorizer grants them.
 * Pure: facts in, answers out.
 *
 * - ClusterRoleBindings grant everywhere (cluster-scoped resources and every namespace); RoleBindings grant only in
 *   their namespace, including when they refer to a ClusterRole.
 * - An aggregated ClusterRole grants what the aggregation controller writes into it: the union of the rules of every
 *   ClusterRole its selectors match (transitively, duplicates once), in place of the rules written in its own
 *   `rules:`, whether or not the controller has run yet (manifests).
 * - `*` matches any verb, API group or resource; `*` /x matches subresource x of any resource; a subresource is
 *   distinct from its resource (`pods` does not grant `pods/exec`).
 * - resourceNames restrict a rule to the named objects.
 * - Non-resource URLs (`/healthz`) are matched by nonResourceURLs rules (`*` alone matches any path, a trailing `*` a
 *   prefix) and granted only by ClusterRoleBindings, as is any cluster-scoped request.
 * - Users are in `system:authenticated` (`system:anonymous` is in `system:unauthenticated` instead); ServiceAccounts
 *   are in `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`. A User subject named
 *   `system:serviceaccount:NS:NAME` is that ServiceAccount.
 * - `system:masters` is a superuser group: the API server authorizes it before RBAC is consulted.
 * - Built-in grants (options.excludeSystemRbac) are those of bindings Kubernetes, kubeadm or EKS ship, recognised by
 *   exact identity (./builtin.ts: name, roleRef and subjects together), never by label or name prefix.
 *
 * Complexity (B bindings, S subjects per binding, R rules per role, C ClusterRoles, A aggregated ClusterRoles,
 * V distinct verbs):
 * - build: O(C + roles) to index roles; O(A * C) to resolve aggregation (each aggregated role's selectors run once
 *   over the ClusterRoles, memoised); O(B * S) edges (one per binding subject, indexed by subject) and O(B * V)
 *   verb-index entries (one per binding and verb its role grants). Rules are shared per role, never copied per
 *   subject. No subjects x bindings nested scan.
 * - whoCan(verb, …): O(b * R) where b is the number of bindings whose role names that verb or `*`.
 * - directGrants(subject, pred): O(e) for the subject's e edges; each role's rules are matched once per predicate
 *   (cached), so a check over every subject costs O(B * S + roles * R).
 */
import type { KBinding, KPolicyRule, KRbac, KRole, KSubject } from '../facts/k8s';
import { selectorMatches } from '../label-selector';
import { type BuiltinSource, builtinBinding, isBuiltinWildcardRule } from './builtin';

export type SubjectKind = KSubject['kind'];

export interface SubjectRef {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** One rule granted to one subject by one binding. */
export interface Grant {
  subject: SubjectRef;
  rule: KPolicyRule;
  /** `null`: granted everywhere (ClusterRoleBinding); otherwise the RoleBinding's namespace. */
  namespace: string | null;
  role: ObjectRef;
  binding: ObjectRef;
  /** The ClusterRole the rule came from when `role` aggregates it. */
  aggregatedFrom?: string;
  /** Granted by a built-in binding (Kubernetes', kubeadm's or EKS's own, exactly as shipped: see ./builtin.ts). */
  system: boolean;
}

export interface RbacOptions {
  /** Leave out grants of built-in bindings (see ./builtin.ts). */
  excludeSystemRbac: boolean;
}

/** A request, as the authorizer sees it. */
export interface AccessQuery {
  verb: string;
  /** A non-resource request (`/healthz`): group and resource are then ignored. */
  nonResourceURL?: string;
  /** API group: '' is the core group. */
  group: string;
  resource: string;
  subresource?: string;
  /** A specific object; without it, a rule restricted by resourceNames still counts (reported as restricted). */
  name?: string;
  /**
   * Where: a namespace name (grants effective in it), `null` (cluster-wide: ClusterRoleBindings only), or undefined
   * (anywhere: any binding).
   */
  namespace?: string | null;
}

export interface WhoCanEntry {
  subject: SubjectRef;
  grants: Grant[];
  /** Every granting rule names objects: the subject can reach only these (by rule, merged). */
  restrictedTo?: string[];
  /** Where it applies: `*` for cluster-wide, otherwise the namespaces. */
  scopes: string[];
  /** Every granting binding is built-in (Kubernetes', kubeadm's or EKS's own, exactly as shipped). */
  builtIn: boolean;
}

/** A binding naming a subject, with its role and scope; `roleMissing` when the role does not exist (yet). */
export interface BindingRef {
  binding: ObjectRef;
  role: ObjectRef;
  namespace: string | null;
  roleMissing: boolean;
  builtIn: boolean;
}

export const GROUP_AUTHENTICATED = 'system:authenticated';
export const GROUP_UNAUTHENTICATED = 'system:unauthenticated';
export const GROUP_MASTERS = 'system:masters';
export const USER_ANONYMOUS = 'system:anonymous';
export const GROUP_SERVICEACCOUNTS = 'system:serviceaccounts';

/** Groups and users every request may carry (everyone): always assessed as subjects, never excluded. */
export function isSpecialPrincipal(s: SubjectRef): boolean {
  if (s.kind === 'User') return s.name === USER_ANONYMOUS;
  if (s.kind === 'Group') {
    return (
      s.name === GROUP_AUTHENTICATED ||
      s.name === GROUP_UNAUTHENTICATED ||
      s.name === GROUP_SERVICEACCOUNTS ||
      s.name.startsWith(`${GROUP_SERVICEACCOUNTS}:`)
    );
  }
  return false;
}

/**
 * Normalises a User `system:serviceaccount:NS:NAME` to the ServiceAccount it is. A ServiceAccount subject without
 * namespace takes its RoleBinding's; in a ClusterRoleBinding it names no one (the authorizer matches it to no request,
 * and the API refuses it): undefined.
 */
export function normaliseSubject(s: KSubject, bindingNamespace?: string): SubjectRef | undefined {
  if (s.kind === 'User' && s.name.startsWith('system:serviceaccount:')) {
    const rest = s.name.slice('system:serviceaccount:'.length);
    const i = rest.indexOf(':');
    if (i > 0) return { kind: 'ServiceAccount', namespace: rest.slice(0, i), name: rest.slice(i + 1) };
  }
  if (s.kind === 'ServiceAccount') {
    const namespace = s.namespace || bindingNamespace;
    return namespace ? { kind: 'ServiceAccount', namespace, name: s.name } : undefined;
  }
  return { kind: s.kind, name: s.name };
}

export function subjectKey(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`;
}

/** `User alice`, `Group dev`, `ServiceAccount ci/deployer`. */
export function subjectLabel(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

export function objectLabel(o: ObjectRef): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}

/** The groups a subject is in by identity (the ones RBAC can see; certificate or OIDC groups are invisible). */
export function impliedGroups(s: SubjectRef): string[] {
  if (s.kind === 'ServiceAccount') {
    return [GROUP_SERVICEACCOUNTS, `${GROUP_SERVICEACCOUNTS}:${s.namespace}`, GROUP_AUTHENTICATED];
  }
  if (s.kind === 'User') return s.name === USER_ANONYMOUS ? [GROUP_UNAUTHENTICATED] : [GROUP_AUTHENTICATED];
  return [];
}

const roleKey = (kind: string, name: string, namespace?: string) =>
  kind === 'Role' ? `Role:${namespace}/${name}` : `ClusterRole:${name}`;

interface ResolvedRule {
  rule: KPolicyRule;
  from?: string;
}

/** Whether a nonResourceURLs entry matches a path: `*` any path, `/x/*` any path under `/x/`, otherwise exactly. */
export function urlMatches(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === path) return true;
  return pattern.endsWith('*') && path.startsWith(pattern.slice(0, -1));
}

/**
 * Whether a rule grants the request, as the authorizer's RuleAllows: verb, then for a non-resource request the URL,
 * otherwise API group, resource (with subresource) and, when the request names an object, resourceNames. A request
 * without a name still matches a rule restricted by resourceNames (who-can reports the subject as restricted).
 */
export function ruleMatches(rule: KPolicyRule, q: AccessQuery): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(q.verb)) return false;
  if (q.nonResourceURL !== undefined) {
    const path = q.nonResourceURL;
    return (rule.nonResourceURLs ?? []).some((u) => urlMatches(u, path));
  }
  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(q.group)) return false;
  const resources = rule.resources ?? [];
  const wanted = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
  const resOk =
    resources.includes('*') ||
    resources.includes(wanted) ||
    (q.subresource !== undefined && resources.includes(`*/${q.subresource}`));
  if (!resOk) return false;
  const names = rule.resourceNames ?? [];
  if (names.length > 0 && q.name !== undefined && !names.includes(q.name)) return false;
  return true;
}

/** One binding resolved to its role's rules (shared by every subject of the binding). */
interface BindingGrant {
  binding: ObjectRef;
  role: ObjectRef;
  roleKey: string;
  namespace: string | null;
  rules: ResolvedRule[];
  edges: SubjectEdge[];
  builtin?: BuiltinSource;
}

/** A subject named by a binding whose role does not exist: it grants nothing until someone creates the role. */
interface DanglingEdge {
  binding: ObjectRef;
  role: ObjectRef;
  namespace: string | null;
  builtIn: boolean;
}

/** A subject named by a binding. */
interface SubjectEdge {
  subject: SubjectRef;
  bg: BindingGrant;
  system: boolean;
}

/** A rule predicate; keep its identity stable (module level) so matches are cached per role. */
export type RulePredicate = (rule: KPolicyRule) => boolean;

const ALL_RULES: RulePredicate = () => true;

/**
 * The effective RBAC of one cluster, indexed for questions by subject and by verb. Grants (subject x rule) are
 * materialised only when asked for and matching, so a binding of an aggregated role with hundreds of rules to many
 * subjects costs one entry per subject, not one per subject and rule.
 */
export class RbacIndex {
  private readonly roles = new Map<string, KRole>();
  private readonly aggregated = new Map<string, ResolvedRule[]>();
  private readonly bySubject = new Map<string, SubjectEdge[]>();
  private readonly byVerb = new Map<string, BindingGrant[]>();
  private readonly matchCache = new WeakMap<RulePredicate, Map<string, ResolvedRule[]>>();
  private readonly danglingBySubject = new Map<string, DanglingEdge[]>();
  /** Bindings whose role does not exist. */
  readonly dangling: KBinding[] = [];
  /** Roles that some binding refers to (key `Role:ns/name` or `ClusterRole:name`). */
  readonly boundRoles = new Map<string, KBinding[]>();
  private readonly subjectsByKey = new Map<string, SubjectRef>();
  /** Subject x rule pairs the bindings grant (a measure of size; never materialised all at once). */
  grantCount = 0;

  constructor(
    rbac: KRbac,
    readonly options: RbacOptions = { excludeSystemRbac: true },
  ) {
    for (const r of rbac.roles) this.roles.set(roleKey(r.kind, r.name, r.namespace), r);
    for (const b of rbac.bindings) this.addBinding(b);
  }

  /** A role by kind, name and namespace. */
  role(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): KRole | undefined {
    return this.roles.get(roleKey(kind, name, namespace));
  }

  allRoles(): KRole[] {
    return [...this.roles.values()];
  }

  /** The rules a role grants, aggregation resolved. */
  rulesOf(role: KRole): ResolvedRule[] {
    if (role.kind !== 'ClusterRole' || !role.aggregationRule) return role.rules.map((rule): ResolvedRule => ({ rule }));
    return this.resolveAggregated(role);
  }

  /**
   * The rules of an aggregated ClusterRole: the rules of every ClusterRole it reaches through its selectors, an
   * aggregated one standing for what it reaches in turn. The controller writes the union of the selected roles' rules
   * over whatever `rules:` held, sorted by role name, each rule once, and keeps rewriting aggregated roles that select
   * each other until they agree; walking the whole reachable set gives that settled answer whichever role is asked
   * first. Only the answer for the role asked is kept: a role met inside a cycle is answered in its own walk.
   */
  private resolveAggregated(role: KRole): ResolvedRule[] {
    const cached = this.aggregated.get(role.name);
    if (cached) return cached;
    const out: ResolvedRule[] = [];
    const seen = new Set<string>();
    const reached = new Set<string>([role.name]);
    const walk = (from: KRole): void => {
      const selectors = from.aggregationRule?.clusterRoleSelectors ?? [];
      const selected = [...this.roles.values()]
        .filter((o) => o.kind === 'ClusterRole' && !reached.has(o.name))
        .filter((o) => selectors.some((s) => selectorMatches(s, o.labels)))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const other of selected) reached.add(other.name);
      for (const other of selected) {
        if (other.aggregationRule) {
          walk(other);
          continue;
        }
        for (const rule of other.rules) {
          const key = JSON.stringify(canonicalRule(rule));
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ rule, from: other.name });
        }
      }
    };
    walk(role);
    this.aggregated.set(role.name, out);
    return out;
  }

  private addBinding(b: KBinding): void {
    const namespace = b.kind === 'RoleBinding' ? (b.namespace ?? 'default') : undefined;
    // A ClusterRoleBinding can only refer to a ClusterRole; a Role is looked up in the binding's namespace.
    const role =
      b.roleRef.kind === 'Role'
        ? namespace
          ? this.role('Role', b.roleRef.name, namespace)
          : undefined
        : this.role('ClusterRole', b.roleRef.name);
    const shipped = builtinBinding(b);
    if (!role) {
      this.dangling.push(b);
      const edge: DanglingEdge = {
        binding: { kind: b.kind, name: b.name, ...(namespace ? { namespace } : {}) },
        role: {
          kind: b.roleRef.kind,
          name: b.roleRef.name,
          ...(b.roleRef.kind === 'Role' && namespace ? { namespace } : {}),
        },
        namespace: namespace ?? null,
        builtIn: shipped !== undefined,
      };
      for (const raw of b.subjects) {
        const subject = normaliseSubject(raw, namespace);
        if (!subject) continue;
        const key = subjectKey(subject);
        if (!this.subjectsByKey.has(key)) this.subjectsByKey.set(key, subject);
        push(this.danglingBySubject, key, edge);
      }
      return;
    }
    const rk = roleKey(role.kind, role.name, role.namespace);
    push(this.boundRoles, rk, b);
    const rules = this.rulesOf(role);
    // A shipped binding to a role someone widened with a `*` rule Kubernetes never gives it is not Kubernetes' own.
    const builtin =
      shipped !== undefined &&
      !rules.some((r) => isWildcardRule(r.rule) && !isBuiltinWildcardRule(r.from ?? role.name, r.rule))
        ? shipped
        : undefined;
    const bg: BindingGrant = {
      binding: { kind: b.kind, name: b.name, ...(namespace ? { namespace } : {}) },
      role: { kind: role.kind, name: role.name, ...(role.namespace ? { namespace: role.namespace } : {}) },
      roleKey: rk,
      namespace: namespace ?? null,
      rules,
      edges: [],
      ...(builtin ? { builtin } : {}),
    };
    for (const raw of b.subjects) {
      const subject = normaliseSubject(raw, namespace);
      if (!subject) continue;
      const key = subjectKey(subject);
      if (!this.subjectsByKey.has(key)) this.subjectsByKey.set(key, subject);
      const edge: SubjectEdge = { subject, bg, system: builtin !== undefined };
      bg.edges.push(edge);
      push(this.bySubject, key, edge);
      this.grantCount += bg.rules.length;
    }
    const verbs = new Set(bg.rules.flatMap((r) => r.rule.verbs));
    for (const v of verbs) push(this.byVerb, v, bg);
  }

  private excludedEdge(e: SubjectEdge): boolean {
    return this.options.excludeSystemRbac && e.system;
  }

  /** Whether this grant is left out under the options. */
  excluded(g: Grant): boolean {
    return this.options.excludeSystemRbac && g.system;
  }

  /**
   * Whether this subject is left out under the options: every binding naming it is built-in (exactly as shipped),
   * and it is not a special principal. A subject any other binding names, dangling ones included, is assessed.
   */
  excludedSubject(s: SubjectRef): boolean {
    // Everyone (every authenticated or anonymous request) is always assessed, whatever binds it.
    if (!this.options.excludeSystemRbac || isSpecialPrincipal(s)) return false;
    return this.isBuiltInSubject(s);
  }

  /** Whether only built-in bindings name this subject. */
  isBuiltInSubject(s: SubjectRef): boolean {
    const key = subjectKey(s);
    const direct = this.bySubject.get(key) ?? [];
    const dangling = this.danglingBySubject.get(key) ?? [];
    if (direct.length + dangling.length === 0) return false;
    return direct.every((e) => e.system) && dangling.every((d) => d.builtIn);
  }

  /** Every subject named by some binding, sorted (built-in-only subjects left out under the options). */
  subjects(): SubjectRef[] {
    return [...this.subjectsByKey.values()]
      .filter((s) => !this.excludedSubject(s))
      .sort((a, b) => subjectKey(a).localeCompare(subjectKey(b)));
  }

  private matchedRules(bg: BindingGrant, pred: RulePredicate): ResolvedRule[] {
    if (pred === ALL_RULES) return bg.rules;
    let byRole = this.matchCache.get(pred);
    if (!byRole) {
      byRole = new Map();
      this.matchCache.set(pred, byRole);
    }
    let rules = byRole.get(bg.roleKey);
    if (!rules) {
      rules = bg.rules.filter((r) => pred(r.rule));
      byRole.set(bg.roleKey, rules);
    }
    return rules;
  }

  private toGrants(e: SubjectEdge, rules: readonly ResolvedRule[], out: Grant[]): void {
    for (const r of rules) {
      out.push({
        subject: e.subject,
        rule: r.rule,
        namespace: e.bg.namespace,
        role: e.bg.role,
        binding: e.bg.binding,
        ...(r.from ? { aggregatedFrom: r.from } : {}),
        system: e.system,
      });
    }
  }

  /**
   * Grants naming this subject directly (not through its groups) whose rule satisfies `pred` (all by default).
   * Matches are cached per role and predicate: pass a predicate defined once, not a fresh closure per call.
   */
  directGrants(s: SubjectRef, pred: RulePredicate = ALL_RULES): Grant[] {
    const out: Grant[] = [];
    for (const e of this.bySubject.get(subjectKey(s)) ?? []) {
      if (this.excludedEdge(e)) continue;
      this.toGrants(e, this.matchedRules(e.bg, pred), out);
    }
    return out;
  }

  /**
   * The bindings naming this subject directly, with their roles and scope (no rules: cheap), those whose role does
   * not exist included (`roleMissing`): such a binding grants as soon as someone creates the role.
   */
  directBindings(s: SubjectRef): BindingRef[] {
    const key = subjectKey(s);
    const out: BindingRef[] = (this.bySubject.get(key) ?? [])
      .filter((e) => !this.excludedEdge(e))
      .map((e) => ({
        binding: e.bg.binding,
        role: e.bg.role,
        namespace: e.bg.namespace,
        roleMissing: false,
        builtIn: e.system,
      }));
    for (const d of this.danglingBySubject.get(key) ?? []) {
      if (this.options.excludeSystemRbac && d.builtIn) continue;
      out.push({ binding: d.binding, role: d.role, namespace: d.namespace, roleMissing: true, builtIn: d.builtIn });
    }
    return out;
  }

  /** Grants the subject holds directly and through the groups its identity implies. */
  grantsOf(s: SubjectRef, pred: RulePredicate = ALL_RULES): Grant[] {
    const out = this.directGrants(s, pred);
    for (const g of impliedGroups(s)) out.push(...this.directGrants({ kind: 'Group', name: g }, pred));
    return out;
  }

  /** Whether the subject is a superuser (system:masters, which RBAC never restricts). */
  isSuperuser(s: SubjectRef): boolean {
    return s.kind === 'Group' && s.name === GROUP_MASTERS;
  }

  /** The grants that let this subject make the request (empty: it cannot, as far as RBAC shows). */
  can(s: SubjectRef, q: AccessQuery): Grant[] {
    const out: Grant[] = [];
    for (const key of [subjectKey(s), ...impliedGroups(s).map((g) => `Group:${g}`)]) {
      for (const e of this.bySubject.get(key) ?? []) {
        if (this.excludedEdge(e) || !scopeApplies(e.bg.namespace, q)) continue;
        this.toGrants(
          e,
          e.bg.rules.filter((r) => ruleMatches(r.rule, q)),
          out,
        );
      }
    }
    return out;
  }

  /**
   * Who can make the request: the subjects as the bindings name them (a Group is reported as the Group), with the
   * granting grants. `system:masters` is listed when it is bound anywhere and not excluded.
   */
  whoCan(q: AccessQuery): WhoCanEntry[] {
    const bySubject = new Map<string, Grant[]>();
    const candidates = new Set([
      ...(this.byVerb.get(q.verb) ?? []),
      ...(q.verb === '*' ? [] : (this.byVerb.get('*') ?? [])),
    ]);
    for (const bg of candidates) {
      if (!scopeApplies(bg.namespace, q)) continue;
      const rules = bg.rules.filter((r) => ruleMatches(r.rule, q));
      if (rules.length === 0) continue;
      for (const e of bg.edges) {
        if (this.excludedEdge(e)) continue;
        const key = subjectKey(e.subject);
        const list = bySubject.get(key) ?? [];
        this.toGrants(e, rules, list);
        bySubject.set(key, list);
      }
    }
    for (const s of this.subjectsByKey.values()) {
      if (this.isSuperuser(s) && !this.excludedSubject(s) && !bySubject.has(subjectKey(s))) {
        bySubject.set(subjectKey(s), this.directGrants(s));
      }
    }
    return [...bySubject.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, grants]) => {
        const subject = this.subjectsByKey.get(key)!;
        const entry: WhoCanEntry = {
          subject,
          grants,
          scopes: scopesOf(grants),
          builtIn: grants.length > 0 ? grants.every((g) => g.system) : this.isBuiltInSubject(subject),
        };
        if (q.name === undefined && grants.length > 0) {
          const restricted = grants.every((g) => (g.rule.resourceNames ?? []).length > 0);
          if (restricted) entry.restrictedTo = [...new Set(grants.flatMap((g) => g.rule.resourceNames ?? []))].sort();
        }
        return entry;
      });
  }
}

/** Where a binding's grants apply to the request: non-resource and cluster-scoped requests need a ClusterRoleBinding. */
function scopeApplies(grantNamespace: string | null, q: AccessQuery): boolean {
  if (q.namespace === null || q.nonResourceURL !== undefined) return grantNamespace === null;
  if (typeof q.namespace === 'string') return grantNamespace === null || grantNamespace === q.namespace;
  return true;
}

/** `*` verbs or `*` resources. */
export function isWildcardRule(r: KPolicyRule): boolean {
  return r.verbs.includes('*') || (r.resources ?? []).includes('*');
}

/** A rule with its lists sorted and empty ones dropped, to recognise the same rule written twice. */
function canonicalRule(r: KPolicyRule): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    const v = r[k];
    if (v && v.length > 0) out[k] = [...v].sort();
  }
  return out;
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** `*` for cluster-wide, otherwise the namespaces, sorted. */
export function scopesOf(grants: readonly Grant[]): string[] {
  if (grants.some((g) => g.namespace === null)) return ['*'];
  return [...new Set(grants.map((g) => g.namespace as string))].sort();
}

/** Rules listed in evidence at most; the total is given beside them. */
export const EVIDENCE_MAX_RULES = 20;

/** Evidence for findings: every granting binding and role once, the granting rules (at most 20), readable. */
export function grantEvidence(grants: readonly Grant[]): {
  bindings: string[];
  roles: string[];
  rules: string[];
  rulesTotal?: number;
  scopes: string[];
} {
  const bindings = new Set<string>();
  const roles = new Set<string>();
  const seenRules = new Set<KPolicyRule>();
  const seenObjects = new Set<ObjectRef>();
  for (const g of grants) {
    if (!seenObjects.has(g.binding)) {
      seenObjects.add(g.binding);
      bindings.add(objectLabel(g.binding));
    }
    roles.add(
      g.aggregatedFrom ? `${objectLabel(g.role)} (aggregates ClusterRole ${g.aggregatedFrom})` : objectLabel(g.role),
    );
    seenRules.add(g.rule);
  }
  const rules = [...new Set([...seenRules].map(ruleLabel))].sort();
  return {
    bindings: [...bindings].sort(),
    roles: [...roles].sort(),
    rules: rules.slice(0, EVIDENCE_MAX_RULES),
    ...(rules.length > EVIDENCE_MAX_RULES ? { rulesTotal: rules.length } : {}),
    scopes: scopesOf(grants),
  };
}

const ruleLabels = new WeakMap<KPolicyRule, string>();

/** `verbs=[get,list] apiGroups=[""] resources=[secrets]`, compact. */
export function ruleLabel(r: KPolicyRule): string {
  const cached = ruleLabels.get(r);
  if (cached !== undefined) return cached;
  const parts = [`verbs=[${r.verbs.join(',')}]`];
  if (r.apiGroups) parts.push(`apiGroups=[${r.apiGroups.map((g) => (g === '' ? '""' : g)).join(',')}]`);
  if (r.resources) parts.push(`resources=[${r.resources.join(',')}]`);
  if (r.resourceNames?.length) parts.push(`resourceNames=[${r.resourceNames.join(',')}]`);
  if (r.nonResourceURLs) parts.push(`nonResourceURLs=[${r.nonResourceURLs.join(',')}]`);
  const label = parts.join(' ');
  ruleLabels.set(r, label);
  return label;
}
