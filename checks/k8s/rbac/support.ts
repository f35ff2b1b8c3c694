/**
 * Shared by the k8s.rbac.* checks: the RBAC index of a target (built once per facts object and options), and the
 * per-subject findings every RBAC check reports (fail with the granting roles and bindings, pass for the others).
 */
import type { KRbac } from '../../../src/core/facts/k8s';
import type { CheckOptions, Finding, ResourceRef, Severity } from '../../../src/core/model';
import {
  type AccessQuery,
  type BindingRef,
  type Grant,
  grantEvidence,
  objectLabel,
  RbacIndex,
  type RulePredicate,
  ruleMatches,
  type SubjectRef,
  subjectLabel,
} from '../../../src/core/rbac/engine';

/** The check that reports a subject with full control of the cluster, once. */
export const FULL_CONTROL_CHECK = 'k8s.rbac.cluster-admin';

const cache = new WeakMap<KRbac, Map<boolean, RbacIndex>>();

/** The RBAC index of these facts under these options (memoised: every RBAC check of a scan shares it). */
export function rbacIndex(rbac: KRbac, options: Pick<CheckOptions, 'excludeSystemRbac'>): RbacIndex {
  let byOpt = cache.get(rbac);
  if (!byOpt) {
    byOpt = new Map();
    cache.set(rbac, byOpt);
  }
  let index = byOpt.get(options.excludeSystemRbac);
  if (!index) {
    index = new RbacIndex(rbac, { excludeSystemRbac: options.excludeSystemRbac });
    byOpt.set(options.excludeSystemRbac, index);
  }
  return index;
}

export function subjectResource(s: SubjectRef): ResourceRef {
  return s.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', namespace: s.namespace, name: s.name }
    : { kind: s.kind, name: s.name };
}

/** A rule predicate true when the rule allows any of the requests (define once per check: it keys a cache). */
export function anyOf(requests: readonly AccessQuery[]): RulePredicate {
  return (rule) => requests.some((r) => ruleMatches(rule, r));
}

/** Where a set of grants or bindings applies, in words: `cluster-wide` or `in namespace(s) a, b`. */
export function scopeWords(grants: readonly Pick<Grant, 'namespace'>[]): string {
  if (grants.some((g) => g.namespace === null)) return 'cluster-wide';
  const ns = [...new Set(grants.map((g) => g.namespace as string))].sort();
  return ns.length === 1 ? `in namespace ${ns[0]}` : `in namespaces ${ns.join(', ')}`;
}

export interface SubjectVerdict {
  grants: Grant[];
  /** Bindings whose role does not exist yet: they grant the moment it is created, so they are findings too. */
  missingRoles?: BindingRef[];
  /** What the subject can do, for the message: 'can read Secrets'. */
  what: string;
  severity?: Severity;
  /**
   * Bindings that name the subject although they grant it nothing (an empty or missing role): enough for a finding
   * when the subject's power does not come from RBAC at all (system:masters).
   */
  namedBy?: BindingRef[];
}

/**
 * One finding per subject named by a binding: `fail` when `judge` returns a verdict holding a grant, a binding to a
 * missing role or (with neither) a binding that names the subject (evidence: the granting bindings, roles and
 * rules), `pass` otherwise: no verdict, or one holding nothing. A cluster with no subject at all passes as a whole.
 * `deferFullControl`: a subject with full control is `not-applicable`, reported under k8s.rbac.cluster-admin; only
 * when that check ran in the same scan (the caller knows from the context), never deferring to a check that did not.
 */
