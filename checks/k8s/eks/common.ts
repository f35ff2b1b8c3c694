/** Shared pieces of the EKS checks (k8s.eks.*): the cluster as the EKS API describes it. */
import type { EksCluster, EksFactMap } from '../../../src/core/facts/eks';
import type { Finding, ResourceRef } from '../../../src/core/model';

export { eksRef } from '../../host/ec2-common';

export function clusterResource(c: EksCluster): ResourceRef {
  return { kind: 'EksCluster', name: c.name };
}

/**
 * The cluster, or the not-applicable finding of a target not configured as EKS (its evidence says how it is
 * reached instead).
 */
export function eksCluster(
  fact: EksFactMap['eks.cluster'],
  targetName: string,
): { cluster: EksCluster } | { findings: Finding[] } {
  if (!('notEks' in fact)) return { cluster: fact };
  return {
    findings: [
      {
        status: 'not-applicable',
        resource: { kind: 'Cluster', name: targetName },
        message: `The EKS checks do not apply: ${fact.notEks}.`,
        evidence: { notEks: fact.notEks },
      },
    ],
  };
}
