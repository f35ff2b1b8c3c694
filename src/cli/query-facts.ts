/**
 * The cluster facts a query command (`who-can`, `can-reach`) reads: from --manifests, --kubeconfig, the default
 * kubeconfig, or else the demo cluster (as `scan` falls back). Only the lists that feed the facts asked for are read.
 */
import { resolve } from 'node:path';
import { endpointFromKubeConfig, KubeconfigError, loadKubeConfig } from '../collectors/k8s/kubeconfig';
import { describeNetworkError, KubeHttp, LISTS, LiveLister } from '../collectors/k8s/live';
import { readManifests } from '../collectors/k8s/manifests';
import { KubeFactBuilder } from '../collectors/k8s/reduce';
import { silentReporter } from '../collectors/types';
import type { FactKey, FactSet } from '../core/model';
import { UsageError } from './errors';
import type { CommandIo } from './io';
import { defaultKubeconfig, demoClusterDir } from './targets';

export interface QuerySource {
  manifests?: string;
  kubeconfig?: string;
  context?: string;
}

async function fromManifests(dir: string, io: CommandIo): Promise<FactSet> {
  const read = await readManifests(resolve(io.cwd, dir));
  for (const p of read.problems) if (p.level === 'error') io.stderr(`warning: ${p.file}: ${p.message}\n`);
  return read.facts;
}

async function fromCluster(
  file: string,
  context: string | undefined,
  facts: readonly FactKey[],
  io: CommandIo,
): Promise<FactSet> {
  const endpoint = await endpointFromKubeConfig(loadKubeConfig({ file, context, baseDir: io.cwd }));
  const http = new KubeHttp(endpoint, { maxSockets: 4, timeoutMs: 30_000 });
  try {
    const builder = new KubeFactBuilder({ source: 'live' });
    const lister = new LiveLister(http, builder, { pageSize: 500, maxRestarts: 3 });
    const version = await http.get('/version').catch((err: unknown) => {
      const why = describeNetworkError(endpoint.server, err).replace(/\.$/, '');
      throw new KubeconfigError(`${why}; check the kubeconfig's server and the network, or give --manifests DIR`);
    });
    if (version.status === 401) throw new KubeconfigError(`${endpoint.server} rejected the credentials (HTTP 401)`);
    await lister.listAll(
      LISTS.filter((l) => l.facts.some((f) => facts.includes(f as FactKey))),
      4,
      { reporter: silentReporter },
    );
    return builder.finish();
  } finally {
    http.close();
  }
}

/** The facts of the cluster the flags name; `command` names the command in the fallback notice. */
export function readQueryFacts(
  command: string,
  flags: QuerySource,
  facts: readonly FactKey[],
  io: CommandIo,
): Promise<FactSet> {
  if (flags.manifests) return fromManifests(flags.manifests, io);
  const kubeconfig = flags.kubeconfig ?? defaultKubeconfig(io.env);
  if (kubeconfig) return fromCluster(kubeconfig, flags.context, facts, io);
  if (flags.context) throw new UsageError('--context needs a kubeconfig: give --kubeconfig, or set KUBECONFIG');
  io.stderr(
    `compliance-bot ${command}: no kubeconfig (KUBECONFIG, ~/.kube/config): reading the demo cluster in examples/demo-cluster; give --kubeconfig or --manifests for another\n`,
  );
  return fromManifests(demoClusterDir(), io);
}
