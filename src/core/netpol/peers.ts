/**
 * One reachability question: endpoints named by selectors (`namespace/name`, `kind:namespace/name`, `namespace/*`,
 * `label=value`, a CIDR or an address), answered pair by pair with the evidence of both sides: the policies whose
 * rules allow it, or the policies that isolate the endpoint and would block it. See docs/netpol.md, "can-reach".
 */
import type { KNetworkPolicy, KNetworkPolicyPeer, KWorkload } from '../facts/k8s';
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from '../k8s-names';
import { selectorMatches } from '../label-selector';
import {
  type AddressSet,
  intersectAddresses,
  normaliseAddresses,
  parseAddressQuery,
  subtractAddresses,
  toCidrs,
} from './addresses';
import { type Direction, effectivePolicyTypes, policyKey } from './analyze';
import { blockRanges } from './cidr';
import { ALL_PORTS, intersect, isAll, isEmpty, NO_PORTS, type PortSet, portSetText, rulePorts, union } from './ports';
import { type Endpoint, endpointLabel, partition, type ReachMap, workloadLabel } from './reach';

export type EndpointSelector =
  | { kind: 'workload'; workloadKind?: string; namespace: string; name: string }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'label'; key: string; value: string }
  | { kind: 'addresses'; addresses: AddressSet; text: string };

export class SelectorSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}

const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

/** Parses a selector; throws SelectorSyntaxError with what is accepted. */
export function parseEndpointSelector(text: string): EndpointSelector {
  const t = text.trim();
  const usage =
    'give namespace/name, kind:namespace/name, namespace/*, label=value, or a CIDR such as 0.0.0.0/0 or an address';
  if (t.length === 0 || t.length > 320) throw new SelectorSyntaxError(`"${t.slice(0, 40)}": ${usage}`);
  const addresses = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(t) && /[.:]/.test(t) ? parseAddressQuery(t) : null;
  if (addresses) return { kind: 'addresses', addresses: normaliseAddresses(addresses), text: t };
  const label = /^([^=/]+(?:\/[^=/]+)?)=([^=]*)$/.exec(t);
  if (label) {
    if (!isLabelKey(label[1]) || !isLabelValue(label[2]))
      throw new SelectorSyntaxError(`"${t.slice(0, 40)}" is not a valid label=value`);
    return { kind: 'label', key: label[1], value: label[2] };
  }
  const m = /^(?:([^:/]+):)?([^:/]+)\/([^:/]+)$/.exec(t);
  if (!m) throw new SelectorSyntaxError(`"${t.slice(0, 40)}": ${usage}`);
  const [, kind, namespace, name] = m;
  // Workload names are DNS subdomains (253 characters, dots allowed); namespace names are DNS labels (63, no dots).
  if (!isDnsLabel(namespace)) throw new SelectorSyntaxError(`"${namespace.slice(0, 40)}" is not a namespace name`);
  if (name === '*') {
    if (kind !== undefined) throw new SelectorSyntaxError('namespace/* takes no kind');
    return { kind: 'namespace', namespace };
  }
  if (!isDnsSubdomain(name)) throw new SelectorSyntaxError(`"${name.slice(0, 40)}" is not a workload name`);
  if (kind !== undefined && !KIND.test(kind)) throw new SelectorSyntaxError(`"${kind.slice(0, 40)}" is not a kind`);
  return { kind: 'workload', ...(kind !== undefined ? { workloadKind: kind } : {}), namespace, name };
}

/** The workloads a selector names (none for an address selector). */
export function selectWorkloads(map: ReachMap, sel: EndpointSelector): KWorkload[] {
  const all = map.analysis.workloads().map((i) => i.workload);
  switch (sel.kind) {
    case 'workload':
      return all.filter(
        (w) =>
          w.namespace === sel.namespace &&
          w.name === sel.name &&
          (sel.workloadKind === undefined || w.kind.toLowerCase() === sel.workloadKind.toLowerCase()),
      );
    case 'namespace':
      return all.filter((w) => w.namespace === sel.namespace);
    case 'label':
      return all.filter((w) => Object.hasOwn(w.podLabels, sel.key) && w.podLabels[sel.key] === sel.value);
    case 'addresses':
      return [];
  }
}

export function endpointSelectorText(sel: EndpointSelector): string {
  switch (sel.kind) {
    case 'workload':
      return `${sel.workloadKind ? `${sel.workloadKind}:` : ''}${sel.namespace}/${sel.name}`;
    case 'namespace':
      return `${sel.namespace}/*`;
    case 'label':
      return `${sel.key}=${sel.value}`;
    case 'addresses':
      return toCidrs(sel.addresses).join(', ');
  }
}

