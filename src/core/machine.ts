/**
 * How reports, Slack and queries name a machine: its target name (the SSM ID, stable across scans for fingerprints)
 * with the Kubernetes Node it backs, and lookups by any of its names. Pure.
 */
import type { MachineIdentity } from './model';

/** `i-0abc (Node ip-10-0-1-5.ec2.internal)`: how reports and Slack name a machine once. */
export function machineLabel(name: string, identity?: MachineIdentity): string {
  return identity?.nodeName && identity.nodeName !== name ? `${name} (Node ${identity.nodeName})` : name;
}

/** Whether `query` names this machine: its target name, instance ID, managed-instance ID or Node name. */
export function namesMachine(query: string, name: string, identity?: MachineIdentity): boolean {
  const q = query.toLowerCase();
  return [name, identity?.instanceId, identity?.managedInstanceId, identity?.nodeName].some(
    (n) => n !== undefined && n.toLowerCase() === q,
  );
}