export function perSubject(
  index: RbacIndex,
  target: string,
  judge: (s: SubjectRef) => SubjectVerdict | undefined,
  passWords: string,
  opts: { deferFullControl: boolean },
): Finding[] {
  const subjects = index.subjects();
  if (subjects.length === 0) {
    return [
      {
        status: 'pass',
        resource: { kind: 'Cluster', name: target },
        // passWords are negative ('cannot read Secrets'): 'so none cannot' would say the opposite.
        message: `No subject of cluster ${target} is bound to a role: none is granted anything.`,
      },
    ];
  }
  return subjects.map((s): Finding => {
    // A subject with full control is one finding, under k8s.rbac.cluster-admin: repeating it under every narrower
    // permission check would bury the news (and a new cluster admin would be nine regressions, not one).
    if (opts.deferFullControl && holdsFullControl(index, s)) {
      return {
        status: 'not-applicable',
        resource: subjectResource(s),
        message: `${subjectLabel(s)} holds full control of the cluster: reported under ${FULL_CONTROL_CHECK}.`,
        evidence: { subsumedBy: FULL_CONTROL_CHECK },
      };
    }
    const v = judge(s);
    const missing = v?.missingRoles ?? [];
    const named = v?.namedBy ?? [];
    if (v && v.grants.length === 0 && missing.length === 0 && named.length > 0) return namedOnly(s, v, named);
    if (!v || (v.grants.length === 0 && missing.length === 0)) {
      return { status: 'pass', resource: subjectResource(s), message: `${subjectLabel(s)} ${passWords}.` };
    }
    const severity = v.severity ? { severity: v.severity } : {};
    if (v.grants.length === 0) {
      const names = missing.map((b) => `${objectLabel(b.binding)} (${objectLabel(b.role)}, which does not exist)`);
      return {
        status: 'fail',
        resource: subjectResource(s),
        message: `${subjectLabel(s)} ${v.what} as soon as the role is created, through ${names.join(', ')}.`,
        evidence: {
          bindings: missing.map((b) => objectLabel(b.binding)).sort(),
          missingRoles: [...new Set(missing.map((b) => objectLabel(b.role)))].sort(),
          scopes: missing.some((b) => b.namespace === null)
            ? ['*']
            : [...new Set(missing.map((b) => b.namespace as string))].sort(),
        },
        ...severity,
      };
    }
    const ev = grantEvidence(v.grants);
    const also =
      missing.length > 0
        ? `; also bound through ${missing.map((b) => `${objectLabel(b.binding)} (${objectLabel(b.role)}, which does not exist)`).join(', ')}`
        : '';
    return {
      status: 'fail',
      resource: subjectResource(s),
      message: `${subjectLabel(s)} ${v.what} ${scopeWords(v.grants)} through ${ev.bindings.join(', ')} (${ev.roles.join(', ')})${also}.`,
      evidence:
        missing.length > 0 ? { ...ev, missingRoles: [...new Set(missing.map((b) => objectLabel(b.role)))].sort() } : ev,
      ...severity,
    };
  });
}

/** A finding carried by the bindings that name the subject, not by what they grant. */
function namedOnly(s: SubjectRef, v: SubjectVerdict, named: readonly BindingRef[]): Finding {
  const words = named.map(
    (b) => `${objectLabel(b.binding)} (${objectLabel(b.role)}${b.roleMissing ? ', which does not exist' : ''})`,
  );
  return {
    status: 'fail',
    resource: subjectResource(s),
    message: `${subjectLabel(s)} ${v.what}; it is named by ${words.join(', ')}.`,
    evidence: {
      bindings: [...new Set(named.map((b) => objectLabel(b.binding)))].sort(),
      roles: [...new Set(named.map((b) => objectLabel(b.role)))].sort(),
      scopes: named.some((b) => b.namespace === null)
        ? ['*']
        : [...new Set(named.map((b) => b.namespace as string))].sort(),
    },
    ...(v.severity ? { severity: v.severity } : {}),
  };
}

/** `*` verbs on `*` resources of every API group, cluster-wide, or membership of system:masters. */
export function holdsFullControl(index: RbacIndex, s: SubjectRef): boolean {
  if (index.isSuperuser(s)) return true;
  return index
    .directGrants(
      s,
      (r) => r.verbs.includes('*') && (r.resources ?? []).includes('*') && (r.apiGroups ?? []).includes('*'),
    )
    .some((g) => g.namespace === null);
}

/** A request written briefly: `verb group resource[/subresource]` ('' is the core group). */
export function q(verb: string, group: string, resource: string): AccessQuery {
  const [res, sub] = resource.split('/');
  return { verb, group, resource: res, ...(sub ? { subresource: sub } : {}) };
}

/** Every combination of these verbs and resources in one API group. */
export function queries(verbs: readonly string[], group: string, resources: readonly string[]): AccessQuery[] {
  return verbs.flatMap((v) => resources.map((r) => q(v, group, r)));
}

/** The evaluate() of a check that fails subjects able to make any of these requests anywhere. */
export function permissionEvaluator(requests: readonly AccessQuery[], what: string, passWords: string) {
  const pred = anyOf(requests);
  return ({
    facts,
    options,
    target,
    checksInScan,
  }: {
    facts: { 'k8s.rbac': KRbac };
    options: Pick<CheckOptions, 'excludeSystemRbac'>;
    target: { name: string };
    checksInScan: ReadonlySet<string>;
  }): Finding[] => {
    const index = rbacIndex(facts['k8s.rbac'], options);
    return perSubject(
      index,
      target.name,
      // No grant is a verdict holding nothing, which perSubject passes.
      (s) => ({ grants: index.directGrants(s, pred), what }),
      passWords,
      { deferFullControl: checksInScan.has(FULL_CONTROL_CHECK) },
    );
  };
}
