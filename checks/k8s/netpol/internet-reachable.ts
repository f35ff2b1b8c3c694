import { defineCheck } from '../../../src/core/check';
import type { KService } from '../../../src/core/facts/k8s';
import type { Fact, Finding } from '../../../src/core/model';
import {
  type AddressSet,
  intersectAddresses,
  publicAddresses,
  subtractAddresses,
  unionAddresses,
} from '../../../src/core/netpol/addresses';
import {
  ALL_PORTS,
  intersect,
  isEmpty,
  type PortSet,
  parsePortQuery,
  portSetText,
  subtract,
  union,
} from '../../../src/core/netpol/ports';
import type { ReachGroup, ReachMap } from '../../../src/core/netpol/reach';
import { NETPOL_FACTS, NSA_NETWORK } from './common';
import { reachOf, reachOptionsOf } from './reach-common';

const EXPOSED = new Set(['LoadBalancer', 'NodePort']);

/** The ports the group's pods accept from every public address of a family (IPv4 or IPv6), per family. */
function openToEveryone(map: ReachMap, g: ReachGroup): PortSet {
  const pieces = map.external(g, 'Ingress');
  let open: PortSet = {};
  for (const family of [4, 6] as const) {
    const everyone = publicAddresses(family);
    let ports: PortSet = ALL_PORTS;
    let covered: AddressSet = [];
    for (const p of pieces) {
      const here = p.addresses.filter((r) => r.family === family);
      const inPublic = intersectAddresses(everyone, here);
      if (inPublic.length === 0) continue;
      ports = intersect(ports, p.ports);
      covered = unionAddresses(covered, inPublic);
    }
    if (subtractAddresses(everyone, covered).length === 0) open = union(open, ports);
  }
  return open;
}

/**
 * A workload is reachable from anywhere on the internet (every public address of IPv4 or IPv6, as 0.0.0.0/0 or ::/0
 * admit) on ports it does not serve on purpose. Through a LoadBalancer or NodePort Service the path exists; without
 * one it exists when pod addresses are routable from outside, which the API objects do not say.
 */
export default defineCheck({
  id: 'k8s.netpol.internet-reachable',
  title: 'Workloads are reachable from anywhere only on the ports they serve on purpose',
  severity: 'high',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [NSA_NETWORK],
  remediation:
    'Isolate the workload for ingress and admit outside addresses only on the ports it serves (an ipBlock rule with ' +
    'ports, or the ingress controller as the only peer). Ports served to the internet on purpose go in ' +
    '`checks.reach.intendedPorts` (docs/netpol.md).',
  requires: [...NETPOL_FACTS],
  uses: ['k8s.services'],
  evaluate({ facts, optional, options }) {
    const map = reachOf(facts, options);
    const excluded = new Set(options.excludedNamespaces);
    const intended = reachOptionsOf(options).intendedPorts;
    const svcFact = optional['k8s.services'] as Fact<KService[]> | undefined;
    const services = svcFact?.ok ? svcFact.value : [];
    const unknowable = map.unknowable();
    const findings: Finding[] = [];
    for (const g of map.groups) {
      const open = openToEveryone(map, g);
      for (const w of g.workloads) {
        if (excluded.has(w.namespace)) continue;
        const resource = { kind: w.kind, namespace: w.namespace, name: w.name };
        const label = `${w.kind} ${w.namespace}/${w.name}`;
        if (w.replicas === 0) {
          findings.push({ status: 'not-applicable', resource, message: `${label} is scaled to zero.` });
          continue;
        }
        const meant = union(
          ...[...(intended[`${w.namespace}/${w.name}`] ?? []), ...(intended[`${w.namespace}/*`] ?? [])].map(
            parsePortQuery,
          ),
        );
        const extra = subtract(open, meant);
        const via = services
          .filter(
            (s) =>
              EXPOSED.has(s.type) && s.namespace === w.namespace && s.selector && Object.keys(s.selector).length > 0,
          )
          .filter((s) => Object.entries(s.selector!).every(([k, v]) => w.podLabels[k] === v))
          .map((s) => `${s.type} Service ${s.namespace}/${s.name}`);
        const evidence = {
          openToEveryone: portSetText(open),
          intended: portSetText(meant),
          exposedThrough: via,
          unknowable,
        };
        if (isEmpty(extra)) {
          findings.push({
            status: 'pass',
            resource,
            message: isEmpty(open)
              ? `${label} is not reachable from every public address on any port.`
              : `${label} is reachable from anywhere only on the ports it serves on purpose (${portSetText(open)}).`,
            evidence,
          });
          continue;
        }
        const path =
          via.length > 0
            ? `through ${via.join(', ')}`
            : !svcFact?.ok
              ? `directly or through a Service (Services could not be read: ${svcFact ? svcFact.reason : 'not collected'})`
              : 'directly, wherever pod addresses are routable from outside the cluster';
        findings.push({
          status: 'fail',
          resource,
          // Without a Service in front, the path needs routable pod addresses: a real exposure, but a narrower one.
          ...(via.length === 0 && svcFact?.ok ? { severity: 'medium' as const } : {}),
          message: `${label} is reachable from anywhere (0.0.0.0/0 or ::/0) on ${portSetText(extra)}, ${path}.`,
          evidence,
        });
      }
    }
    return findings;
  },
});
