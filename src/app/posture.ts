/**
 * The posture per framework a deployment's snapshot summaries keep (src/core/posture.ts): the frameworks
 * `schedules.digest.frameworks` names, else those of each scope's kind; the CIS Amazon EKS Benchmark for an EKS
 * cluster's scope and for the scope of hosts that back one (`hostGroups[].ssm.cluster`). See docs/digest.md.
 */
import type { Config } from '../config/schema';
import { type PostureCatalogue, type SummaryPosture, snapshotPosture } from '../core/posture';
import { scopeFor } from '../scan/scopes';
import { allChecks } from './checks';

export function summaryPostureFor(config: Config, catalogue: PostureCatalogue = allChecks): SummaryPosture {
  const eks = new Set<string>();
  const eksClusters = new Set(config.clusters.filter((c) => c.eks !== undefined).map((c) => c.name));
  for (const name of eksClusters) eks.add(scopeFor('cluster', name, config.scope));
  for (const g of config.hostGroups) {
    if (g.ssm?.cluster !== undefined && eksClusters.has(g.ssm.cluster))
      eks.add(scopeFor('hosts', g.name, config.scope));
  }
  const ids = config.schedules.digest.frameworks;
  return (snapshot) => snapshotPosture(snapshot, { ...(ids ? { ids } : {}), eks: eks.has(snapshot.scope) }, catalogue);
}
