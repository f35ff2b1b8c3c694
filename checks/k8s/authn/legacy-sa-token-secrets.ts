import { defineCheck } from '../../../src/core/check';

export default defineCheck({
  id: 'k8s.authn.legacy-sa-token-secrets',
  title: 'No long-lived ServiceAccount token Secrets exist',
  severity: 'medium',
  category: 'authn',
  targetKind: 'cluster',
  benchmarks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authentication' }],
  remediation:
    'Delete each Secret of type kubernetes.io/service-account-token named in the findings ' +
    '(`kubectl delete secret -n NAMESPACE NAME`): its token never expires. Workloads get short-lived projected ' +
    'tokens automatically; a client outside the cluster can use `kubectl create token SERVICEACCOUNT --duration=…`.',
  requires: ['k8s.secrets'],
  evaluate: ({ facts, target }) => {
    const tokens = facts['k8s.secrets'].filter((s) => s.type === 'kubernetes.io/service-account-token');
    if (tokens.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} has no Secret of type kubernetes.io/service-account-token.`,
        },
      ];
    }
    return tokens.map((s) => ({
      status: 'fail' as const,
      resource: { kind: 'Secret', namespace: s.namespace, name: s.name },
      message: `Secret ${s.namespace}/${s.name} holds a long-lived token${s.serviceAccountName ? ` for ServiceAccount ${s.namespace}/${s.serviceAccountName}` : ''}.`,
      evidence: { type: s.type, ...(s.serviceAccountName ? { serviceAccount: s.serviceAccountName } : {}) },
    }));
  },
});
