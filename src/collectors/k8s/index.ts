/**
 * The cluster targets of a configuration: one collector per configured cluster (kubeconfig file, SSM parameter or
 * Secrets Manager secret, in-cluster, EKS with an in-process IAM token, or manifests). The scan's target list
 * (collectorsFor() in src/scan/targets.ts) calls clusterCollectorsFor().
 */
import type { ClusterConfig, Config } from '../../config/schema';
import type { CollectorDeps, TargetSelection } from '../deps';
import type { TargetCollector } from '../types';
import { type EksApi, withEksFacts } from './eks-facts';
import { type EksDeps, eksEndpoint } from './eks-token';
import { endpointFromKubeConfig, expandPath, KubeconfigError, loadKubeConfig } from './kubeconfig';
import { type KubeEndpoint, kubeClusterCollector, type LiveOptions } from './live';
import { manifestsCollector } from './manifests';

export interface ClusterCollectorDeps extends CollectorDeps {
  /** EKS: DescribeCluster and AWS credentials, created by the entry point. */
  eks?: EksDeps;
  /** EKS: the client of a region for the EKS facts (DescribeCluster, access entries). */
  eksApi?: EksApi;
  live?: LiveOptions;
}

function selected(c: ClusterConfig, selection: TargetSelection): boolean {
  if (selection.kind === 'all' || selection.kind === 'clusters') return true;
  if (selection.kind === 'cluster') return selection.name === c.name;
  return false;
}

/** How to reach one configured cluster. */
export function connectorFor(c: ClusterConfig, deps: ClusterCollectorDeps): () => Promise<KubeEndpoint> {
  if (c.eks) {
    const eks = c.eks;
    return async () => {
      if (!deps.eks) throw new KubeconfigError(`cluster ${c.name}: EKS needs AWS clients (none were given)`);
      return eksEndpoint(eks.name, eks.region, deps.eks);
    };
  }
  const k = c.kubeconfig;
  if (!k) throw new KubeconfigError(`cluster ${c.name}: no kubeconfig, eks or manifests`);
  return async () => {
    if (k.inCluster) return endpointFromKubeConfig(loadKubeConfig({ inCluster: true }));
    if (k.file)
      return endpointFromKubeConfig(loadKubeConfig({ file: k.file, context: k.context, baseDir: deps.baseDir }));
    if (!deps.readSecret) throw new KubeconfigError(`cluster ${c.name}: reading the kubeconfig needs a secret reader`);
    const yaml = await deps.readSecret(k.parameter ? { parameter: k.parameter } : { secret: k.secret });
    return endpointFromKubeConfig(loadKubeConfig({ yaml, context: k.context }));
  };
}

/** One collector per selected cluster of the configuration. */
export function clusterCollectorsFor(
  config: Config,
  selection: TargetSelection,
  deps: ClusterCollectorDeps,
): TargetCollector[] {
  return config.clusters
    .filter((c) => selected(c, selection))
    .map((c) => withEksFacts(collectorOf(c, deps), c, deps.eksApi));
}

function collectorOf(c: ClusterConfig, deps: ClusterCollectorDeps): TargetCollector {
  return c.manifests !== undefined
    ? manifestsCollector(
        expandPath(c.manifests, deps.baseDir),
        c.name,
        undefined,
        // Positions from the configuration's folder: repository paths when the configuration is at its root.
        deps.baseDir ? { relativeTo: deps.baseDir } : {},
      )
    : kubeClusterCollector(c.name, connectorFor(c, deps), {
        ...deps.live,
        tls: { ...deps.live?.tls, endpoints: c.tlsEndpoints, readSecrets: c.readTlsSecrets },
      });
}