/** A rule that allows the traffic on one side, and on which ports. */
export interface AllowingRule {
  policy: string;
  /** Index of the rule in the policy's `ingress` / `egress` list. */
  rule: number;
  ports: PortSet;
}

/** One side of a connection: the source's egress or the destination's ingress. */
export interface SideEvidence {
  direction: Direction;
  /** The endpoint whose policies decide this side; absent for addresses outside the pods (no policy applies). */
  workload?: KWorkload;
  hostNetwork: boolean;
  /** Policies isolating the workload for this direction (empty: not isolated, everything allowed). */
  isolatedBy: string[];
  allowedBy: AllowingRule[];
  /** What this side allows (before the query's ports). */
  ports: PortSet;
}

export interface PairAnswer {
  from: Endpoint;
  to: Endpoint;
  /** What both sides allow, limited to the query's ports. */
  allowed: PortSet;
  egress: SideEvidence;
  ingress: SideEvidence;
}

function isolatingPolicies(map: ReachMap, w: KWorkload, d: Direction): KNetworkPolicy[] {
  const iso = map.analysis.isolation(w);
  const keys = new Set(d === 'Ingress' ? (iso?.ingress ?? []) : (iso?.egress ?? []));
  return map.analysis.policiesIn(w.namespace).filter((p) => keys.has(policyKey(p)));
}

function rulesOf(p: KNetworkPolicy, d: Direction) {
  if (!effectivePolicyTypes(p).includes(d)) return [];
  return d === 'Ingress'
    ? (p.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
    : (p.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
}

/** Whether a peer entry of `policy` names the workload (as a pod: never one on the host network). */
function peerNames(map: ReachMap, policy: KNetworkPolicy, peer: KNetworkPolicyPeer, w: KWorkload): boolean {
  if (w.hostNetwork === true) return false;
  if (peer.ipBlock) return map.blockMatchesEveryPod(peer);
  const a = map.analysis;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, a.namespaceLabels(w.namespace))) return false;
    return peer.podSelector ? selectorMatches(peer.podSelector, w.podLabels) : true;
  }
  return !!peer.podSelector && w.namespace === policy.namespace && selectorMatches(peer.podSelector, w.podLabels);
}

/** One side between two workloads. */
function workloadSide(map: ReachMap, self: KWorkload, d: Direction, other: KWorkload): SideEvidence {
  const hostNetwork = self.hostNetwork === true;
  const policies = hostNetwork ? [] : isolatingPolicies(map, self, d);
  const base = { direction: d, workload: self, hostNetwork, isolatedBy: policies.map(policyKey) };
  if (policies.length === 0) return { ...base, allowedBy: [], ports: ALL_PORTS };
  const target = d === 'Ingress' ? self : other;
  const allowedBy: AllowingRule[] = [];
  for (const p of policies)
    rulesOf(p, d).forEach((r, rule) => {
      const named = !r.peers || r.peers.length === 0 || r.peers.some((x) => peerNames(map, p, x, other));
      const ports = rulePorts(r.ports, target.ports).ports;
      if (named && !isEmpty(ports)) allowedBy.push({ policy: policyKey(p), rule, ports });
    });
  return { ...base, allowedBy, ports: union(...allowedBy.map((a) => a.ports)) };
}

const outsideSide = (d: Direction): SideEvidence => ({
  direction: d,
  hostNetwork: false,
  isolatedBy: [],
  allowedBy: [],
  ports: ALL_PORTS,
});

