/**
 * One identity for a machine: the EC2 instance, its SSM managed instance and the Kubernetes Node it backs, joined by
 * the Node's providerID (`aws:///eu-west-1a/i-0123456789abcdef0`). Pure.
 */
import type { KNode } from '../../core/facts/k8s';
import type { MachineIdentity } from '../../core/model';

const PROVIDER_ID = /^aws:\/\/\/[a-z0-9-]*\/(i-[0-9a-f]{8,17})$/;

/** The EC2 instance ID of an EKS or kOps Node's providerID, or undefined for any other provider. */
export function instanceIdOfProviderId(providerID: string | undefined): string | undefined {
  return providerID ? PROVIDER_ID.exec(providerID.trim())?.[1] : undefined;
}

export interface NodeJoin {
  /** Node name by instance ID. */
  nodeOf: Map<string, string>;
  /** Nodes whose instance is not among the host group's machines (instance ID, or null without an EC2 providerID). */
  unmatched: { node: string; instanceId: string | null }[];
}

/** Joins the Nodes of a cluster to the machines a host group reached or named. */
export function joinNodes(nodes: readonly KNode[], machines: ReadonlySet<string>): NodeJoin {
  const nodeOf = new Map<string, string>();
  const unmatched: NodeJoin['unmatched'] = [];
  for (const n of [...nodes].sort((a, b) => a.name.localeCompare(b.name))) {
    const id = instanceIdOfProviderId(n.providerID);
    if (id && machines.has(id)) nodeOf.set(id, n.name);
    else unmatched.push({ node: n.name, instanceId: id ?? null });
  }
  return { nodeOf, unmatched };
}

/** The identity of a host target named by its SSM ID (an EC2 instance `i-…` or a hybrid managed instance `mi-…`). */
export function identityOf(ssmId: string, nodeName?: string): MachineIdentity {
  return {
    ...(ssmId.startsWith('i-') ? { instanceId: ssmId } : {}),
    managedInstanceId: ssmId,
    ...(nodeName ? { nodeName } : {}),
  };
}
