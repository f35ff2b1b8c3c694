/**
 * The EKS facts of a cluster target: DescribeCluster (endpoint access, logging, encryption, authentication mode,
 * version) and the access entries with their access policies. The client retries throttling and transient errors
 * itself (the SDK's standard strategy, src/aws/clients.ts); a call that still fails makes its fact `{ok:false}`
 * with the reason, so the checks it feeds are unknown. Only clusters configured as EKS are asked; the others get
 * `eks.cluster` saying why the EKS checks do not apply (docs/eks.md).
 */
import type { EKSClient } from '@aws-sdk/client-eks';
import { eksSdk } from '../../aws/sdk';
import type { ClusterConfig } from '../../config/schema';
import type { EksAccessEntry, EksAccessPolicy, EksCluster } from '../../core/facts/eks';
import type { Fact, FactSet, TargetFacts } from '../../core/model';
import { callFailure } from '../ec2/errors';
import type { TargetCollector } from '../types';

/** The EKS client of a region (created once per region by the entry point). */
export type EksApi = (region: string) => EKSClient;

const PERMISSIONS = 'docs/eks.md, "Permissions"';

type EksFacts = Pick<FactSet, 'eks.cluster' | 'eks.accessEntries'>;

/** Pages of a list call: `nextToken` until EKS gives none (a repeated token stops the loop rather than spin). */
async function allPages<T>(page: (nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const answer = await page(token);
    out.push(...answer.items);
    token = answer.nextToken;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`EKS repeated the page token ${token}`);
      seen.add(token);
    }
  } while (token);
  return out;
}

/** The facts of one cluster configured as EKS. */
export async function collectEksFacts(
  client: EKSClient,
  eks: NonNullable<ClusterConfig['eks']>,
  signal?: AbortSignal,
): Promise<EksFacts> {
  const opts = { abortSignal: signal };
  const sdk = eksSdk();
  let cluster: EksCluster;
  try {
    const out = await client.send(new sdk.DescribeClusterCommand({ name: eks.name }), opts);
    const c = out.cluster;
    if (!c) return unknownBoth(`eks:DescribeCluster of ${eks.name} answered without a cluster`);
    const vpc = c.resourcesVpcConfig;
    const types = c.logging?.clusterLogging;
    cluster = {
      name: eks.name,
      region: eks.region,
      ...(c.version ? { version: c.version } : {}),
      ...(c.status ? { status: c.status } : {}),
      endpointPublicAccess: vpc?.endpointPublicAccess ?? null,
      endpointPrivateAccess: vpc?.endpointPrivateAccess ?? null,
      publicAccessCidrs: vpc?.publicAccessCidrs ?? [],
      allowedPublicCidrs: eks.publicAccessCidrs ?? [],
      logging: types
        ? {
            enabled: types.filter((t) => t.enabled).flatMap((t) => t.types ?? []),
            disabled: types.filter((t) => !t.enabled).flatMap((t) => t.types ?? []),
          }
        : null,
      encryption: (c.encryptionConfig ?? []).map((e) => ({
        resources: e.resources ?? [],
        ...(e.provider?.keyArn ? { keyArn: e.provider.keyArn } : {}),
      })),
      ...(c.accessConfig?.authenticationMode ? { authenticationMode: c.accessConfig.authenticationMode } : {}),
    };
  } catch (err) {
    return unknownBoth(callFailure('eks:DescribeCluster', err, PERMISSIONS));
  }
  return {
    'eks.cluster': { ok: true, value: cluster },
    'eks.accessEntries': await accessEntries(client, cluster, opts),
  };
}

function unknownBoth(reason: string): EksFacts {
  return { 'eks.cluster': { ok: false, reason }, 'eks.accessEntries': { ok: false, reason } };
}