/** Between addresses outside the pods and a workload: per piece of the addresses, what the workload's side allows. */
function addressSides(
  map: ReachMap,
  w: KWorkload,
  d: Direction,
  addresses: AddressSet,
): { addresses: AddressSet; side: SideEvidence }[] {
  const scope = intersectAddresses(addresses, map.outside);
  if (scope.length === 0) return [];
  const hostNetwork = w.hostNetwork === true;
  const policies = hostNetwork ? [] : isolatingPolicies(map, w, d);
  const base = { direction: d, workload: w, hostNetwork, isolatedBy: policies.map(policyKey) };
  if (policies.length === 0) return [{ addresses: scope, side: { ...base, allowedBy: [], ports: ALL_PORTS } }];
  const pieces: { addresses: AddressSet; rule: AllowingRule }[] = [];
  for (const p of policies)
    rulesOf(p, d).forEach((r, rule) => {
      const ports = rulePorts(r.ports, d === 'Ingress' ? w.ports : []).ports;
      if (isEmpty(ports)) return;
      const where =
        !r.peers || r.peers.length === 0
          ? scope
          : normaliseAddresses(
              r.peers
                .filter((x) => x.ipBlock)
                .flatMap((x) =>
                  intersectAddresses(scope, normaliseAddresses(blockRanges(x.ipBlock!.cidr, x.ipBlock!.except ?? []))),
                ),
            );
      if (where.length > 0) pieces.push({ addresses: where, rule: { policy: policyKey(p), rule, ports } });
    });
  // Disjoint pieces, each with the rules that cover it.
  const parts = partition(pieces.map((x) => ({ addresses: x.addresses, ports: x.rule.ports })));
  const out = parts.map((part) => {
    const rules = pieces.filter((x) => intersectAddresses(x.addresses, part.addresses).length > 0).map((x) => x.rule);
    return { addresses: part.addresses, side: { ...base, allowedBy: rules, ports: part.ports } };
  });
  const uncovered = subtractAddresses(scope, normaliseAddresses(parts.flatMap((x) => x.addresses)));
  if (uncovered.length > 0) out.push({ addresses: uncovered, side: { ...base, allowedBy: [], ports: NO_PORTS } });
  return out;
}

/**
 * Every pair the two selectors name, answered: workload to workload, addresses to workload, workload to addresses
 * (addresses to addresses is outside the cluster and is refused). `ports` limits the answer.
 */
export function answerReach(
  map: ReachMap,
  from: EndpointSelector,
  to: EndpointSelector,
  ports: PortSet = ALL_PORTS,
): PairAnswer[] {
  if (from.kind === 'addresses' && to.kind === 'addresses')
    throw new SelectorSyntaxError(
      'one end must be a workload: traffic between two address ranges never meets a NetworkPolicy',
    );
  const out: PairAnswer[] = [];
  if (from.kind === 'addresses') {
    for (const w of selectWorkloads(map, to))
      for (const { addresses, side } of addressSides(map, w, 'Ingress', from.addresses))
        out.push({
          from: { addresses },
          to: { workload: w },
          allowed: intersect(side.ports, ports),
          egress: outsideSide('Egress'),
          ingress: side,
        });
    return out;
  }
  if (to.kind === 'addresses') {
    for (const w of selectWorkloads(map, from))
      for (const { addresses, side } of addressSides(map, w, 'Egress', to.addresses))
        out.push({
          from: { workload: w },
          to: { addresses },
          allowed: intersect(side.ports, ports),
          egress: side,
          ingress: outsideSide('Ingress'),
        });
    return out;
  }
  const targets = selectWorkloads(map, to);
  for (const s of selectWorkloads(map, from))
    for (const d of targets) {
      const egress = workloadSide(map, s, 'Egress', d);
      const ingress = workloadSide(map, d, 'Ingress', s);
      out.push({
        from: { workload: s },
        to: { workload: d },
        allowed: intersect(intersect(egress.ports, ingress.ports), ports),
        egress,
        ingress,
      });
    }
  return out;
}

/** The evidence of one side, as a sentence. */
export function sideText(side: SideEvidence, other: Endpoint, asked: PortSet): string {
  const dir = side.direction === 'Ingress' ? 'ingress' : 'egress';
  if (!side.workload) return `${dir}: addresses outside the pods are under no NetworkPolicy`;
  const who = workloadLabel(side.workload);
  if (side.hostNetwork) return `${dir}: ${who} runs on the host network: no NetworkPolicy applies to it`;
  if (side.isolatedBy.length === 0)
    return `${dir}: ${who} is not isolated for ${dir} (no policy selects it for ${side.direction})`;
  const useful = side.allowedBy.filter((a) => !isEmpty(intersect(a.ports, asked)));
  if (useful.length > 0)
    return `${dir}: allowed by ${useful.map((a) => `${a.policy} (${dir} rule ${a.rule + 1}: ${portSetText(a.ports)})`).join(', ')}`;
  const toward = side.direction === 'Ingress' ? `from ${endpointLabel(other)}` : `to ${endpointLabel(other)}`;
  const by =
    side.isolatedBy.length > 1
      ? `${side.isolatedBy.slice(0, -1).join(', ')} and ${side.isolatedBy.at(-1)}`
      : side.isolatedBy[0];
  return `${dir}: blocked: ${who} is isolated for ${dir} by ${by}; no rule of theirs allows traffic ${toward}${isAll(asked) ? '' : ` on ${portSetText(asked)}`}`;
}
