/**
 * Container ports of workloads, for NetworkPolicy named ports (docs/netpol.md, "Ports"). Fed every object the fact
 * builder reads: a controller's pod template, or a Pod (which stands for its owner when the owner's controller is
 * not seen). Kept apart from the workload reducer so the workloads' own fields stay in one place.
 */
import type { KContainerPort, KWorkload } from '../../core/facts/k8s';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every container's declared ports (init containers serve no traffic and are left out). */
export function containerPortsOf(podSpec: unknown): KContainerPort[] {
  if (!isObj(podSpec) || !Array.isArray(podSpec.containers)) return [];
  const out: KContainerPort[] = [];
  for (const c of podSpec.containers.filter(isObj)) {
    for (const p of Array.isArray(c.ports) ? c.ports.filter(isObj) : []) {
      const port = typeof p.containerPort === 'number' ? p.containerPort : Number(p.containerPort);
      if (!Number.isInteger(port) || port < 1 || port > 65_535) continue;
      out.push({
        ...(typeof p.name === 'string' && p.name !== '' ? { name: p.name } : {}),
        containerPort: port,
        protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      });
    }
  }
  return out;
}

/** Ports by workload key (`Kind/namespace/name`): a controller's template wins over its pods. */
export class WorkloadPorts {
  private readonly fromTemplates = new Map<string, KContainerPort[]>();
  private readonly fromPods = new Map<string, KContainerPort[]>();

  /**
   * One object: `template` is a controller's pod template, or the Pod itself. A Pod with an owner counts for that
   * owner (the first one seen); a bare Pod is its own workload.
   */
  add(o: { kind: string; namespace: string; name: string; meta: Obj }, template: unknown): void {
    if (!isObj(template)) return;
    const ports = containerPortsOf(template.spec);
    if (o.kind !== 'Pod') {
      this.fromTemplates.set(`${o.kind}/${o.namespace}/${o.name}`, ports);
      return;
    }
    const refs = Array.isArray(o.meta.ownerReferences) ? o.meta.ownerReferences.filter(isObj) : [];
    const owner = refs.find((r) => r.controller === true) ?? refs[0];
    const key =
      owner && typeof owner.kind === 'string' && typeof owner.name === 'string'
        ? `${owner.kind}/${o.namespace}/${owner.name}`
        : `Pod/${o.namespace}/${o.name}`;
    if (!this.fromPods.has(key)) this.fromPods.set(key, ports);
  }

  /** The workloads with their ports, where known. */
  attach(workloads: KWorkload[]): KWorkload[] {
    return workloads.map((w) => {
      const key = `${w.kind}/${w.namespace}/${w.name}`;
      const ports = this.fromTemplates.get(key) ?? this.fromPods.get(key);
      return ports ? { ...w, ports } : w;
    });
  }
}