async function accessEntries(
  client: EKSClient,
  cluster: EksCluster,
  opts: { abortSignal?: AbortSignal },
): Promise<Fact<EksAccessEntry[]>> {
  if (cluster.authenticationMode === 'CONFIG_MAP') {
    return { ok: false, reason: 'the cluster authenticates through the aws-auth ConfigMap only: no access entries' };
  }
  const sdk = eksSdk();
  const clusterName = cluster.name;
  let action = 'eks:ListAccessEntries';
  try {
    const principals = await allPages(async (nextToken) => {
      const out = await client.send(new sdk.ListAccessEntriesCommand({ clusterName, nextToken }), opts);
      return { items: out.accessEntries ?? [], nextToken: out.nextToken };
    });
    const entries: EksAccessEntry[] = [];
    for (const principalArn of principals) {
      action = 'eks:DescribeAccessEntry';
      const d = (await client.send(new sdk.DescribeAccessEntryCommand({ clusterName, principalArn }), opts))
        .accessEntry;
      action = 'eks:ListAssociatedAccessPolicies';
      const policies = await allPages<EksAccessPolicy>(async (nextToken) => {
        const out = await client.send(
          new sdk.ListAssociatedAccessPoliciesCommand({ clusterName, principalArn, nextToken }),
          opts,
        );
        return {
          items: (out.associatedAccessPolicies ?? []).map((p) => ({
            policyArn: p.policyArn ?? '',
            scope: p.accessScope?.type ?? 'cluster',
            namespaces: p.accessScope?.namespaces ?? [],
          })),
          nextToken: out.nextToken,
        };
      });
      entries.push({
        principalArn,
        ...(d?.type ? { type: d.type } : {}),
        ...(d?.username ? { username: d.username } : {}),
        kubernetesGroups: d?.kubernetesGroups ?? [],
        policies,
      });
    }
    return { ok: true, value: entries };
  } catch (err) {
    return { ok: false, reason: callFailure(action, err, PERMISSIONS) };
  }
}

/**
 * The EKS facts of a cluster that is not configured as EKS: not-applicable with the evidence, or unknown when its
 * control plane looks like EKS (an EKS cluster scanned through a kubeconfig: its EKS settings were not read).
 */
export function notConfiguredAsEks(c: EksSource, facts: FactSet): EksFacts {
  const how = c.manifests !== undefined ? 'read from manifests' : 'reached through a kubeconfig';
  const cp = facts['k8s.controlPlane'];
  if (cp && !cp.ok) {
    return unknownBoth(`could not tell whether ${c.name} is an EKS cluster: k8s.controlPlane: ${cp.reason}`);
  }
  if (cp?.ok && cp.value.managed === 'eks') {
    return unknownBoth(
      `${c.name} looks like EKS (${cp.value.managedEvidence ?? 'managed control plane'}) but the configuration names no EKS cluster for it (clusters[].eks: name and region), so its EKS settings were not read`,
    );
  }
  return { 'eks.cluster': { ok: true, value: { notEks: `${c.name} is ${how}, not configured as an EKS cluster` } } };
}

/** How a cluster target is reached: a configured cluster, or one the CLI was pointed at (manifests, a kubeconfig). */
export type EksSource = Pick<ClusterConfig, 'name' | 'eks' | 'manifests'>;

/** A cluster collector whose target also carries the EKS facts. */
export function withEksFacts(collector: TargetCollector, c: EksSource, api: EksApi | undefined): TargetCollector {
  return {
    ...collector,
    async collect(ctx): Promise<TargetFacts> {
      const collected = await collector.collect(ctx);
      let eks: EksFacts;
      if (!c.eks) eks = notConfiguredAsEks(c, collected.facts);
      else if (!api) eks = unknownBoth(`no EKS API client to describe ${c.eks.name} (AWS clients were not given)`);
      else eks = await collectEksFacts(api(c.eks.region), c.eks, ctx.signal);
      return { ...collected, facts: { ...collected.facts, ...eks } };
    },
  };
}
