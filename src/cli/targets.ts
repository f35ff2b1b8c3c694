import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { collectorDepsFrom, createAwsClients } from '../aws/clients';
import { localMachineEc2, localMachineEc2Reason, withEc2Facts } from '../collectors/ec2/local';
import { localHostCollector } from '../collectors/host/local';
import { withEksFacts } from '../collectors/k8s/eks-facts';
import { endpointFromKubeConfig, loadKubeConfig } from '../collectors/k8s/kubeconfig';
import { kubeClusterCollector } from '../collectors/k8s/live';
import { manifestsCollector } from '../collectors/k8s/manifests';
import type { Config } from '../config/schema';
import { errorMessage } from '../core/errors';
import { scopedSelections, scopeFor } from '../scan/scopes';
import { type AnyCollector, collectorsFor } from '../scan/targets';
import { UsageError } from './errors';
import type { CommandIo } from './io';
import type { ScanFlags } from './scan-flags';

export interface PlannedTarget {
  scope: string;
  collector: AnyCollector;
}

export interface PlanContext {
  io: CommandIo;
  /** The configuration's `scope`: put in front of every scope. */
  prefix?: string;
  baseDir: string;
  onProblem: (problem: string) => void;
}

/** The demo cluster shipped in the checkout: what `npm start` scans when there is no kubeconfig. */
export const DEMO_CLUSTER = resolve(__dirname, '..', '..', '..', 'examples', 'demo-cluster');

export function demoClusterDir(): string {
  // Built into node_modules/.cache/compliance-bot-cli/ by bin/build-cli.js, or run from src/cli by jest.
  for (const dir of [DEMO_CLUSTER, resolve(__dirname, '..', '..', 'examples', 'demo-cluster')]) {
    if (existsSync(dir)) return dir;
  }
  return DEMO_CLUSTER;
}

function manifestsTarget(dir: string, name: string | undefined, ctx: PlanContext, cwd?: string): PlannedTarget {
  const clusterName = name ?? basename(resolve(dir));
  return {
    scope: scopeFor('cluster', clusterName, ctx.prefix),
    collector: withEksFacts(
      manifestsCollector(
        dir,
        clusterName,
        (p) => {
          if (p.level === 'error') ctx.onProblem(`${p.file}: ${p.message}`);
        },
        // Positions from the working folder: repository paths for code scanning when run at the repository's root.
        cwd ? { relativeTo: cwd } : {},
      ),
      { name: clusterName, manifests: dir },
      undefined,
    ),
  };
}

/** A live cluster from a kubeconfig; the target is named after the context. */
function kubeTarget(file: string, context: string | undefined, explicit: boolean, prefix?: string): PlannedTarget {
  let kc: ReturnType<typeof loadKubeConfig>;
  try {
    kc = loadKubeConfig({ file, ...(context ? { context } : {}) });
  } catch (err) {
    const why = errorMessage(err);
    if (explicit) throw new UsageError(`--kubeconfig ${file}: ${why}`);
    // The default kubeconfig is broken: say so as an unreachable target rather than scanning something else silently.
    const name = 'kubeconfig';
    return {
      scope: scopeFor('cluster', name, prefix),
      collector: kubeClusterCollector(name, () => Promise.reject(new Error(`${file}: ${why}`))),
    };
  }
  const name = kc.getCurrentContext() || 'cluster';
  return {
    scope: scopeFor('cluster', name, prefix),
    collector: withEksFacts(
      kubeClusterCollector(name, () => endpointFromKubeConfig(kc)),
      { name },
      undefined,
    ),
  };
}

/** The kubeconfig kubectl would use: the first existing file of KUBECONFIG, else ~/.kube/config if present. */
export function defaultKubeconfig(env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env.KUBECONFIG?.split(':').find((p) => p && existsSync(p));
  if (fromEnv) return fromEnv;
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

/**
 * Which targets a CLI scan covers: the explicit options; else the configuration's targets; else the embedded
 * defaults (this machine, and the current kubeconfig or the demo cluster).
 */
export function planTargets(flags: ScanFlags, config: Config, ctx: PlanContext): PlannedTarget[] {
  const { io } = ctx;
  const explicit = flags.manifests !== undefined || flags.kubeconfig !== undefined || flags['host-root'] !== undefined;
  if (flags['cluster-name'] && !flags.manifests) throw new UsageError('--cluster-name goes with --manifests');
  if (flags.context && !flags.kubeconfig && explicit) throw new UsageError('--context goes with --kubeconfig');
  const plan: PlannedTarget[] = [];
  if (explicit) {
    if (flags.manifests) {
      const dir = resolve(io.cwd, flags.manifests);
      if (!existsSync(dir)) throw new UsageError(`--manifests ${flags.manifests}: no such file or folder`);
      plan.push(manifestsTarget(dir, flags['cluster-name'], ctx, io.cwd));
    }
    if (flags.kubeconfig) {
      if (!existsSync(resolve(io.cwd, flags.kubeconfig)))
        throw new UsageError(`--kubeconfig ${flags.kubeconfig}: no such file`);
      plan.push(kubeTarget(resolve(io.cwd, flags.kubeconfig), flags.context, true, ctx.prefix));
    }
    if (flags['host-root']) {
      const hostRoot = resolve(io.cwd, flags['host-root']);
      if (!existsSync(hostRoot)) throw new UsageError(`--host-root ${flags['host-root']}: no such folder`);
      const collector = localHostCollector({ hostRoot });
      plan.push({ scope: scopeFor('host', collector.target.name, ctx.prefix), collector });
    }
    return plan;
  }
  if (config.clusters.length > 0 || config.hostGroups.length > 0) {
    // AWS clients only when a target needs them (SSM host groups, EKS, kubeconfigs kept in SSM or Secrets Manager).
    const needsAws =
      config.hostGroups.some((g) => g.ssm) ||
      config.clusters.some((c) => c.eks || c.kubeconfig?.parameter || c.kubeconfig?.secret);
    const deps = needsAws
      ? { ...collectorDepsFrom(createAwsClients(io.env)), baseDir: ctx.baseDir }
      : { baseDir: ctx.baseDir };
    for (const { scope, selection } of scopedSelections(config, { kind: 'all' })) {
      for (const collector of collectorsFor(config, selection, deps)) plan.push({ scope, collector });
    }
    return plan;
  }
  if (!flags['no-host']) {
    const collector = localHostCollector({});
    plan.push({
      scope: scopeFor('host', collector.target.name, ctx.prefix),
      collector: withEc2Facts(collector, localMachineEc2(localMachineEc2Reason(io.env, io.env.HOME ?? homedir()))),
    });
  }
  const kubeconfig = defaultKubeconfig(io.env);
  if (kubeconfig) {
    plan.push(kubeTarget(kubeconfig, flags.context, false, ctx.prefix));
  } else {
    plan.push(manifestsTarget(demoClusterDir(), 'demo-cluster', ctx));
  }
  return plan;
}
