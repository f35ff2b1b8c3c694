import { defineCheck } from '../../../src/core/check';
import type { KPolicyRule } from '../../../src/core/facts/k8s';
import type { Finding } from '../../../src/core/model';
import {
  GROUP_AUTHENTICATED,
  GROUP_UNAUTHENTICATED,
  type Grant,
  grantEvidence,
  type SubjectRef,
  subjectLabel,
  USER_ANONYMOUS,
} from '../../../src/core/rbac/engine';
import { rbacIndex, subjectResource } from './support';

/** What Kubernetes' defaults give unauthenticated requests (system:public-info-viewer). */
const PUBLIC_URLS = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);
/** What they give every authenticated user besides (system:discovery, system:basic-user). */
const DISCOVERY_URLS = new Set([...PUBLIC_URLS, '/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*']);
const SELF_REVIEWS: Record<string, Set<string>> = {
  'authorization.k8s.io': new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
  'authentication.k8s.io': new Set(['selfsubjectreviews']),
};

/** Whether a rule grants nothing beyond the defaults for that audience (judged by what it grants, not by name). */
function withinDefaults(rule: KPolicyRule, authenticated: boolean): boolean {
  const urls = authenticated ? DISCOVERY_URLS : PUBLIC_URLS;
  if (rule.nonResourceURLs && rule.nonResourceURLs.length > 0) {
    return rule.verbs.every((v) => v === 'get') && rule.nonResourceURLs.every((u) => urls.has(u));
  }
  if (!authenticated) return false;
  const groups = rule.apiGroups ?? [];
  return (
    rule.verbs.every((v) => v === 'create') &&
    groups.length > 0 &&
    groups.every((g) => SELF_REVIEWS[g] !== undefined) &&
    (rule.resources ?? []).every((r) => groups.some((g) => SELF_REVIEWS[g]?.has(r)))
  );
}

const AUDIENCES: { subject: SubjectRef; authenticated: boolean }[] = [
  { subject: { kind: 'User', name: USER_ANONYMOUS }, authenticated: false },
  { subject: { kind: 'Group', name: GROUP_UNAUTHENTICATED }, authenticated: false },
  { subject: { kind: 'Group', name: GROUP_AUTHENTICATED }, authenticated: true },
];

export default defineCheck({
  id: 'k8s.rbac.anonymous-binding',
  title: 'Anonymous and all-authenticated subjects get no more than the default discovery access',
  severity: 'critical',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authentication: anonymous access' },
  ],
  remediation:
    'Remove system:anonymous, system:unauthenticated and system:authenticated from the bindings named in the ' +
    'findings: the first two are anyone who can reach the API server, the last is anyone with any credential ' +
    '(every ServiceAccount of every namespace included). Bind the roles to the named users, groups or ' +
    'ServiceAccounts that need them.',
  requires: ['k8s.rbac'],
  evaluate: ({ facts, target }) => {
    // The defaults must not hide these grants: system bindings are judged too, by what they grant.
    const index = rbacIndex(facts['k8s.rbac'], { excludeSystemRbac: false });
    const findings: Finding[] = AUDIENCES.map(({ subject, authenticated }): Finding => {
      const extra: Grant[] = index.directGrants(subject).filter((g) => !withinDefaults(g.rule, authenticated));
      if (extra.length === 0) {
        return {
          status: 'pass',
          resource: subjectResource(subject),
          message: `${subjectLabel(subject)} gets no more than the default ${authenticated ? 'discovery' : 'public-info'} access.`,
        };
      }
      const ev = grantEvidence(extra);
      return {
        status: 'fail',
        severity: authenticated ? 'high' : 'critical',
        resource: subjectResource(subject),
        message: `${subjectLabel(subject)} is granted ${ev.rules.join('; ')} through ${ev.bindings.join(', ')} in cluster ${target.name}.`,
        evidence: ev,
      };
    });
    return findings;
  },
});
