import { defineCheck } from '../../../src/core/check';
import type { KAnonymousProbe, KControlPlane } from '../../../src/core/facts/k8s';
import type { Fact, Finding } from '../../../src/core/model';
import { flagsInvisible, instanceResource } from './apiserver';

/** Paths an anonymous request may reach without concern (what system:public-info-viewer grants). */
const PUBLIC = new Set(['/version', '/healthz', '/livez', '/readyz']);

export default defineCheck({
  id: 'k8s.authn.anonymous-auth-disabled',
  title: 'The API server answers no unauthenticated request beyond health and version',
  severity: 'high',
  category: 'authn',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.1' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authentication' },
  ],
  remediation:
    'Set --anonymous-auth=false in /etc/kubernetes/manifests/kube-apiserver.yaml on every control-plane node (or, ' +
    'from Kubernetes 1.32, an AuthenticationConfiguration that allows anonymous requests only to /healthz, /livez ' +
    'and /readyz), and remove any RoleBinding or ClusterRoleBinding that grants system:anonymous or ' +
    'system:unauthenticated access to resources.',
  requires: ['k8s.controlPlane'],
  uses: ['k8s.anonymousProbe'],
  evaluate: ({ facts, optional, target }) => {
    const cp: KControlPlane = facts['k8s.controlPlane'];
    const probeFact = optional['k8s.anonymousProbe'] as Fact<KAnonymousProbe> | undefined;
    const probe = probeFact?.ok ? probeFact.value : undefined;
    const findings: Finding[] = [];
    const resource = { kind: 'KubeApiServer', name: 'kube-apiserver' };
    const invisible = flagsInvisible(cp, target.name);
    /** Why the live probe could not decide, when it ran and proved nothing either way. */
    let probeUndecided: string | undefined;

    if (probe) {
      // Health and version answers are public by design; every other path must be refused explicitly.
      const assessed = probe.requests.filter((r) => !PUBLIC.has(r.path.split('?')[0]));
      const answered = assessed.filter((r) => r.outcome === 'allowed');
      const undecided = assessed.filter((r) => r.outcome !== 'allowed' && r.outcome !== 'refused');
      const evidence = { endpoint: probe.endpoint, requests: probe.requests };
      if (answered.length > 0) {
        findings.push({
          status: 'fail',
          severity: answered.some((r) => r.path.includes('/namespaces/')) ? 'critical' : 'high',
          resource,
          message: `The API server ${probe.endpoint} answered unauthenticated requests to ${answered.map((r) => `${r.path} (${r.status})`).join(', ')}.`,
          evidence,
        });
      } else if (assessed.length > 0 && undecided.length === 0) {
        const denied = assessed.some((r) => r.status === 403);
        findings.push({
          status: 'pass',
          resource,
          message: denied
            ? `The API server ${probe.endpoint} refused unauthenticated requests beyond health and version (403: anonymous requests are authenticated as system:anonymous but authorized nothing).`
            : `The API server ${probe.endpoint} rejected every unauthenticated request (401).`,
          evidence,
        });
      } else {
        const why =
          undecided.length > 0
            ? undecided.map((r) => `${r.path}: ${(r.reason ?? 'no answer').replace(/\.$/, '')}`).join('; ')
            : 'no request beyond health and version was made';
        probeUndecided = `live probe of ${probe.endpoint}: ${why}`;
        // With the flags visible, each instance still gets its result below; the probe's own result says why it
        // could not decide. Without them, the single unknown below carries both reasons.
        if (!invisible) {
          findings.push({
            status: 'unknown',
            resource,
            message: `Could not assess anonymous access from the ${probeUndecided}.`,
            evidence,
          });
        }
      }
    }

    if (!invisible) {
      for (const i of cp.components['kube-apiserver'] ?? []) {
        const v = i.flags['anonymous-auth'];
        const ok = v === 'false';
        findings.push({
          status: ok ? 'pass' : 'fail',
          resource: instanceResource(i),
          message: `kube-apiserver on ${i.node ?? 'an unknown node'}: --anonymous-auth is ${v === undefined ? 'not set (defaults to true)' : v}.`,
          evidence: { '--anonymous-auth': v ?? null, source: i.source },
        });
      }
    }
    if (findings.length === 0) {
      const why = [
        probeFact && !probeFact.ok ? `live probe: ${probeFact.reason}` : (probeUndecided ?? 'no live probe'),
        invisible ? invisible.message.replace(/\.$/, '') : '',
      ].filter(Boolean);
      return [{ status: 'unknown', resource, message: `Could not assess anonymous access: ${why.join('; ')}.` }];
    }
    return findings;
  },
});
