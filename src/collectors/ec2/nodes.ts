/**
 * The Nodes of one configured cluster, for joining a host group's machines to them (hostGroups[].ssm.cluster): one
 * paged list of `nodes` through the same client the cluster collector uses. Throws when the list cannot be read whole.
 */
import type { KNode } from '../../core/facts/k8s';
import type { Fact } from '../../core/model';
import { LISTS } from '../k8s/kinds';
import { type KubeEndpoint, KubeHttp, LiveLister } from '../k8s/live';
import { KubeFactBuilder } from '../k8s/reduce';

export function clusterNodeLister(connect: () => Promise<KubeEndpoint>): () => Promise<KNode[]> {
  return async () => {
    const endpoint = await connect();
    const http = new KubeHttp(endpoint, { maxSockets: 1, timeoutMs: 30_000 });
    try {
      const builder = new KubeFactBuilder({ source: 'live' });
      const lister = new LiveLister(http, builder, { pageSize: 500, maxRestarts: 3 });
      const spec = LISTS.find((l) => l.kind === 'Node');
      if (!spec) throw new Error('no list of Nodes is known');
      await lister.list(spec, undefined);
      const nodes = builder.finish()['k8s.nodes'] as Fact<KNode[]> | undefined;
      if (!nodes?.ok) throw new Error(nodes ? nodes.reason : 'the Nodes were not read');
      return nodes.value;
    } finally {
      http.close();
    }
  };
}
