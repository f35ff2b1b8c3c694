/**
 * Why the API server would refuse a NetworkPolicy as written (networking.k8s.io/v1 decoding and validation), for
 * policies read from manifests: the live API server serves only policies it accepted. A refused policy never takes
 * effect, and reading it anyway turns a typo into isolation: `from: ["10.0.0.0/8"]` (a string, not a peer) read
 * without its peer allows no one, or everyone once the list is empty; `ports: ["80"]` read without its port opens
 * every port; a port, CIDR or selector the server refuses matches nothing. A null list entry is refused too: what the
 * server makes of it is not certain enough to judge isolation on.
 */

import { isLabelKey, isLabelValue, isPortName } from '../../core/k8s-names';
import { parseCidr } from '../../core/netpol/cidr';
import { mappings, type Obj, optionalMapping, refusal, refuse, shown, typeOf } from './refusal';

function labelSelector(v: unknown, path: string): void {
  const sel = optionalMapping(v, path);
  if (!sel) return;
  const labels = optionalMapping(sel.matchLabels, `${path}.matchLabels`) ?? {};
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) refuse(`${path}.matchLabels`, `${shown(key)} is not a label key`);
    if (typeof value !== 'string') refuse(`${path}.matchLabels.${key}`, `is ${typeOf(value)}, not a string`);
    else if (!isLabelValue(value)) refuse(`${path}.matchLabels.${key}`, `${shown(value)} is not a label value`);
  }
  for (const [i, e] of mappings(sel.matchExpressions, `${path}.matchExpressions`).entries()) {
    const at = `${path}.matchExpressions[${i}]`;
    if (typeof e.key !== 'string' || !isLabelKey(e.key)) refuse(`${at}.key`, `${shown(e.key)} is not a label key`);
    const values = e.values === undefined || e.values === null ? [] : e.values;
    if (!Array.isArray(values)) refuse(`${at}.values`, `is ${typeOf(values)}, not a list`);
    for (const [j, value] of (values as unknown[]).entries()) {
      if (typeof value !== 'string' || !isLabelValue(value))
        refuse(`${at}.values[${j}]`, `${shown(value)} is not a label value`);
    }
    const count = (values as unknown[]).length;
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (count === 0) refuse(`${at}.values`, `must not be empty when the operator is ${e.operator}`);
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (count > 0) refuse(`${at}.values`, `must be empty when the operator is ${e.operator}`);
    } else refuse(`${at}.operator`, `${shown(e.operator)} is not In, NotIn, Exists or DoesNotExist`);
  }
}

function cidr(v: unknown, path: string) {
  const block = typeof v === 'string' ? parseCidr(v) : null;
  return block ?? refuse(path, `${shown(v)} is not a CIDR`);
}

function peer(p: Obj, path: string): void {
  labelSelector(p.podSelector, `${path}.podSelector`);
  labelSelector(p.namespaceSelector, `${path}.namespaceSelector`);
  const block = optionalMapping(p.ipBlock, `${path}.ipBlock`);
  const selectors = [p.podSelector, p.namespaceSelector].filter((s) => s !== undefined && s !== null).length;
  if (!block && selectors === 0) refuse(path, 'names no peer (podSelector, namespaceSelector or ipBlock)');
  if (block && selectors > 0) refuse(path, 'has an ipBlock beside a selector');
  if (!block) return;
  const whole = cidr(block.cidr, `${path}.ipBlock.cidr`);
  const except = block.except === undefined || block.except === null ? [] : block.except;
  if (!Array.isArray(except)) refuse(`${path}.ipBlock.except`, `is ${typeOf(except)}, not a list`);
  for (const [i, e] of (except as unknown[]).entries()) {
    const at = `${path}.ipBlock.except[${i}]`;
    const part = cidr(e, at);
    const strict = part.start !== whole.start || part.end !== whole.end;
    if (part.family !== whole.family || part.start < whole.start || part.end > whole.end || !strict)
      refuse(at, `${shown(e)} is not strictly inside ${shown(block.cidr)}`);
  }
}

const PORT_NUMBER = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

function port(p: Obj, path: string): void {
  if (p.protocol !== undefined && p.protocol !== null && !['TCP', 'UDP', 'SCTP'].includes(p.protocol as string))
    refuse(`${path}.protocol`, `${shown(p.protocol)} is not TCP, UDP or SCTP`);
  const hasPort = p.port !== undefined && p.port !== null;
  if (hasPort && !PORT_NUMBER(p.port) && !(typeof p.port === 'string' && isPortName(p.port)))
    refuse(`${path}.port`, `${shown(p.port)} is neither a port number (1-65535) nor a port name`);
  if (p.endPort === undefined || p.endPort === null) return;
  if (!PORT_NUMBER(p.endPort)) refuse(`${path}.endPort`, `${shown(p.endPort)} is not a port number (1-65535)`);
  if (!hasPort) refuse(`${path}.endPort`, 'is set without a port');
  if (typeof p.port !== 'number') refuse(`${path}.endPort`, 'is set with a named port');
  if ((p.endPort as number) < (p.port as number)) refuse(`${path}.endPort`, `${p.endPort} is below port ${p.port}`);
}

function rules(v: unknown, path: string, peers: 'from' | 'to'): void {
  for (const [i, r] of mappings(v, path).entries()) {
    for (const [j, p] of mappings(r[peers], `${path}[${i}].${peers}`).entries())
      peer(p, `${path}[${i}].${peers}[${j}]`);
    for (const [j, p] of mappings(r.ports, `${path}[${i}].ports`).entries()) port(p, `${path}[${i}].ports[${j}]`);
  }
}

/** Why the API server would refuse the NetworkPolicy object `obj`, naming the field; null when it would accept it. */
export function networkPolicyProblem(obj: Obj): string | null {
  return refusal(() => {
    const spec = optionalMapping(obj.spec, 'spec') ?? {};
    labelSelector(spec.podSelector, 'spec.podSelector');
    const types = spec.policyTypes === undefined || spec.policyTypes === null ? [] : spec.policyTypes;
    if (!Array.isArray(types)) refuse('spec.policyTypes', `is ${typeOf(types)}, not a list`);
    for (const [i, t] of (types as unknown[]).entries())
      if (t !== 'Ingress' && t !== 'Egress') refuse(`spec.policyTypes[${i}]`, `${shown(t)} is not Ingress or Egress`);
    if ((types as unknown[]).length > 2) refuse('spec.policyTypes', 'names more than two types');
    rules(spec.ingress, 'spec.ingress', 'from');
    rules(spec.egress, 'spec.egress', 'to');
  });
}
