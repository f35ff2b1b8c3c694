import { defineCheck } from '../../../src/core/check';
import type { EksAccessEntry } from '../../../src/core/facts/eks';
import type { Fact, Finding } from '../../../src/core/model';
import { clusterResource, eksCluster, eksRef } from './common';

/** The access policy that is cluster-admin in all but name. */
export const CLUSTER_ADMIN_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/** Why an access entry holds cluster-admin, or null. */
function adminBy(e: EksAccessEntry): string | null {
  if (e.policies.some((p) => p.policyArn === CLUSTER_ADMIN_POLICY && p.scope === 'cluster')) {
    return 'AmazonEKSClusterAdminPolicy on the whole cluster';
  }
  if (e.kubernetesGroups.includes('system:masters')) return 'the system:masters group';
  return null;
}

export default defineCheck({
  id: 'k8s.eks.admin-access-entries',
  title: 'No EKS access entry holds cluster-admin (AmazonEKSClusterAdminPolicy or system:masters) unreviewed',
  severity: 'high',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [eksRef('4.1.1')],
  remediation:
    'Give each principal the narrowest access policy (AmazonEKSViewPolicy, AmazonEKSEditPolicy, namespace scope) ' +
    'or Kubernetes groups bound to narrow Roles: "aws eks disassociate-access-policy --cluster-name NAME ' +
    '--principal-arn ARN --policy-arn ...AmazonEKSClusterAdminPolicy". Waive the break-glass principal with its reason.',
  requires: ['eks.cluster'],
  uses: ['eks.accessEntries'],
  evaluate: ({ facts, target, optional }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const entries = optional['eks.accessEntries'] as Fact<EksAccessEntry[]> | undefined;
    if (!entries?.ok) {
      return [
        {
          status: 'unknown',
          resource: clusterResource(c),
          message: `Could not assess the access entries of ${c.name}: ${entries ? entries.reason : 'not collected'}.`,
        },
      ];
    }
    const findings: Finding[] = entries.value.flatMap((e) => {
      const why = adminBy(e);
      return why
        ? [
            {
              status: 'fail' as const,
              resource: { kind: 'EksAccessEntry', name: e.principalArn },
              message: `${e.principalArn} holds cluster-admin on ${c.name} through ${why}.`,
              evidence: {
                principalArn: e.principalArn,
                policies: e.policies.map((p) => p.policyArn),
                kubernetesGroups: e.kubernetesGroups,
              },
            },
          ]
        : [];
    });
    if (findings.length > 0) return findings;
    return [
      {
        status: 'pass',
        resource: clusterResource(c),
        message: `None of the ${entries.value.length} access entries of ${c.name} holds cluster-admin.`,
        evidence: { accessEntries: entries.value.length },
      },
    ];
  },
});
