/**
 * The one-question reachability answer (docs/netpol.md, "can-reach"): the selector grammar with its refusals and
 * boundaries, which workloads each selector names, the evidence of both sides of every pair, the sentences that
 * evidence becomes, and on random small clusters the answer against the reachability map it is read from.
 */
import fc from 'fast-check';
import { denyEgress, denyIngress, deploy, ns, policy } from '../../../checks/k8s/netpol/fixtures';
import type { KNetworkPolicy, KNetworkPolicyPeer, KNetworkPolicyPort, KWorkload, LabelSelector } from '../facts/k8s';
import { addressesOf, toCidrs } from './addresses';
import {
  type AllowingRule,
  answerReach,
  type EndpointSelector,
  endpointSelectorText,
  type PairAnswer,
  parseEndpointSelector,
  SelectorSyntaxError,
  type SideEvidence,
  selectWorkloads,
  sideText,
} from './peers';
import {
  ALL_PORTS,
  intersect,
  isAll,
  isEmpty,
  NO_PORTS,
  type PortSet,
  parsePortQuery,
  portSetKey,
  subtract,
  union,
} from './ports';
import { computeReach, type Endpoint, type ReachOptions } from './reach';

const USAGE =
  'give namespace/name, kind:namespace/name, namespace/*, label=value, or a CIDR such as 0.0.0.0/0 or an address';

function refusal(text: string): string {
  try {
    parseEndpointSelector(text);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorSyntaxError);
    expect((err as Error).name).toBe('SelectorSyntaxError');
    return (err as Error).message;
  }
  throw new Error(`"${text}" was accepted`);
}

const cidrsOf = (sel: EndpointSelector) => (sel.kind === 'addresses' ? toCidrs(sel.addresses) : null);
const keyOf = (s: PortSet) => portSetKey(s);
const ports = (text: string) => parsePortQuery(text);
const tcp = (port: number): KNetworkPolicyPort => ({ protocol: 'TCP', port });
const inNs = (name: string): LabelSelector => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const named = (labels: Record<string, string>): LabelSelector => ({ matchLabels: labels });

describe('parseEndpointSelector: the accepted forms', () => {
  it.each<[string, string, EndpointSelector]>([
    ['namespace/name', 'shop/frontend', { kind: 'workload', namespace: 'shop', name: 'frontend' }],
    [
      'kind:namespace/name',
      'Deployment:shop/frontend',
      { kind: 'workload', workloadKind: 'Deployment', namespace: 'shop', name: 'frontend' },
    ],
    [
      'a kind in any case',
      'statefulset:db/pg-0',
      { kind: 'workload', workloadKind: 'statefulset', namespace: 'db', name: 'pg-0' },
    ],
    ['namespace/*', 'shop/*', { kind: 'namespace', namespace: 'shop' }],
    ['label=value', 'app=web', { kind: 'label', key: 'app', value: 'web' }],
    [
      'a prefixed label key',
      'app.kubernetes.io/name=web',
      { kind: 'label', key: 'app.kubernetes.io/name', value: 'web' },
    ],
    ['an empty label value', 'tier=', { kind: 'label', key: 'tier', value: '' }],
    ['a label key named like an object property', 'constructor=x', { kind: 'label', key: 'constructor', value: 'x' }],
    ['blanks around a workload', '  \tshop/frontend \n', { kind: 'workload', namespace: 'shop', name: 'frontend' }],
    ['blanks around a label', ' app=web ', { kind: 'label', key: 'app', value: 'web' }],
    ['single-character names', 'a/b', { kind: 'workload', namespace: 'a', name: 'b' }],
    ['two-character names', 'ab/c9', { kind: 'workload', namespace: 'ab', name: 'c9' }],
    ['digits at both ends', '1a2/3-b.c4', { kind: 'workload', namespace: '1a2', name: '3-b.c4' }],
    [
      'dashes inside a namespace',
      'kube-system/core-dns',
      { kind: 'workload', namespace: 'kube-system', name: 'core-dns' },
    ],
    ['a one-letter kind', 'X:a/b', { kind: 'workload', workloadKind: 'X', namespace: 'a', name: 'b' }],
    ['digits inside both names', 'a1b/c2d', { kind: 'workload', namespace: 'a1b', name: 'c2d' }],
    ['hex digits and a number, with no dot or colon', 'cafe/12', { kind: 'workload', namespace: 'cafe', name: '12' }],
    ['a label prefix starting with a digit', '9a.io/x=y', { kind: 'label', key: '9a.io/x', value: 'y' }],
    [
      'a label prefix with a dash and a digit inside, ending with a digit',
      'a-9.b1/x=y',
      { kind: 'label', key: 'a-9.b1/x', value: 'y' },
    ],
    ['a label prefix of two characters', 'ab/x=y', { kind: 'label', key: 'ab/x', value: 'y' }],
    ['a label prefix of one character', 'a/x=y', { kind: 'label', key: 'a/x', value: 'y' }],
    ['a label name with capitals and digits inside', 'aB3c=v', { kind: 'label', key: 'aB3c', value: 'v' }],
    ['a label name of two characters, ending in a capital', 'xY=1', { kind: 'label', key: 'xY', value: '1' }],
    ['a label value with digits and capitals inside', 'k=a1Bc', { kind: 'label', key: 'k', value: 'a1Bc' }],
    ['a label value of two characters, ending in a capital', 'k=aB', { kind: 'label', key: 'k', value: 'aB' }],
  ])('%s: %j', (_, text, want) => {
    expect(parseEndpointSelector(text)).toStrictEqual(want);
  });

  it.each([
    ['a CIDR', '10.0.0.0/8', ['10.0.0.0/8'], '10.0.0.0/8'],
    ['every IPv4 address', '0.0.0.0/0', ['0.0.0.0/0'], '0.0.0.0/0'],
    ['a CIDR written with host bits', '10.1.2.3/16', ['10.1.0.0/16'], '10.1.2.3/16'],
    ['a single IPv4 address', '203.0.113.7', ['203.0.113.7/32'], '203.0.113.7'],
    ['an IPv6 CIDR', 'fd00::/8', ['fd00::/8'], 'fd00::/8'],
    ['an IPv6 CIDR in capitals', 'FD00::/8', ['fd00::/8'], 'FD00::/8'],
    ['an IPv6 CIDR with a three-digit prefix', '2001:db8::/100', ['2001:db8::/100'], '2001:db8::/100'],
    ['every IPv6 address', '::/0', ['::/0'], '::/0'],
    ['a single IPv6 address', 'fd00::1', ['fd00::1/128'], 'fd00::1'],
    ['an IPv4-mapped address', '::ffff:10.0.0.1', ['::ffff:a00:1/128'], '::ffff:10.0.0.1'],
    ['blanks around an address', ' 10.0.0.0/8\t', ['10.0.0.0/8'], '10.0.0.0/8'],
    ['the IPv6 address written with colons alone', '::', ['::/128'], '::'],
  ])('%s: %s', (_, text, cidrs, kept) => {
    const sel = parseEndpointSelector(text);
    expect(sel.kind).toBe('addresses');
    expect(cidrsOf(sel)).toEqual(cidrs);
    expect(sel.kind === 'addresses' && sel.text).toBe(kept);
  });
});

describe('parseEndpointSelector: refusals, each with what is wrong', () => {
  it.each([
    ['empty', '', `"": ${USAGE}`],
    ['blanks only', '  \t ', `"": ${USAGE}`],
    ['a bare word', 'frontend', `"frontend": ${USAGE}`],
    ['three parts', 'a/b/c', `"a/b/c": ${USAGE}`],
    ['two kinds', 'a:b:c/d', `"a:b:c/d": ${USAGE}`],
    ['an empty namespace', '/frontend', `"/frontend": ${USAGE}`],
    ['an empty name', 'shop/', `"shop/": ${USAGE}`],
    ['a=b=c', 'a=b=c', `"a=b=c": ${USAGE}`],
    ['an IPv4 address out of range', '300.1.2.3', `"300.1.2.3": ${USAGE}`],
    ['an IPv4 address with a part missing', '10.0.0', `"10.0.0": ${USAGE}`],
    ['a bare number', '12345', `"12345": ${USAGE}`],
    // Only the whole text is tried as an address: a blank inside stays a (bad) selector.
    ['a blank inside an address', '10.0.0.0 /8', '"10.0.0.0 " is not a namespace name'],
    ['an IPv6 address with two ::', 'fd00::1::2', `"fd00::1::2": ${USAGE}`],
    ['an IPv6 prefix beyond 128', 'fd00::/129', `"fd00::/129": ${USAGE}`],
    ['an IPv4 prefix beyond 32', '10.0.0.0/33', '"10.0.0.0" is not a namespace name'],
    ['an IPv4 prefix of four digits', '10.0.0.0/1000', '"10.0.0.0" is not a namespace name'],
    ['a namespace in capitals', 'Shop/frontend', '"Shop" is not a namespace name'],
    ['a namespace with an underscore', 'my_shop/frontend', '"my_shop" is not a namespace name'],
    ['a namespace with a dot', 'my.shop/frontend', '"my.shop" is not a namespace name'],
    ['a namespace starting with a dash', '-shop/frontend', '"-shop" is not a namespace name'],
    ['a namespace ending with a dash', 'shop-/frontend', '"shop-" is not a namespace name'],
    ['a name in capitals', 'shop/Frontend', '"Frontend" is not a workload name'],
    ['a name with an underscore', 'shop/front_end', '"front_end" is not a workload name'],
    ['a name starting with a dot', 'shop/.frontend', '".frontend" is not a workload name'],
    ['a name ending with a dash', 'shop/frontend-', '"frontend-" is not a workload name'],
    ['a name ending with a dot', 'shop/frontend.', '"frontend." is not a workload name'],
    ['a kind with a dash', 'Stateful-Set:shop/db', '"Stateful-Set" is not a kind'],
    ['a kind starting with a digit', '1Deployment:shop/db', '"1Deployment" is not a kind'],
    ['a kind with a dot', 'apps.Deployment:shop/db', '"apps.Deployment" is not a kind'],
    ['a kind with namespace/*', 'Deployment:shop/*', 'namespace/* takes no kind'],
    ['a namespace/* with a bad namespace', 'Shop/*', '"Shop" is not a namespace name'],
    ['a label key with a blank', 'my app=web', '"my app=web" is not a valid label=value'],
    ['a label key starting with a dash', '-app=web', '"-app=web" is not a valid label=value'],
    ['a label key ending with a dot', 'app.=web', '"app.=web" is not a valid label=value'],
    ['a label key with a bad prefix', 'Example.com/app=web', '"Example.com/app=web" is not a valid label=value'],
    ['a label key with an empty prefix', '/app=web', `"/app=web": ${USAGE}`],
    ['a label value with a blank', 'app=my web', '"app=my web" is not a valid label=value'],
    ['a label value ending with a dash', 'app=web-', '"app=web-" is not a valid label=value'],
    ['a label value starting with a dot', 'app=.web', '"app=.web" is not a valid label=value'],
  ])('%s: %j', (_, text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('quotes at most 40 characters of what it refuses', () => {
    const long = `${'n'.repeat(50)}_/x`;
    expect(refusal(long)).toBe(`"${'n'.repeat(40)}" is not a namespace name`);
    expect(refusal(`a/${'N'.repeat(50)}`)).toBe(`"${'N'.repeat(40)}" is not a workload name`);
    expect(refusal(`${'K'.repeat(45)}-:a/b`)).toBe(`"${'K'.repeat(40)}" is not a kind`);
    expect(refusal(`${'k'.repeat(45)} x=y`)).toBe(`"${'k'.repeat(40)}" is not a valid label=value`);
    expect(refusal(`${'w'.repeat(45)}`)).toBe(`"${'w'.repeat(40)}": ${USAGE}`);
  });
});

describe('parseEndpointSelector: boundary lengths', () => {
  const name253 = `${'a'.repeat(100)}.${'b'.repeat(100)}.${'c'.repeat(51)}`;
  const ns63 = `n${'-'.repeat(61)}n`;

  it('a selector of 320 characters is read; 321 are refused before anything else', () => {
    const at320 = `Ab:${ns63}/${name253}`;
    expect(at320).toHaveLength(320);
    expect(parseEndpointSelector(at320)).toStrictEqual({
      kind: 'workload',
      workloadKind: 'Ab',
      namespace: ns63,
      name: name253,
    });
    const at321 = `Abc:${ns63}/${name253}`;
    expect(at321).toHaveLength(321);
    expect(refusal(at321)).toBe(`"${at321.slice(0, 40)}": ${USAGE}`);
    // Blanks are trimmed before the length is counted.
    expect(parseEndpointSelector(`  ${at320}  `).kind).toBe('workload');
  });

  it('a workload name (a DNS subdomain) holds 253 characters, not 254', () => {
    expect(name253).toHaveLength(253);
    expect(parseEndpointSelector(`a/${name253}`)).toStrictEqual({ kind: 'workload', namespace: 'a', name: name253 });
    expect(refusal(`a/${name253}x`)).toBe(`"${name253.slice(0, 40)}" is not a workload name`);
  });

  it('a namespace (a DNS label: no dots) holds 63 characters, not 64', () => {
    expect(parseEndpointSelector(`${ns63}/a`)).toStrictEqual({ kind: 'workload', namespace: ns63, name: 'a' });
    expect(parseEndpointSelector(`${ns63}/*`)).toStrictEqual({ kind: 'namespace', namespace: ns63 });
    expect(refusal(`${ns63}x/a`)).toBe(`"${ns63.slice(0, 40)}" is not a namespace name`);
  });

  it('a kind holds 63 characters, not 64', () => {
    const kind63 = `K${'k1'.repeat(31)}`;
    expect(kind63).toHaveLength(63);
    expect(parseEndpointSelector(`${kind63}:a/b`)).toMatchObject({ workloadKind: kind63 });
    expect(refusal(`${kind63}x:a/b`)).toBe(`"${kind63.slice(0, 40)}" is not a kind`);
  });

  it('a label key: a name of 63 characters after a prefix of 253; a value of 63', () => {
    const name63 = `a${'-_.'.repeat(20)}b9`;
    expect(name63).toHaveLength(63);
    const value63 = `V${'x_.-'.repeat(15)}z9`;
    expect(value63).toHaveLength(63);
    expect(parseEndpointSelector(`${name63}=${value63}`)).toStrictEqual({ kind: 'label', key: name63, value: value63 });
    expect(parseEndpointSelector(`${name253}/${name63}=v`)).toStrictEqual({
      kind: 'label',
      key: `${name253}/${name63}`,
      value: 'v',
    });
    expect(parseEndpointSelector('A=B')).toStrictEqual({ kind: 'label', key: 'A', value: 'B' });
    expect(parseEndpointSelector('a.b/C=d')).toStrictEqual({ kind: 'label', key: 'a.b/C', value: 'd' });
    expect(parseEndpointSelector('9-z=0')).toStrictEqual({ kind: 'label', key: '9-z', value: '0' });
    expect(refusal(`${name63}x=v`)).toBe(`"${`${name63}x=v`.slice(0, 40)}" is not a valid label=value`);
    expect(refusal(`k=${value63}x`)).toBe(`"${`k=${value63}x`.slice(0, 40)}" is not a valid label=value`);
    expect(refusal(`${name253}x/k=v`)).toBe(`"${name253.slice(0, 40)}" is not a valid label=value`);
  });
});

// --- a small cluster -----------------------------------------------------------------------------------------------

const namespaces = [ns('shop'), ns('pay', { team: 'pay' }), ns('ops')];
const web = deploy('shop', 'web', { app: 'web' });
const webSet = { ...deploy('shop', 'web', { app: 'web' }), kind: 'StatefulSet' };
const cart = deploy('shop', 'cart', { app: 'cart' });
const ledger = deploy('pay', 'ledger', { app: 'ledger' }, 1, {
  ports: [
    { name: 'pg', containerPort: 5432, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9187, protocol: 'TCP' },
  ],
});
const agent = deploy('ops', 'agent', { app: 'web' }, 1, { hostNetwork: true });
const workloads = [web, webSet, cart, ledger, agent];

function mapOf(policies: KNetworkPolicy[], options: ReachOptions = {}, ws: KWorkload[] = workloads) {
  return computeReach({ namespaces, workloads: ws, policies }, options);
}
const sel = (text: string) => parseEndpointSelector(text);
const names = (ws: KWorkload[]) => ws.map((w) => `${w.kind}:${w.namespace}/${w.name}`).sort();

describe('selectWorkloads', () => {
  const map = mapOf([]);
  it.each([
    ['namespace/name: every kind of that name', 'shop/web', ['Deployment:shop/web', 'StatefulSet:shop/web']],
    ['kind:namespace/name, the kind in any case', 'deployment:shop/web', ['Deployment:shop/web']],
    ['kind:namespace/name in capitals', 'STATEFULSET:shop/web', ['StatefulSet:shop/web']],
    ['kind:namespace/name as written', 'StatefulSet:shop/web', ['StatefulSet:shop/web']],
    ['a kind no workload has', 'DaemonSet:shop/web', []],
    ['a name in another namespace', 'pay/web', []],
    ['another name in the namespace', 'shop/ledger', []],
    ['namespace/*', 'shop/*', ['Deployment:shop/cart', 'Deployment:shop/web', 'StatefulSet:shop/web']],
    ['a namespace with none', 'empty/*', []],
    [
      'label=value, in every namespace',
      'app=web',
      ['Deployment:ops/agent', 'Deployment:shop/web', 'StatefulSet:shop/web'],
    ],
    ['a label value none has', 'app=db', []],
    ['a label key none has, with an empty value', 'tier=', []],
    ['a label key named like an object property', 'constructor=', []],
    ['toString as a label key', 'toString=', []],
    ['addresses name no workload', '0.0.0.0/0', []],
  ])('%s: %s', (_, text, want) => {
    expect(names(selectWorkloads(map, sel(text)))).toEqual(want);
  });

  it('a label matches only labels the workload has itself, not ones its labels object inherits', () => {
    const inherited = deploy('shop', 'odd', Object.create({ app: 'cart', constructor: 'x' }));
    const own = deploy('shop', 'own', { constructor: 'x' });
    const m = mapOf([], {}, [inherited, own]);
    expect(names(selectWorkloads(m, sel('app=cart')))).toEqual([]);
    expect(names(selectWorkloads(m, sel('constructor=x')))).toEqual(['Deployment:shop/own']);
    expect(names(selectWorkloads(m, { kind: 'label', key: '__proto__', value: '' }))).toEqual([]);
  });
});

describe('endpointSelectorText', () => {
  it.each([
    'shop/web',
    'Deployment:shop/web',
    'shop/*',
    'app=web',
    'app.kubernetes.io/name=web',
    'tier=',
    '10.0.0.0/8',
    'fd00::/8',
  ])('round trips %s', (text) => {
    expect(endpointSelectorText(sel(text))).toBe(text);
    expect(sel(endpointSelectorText(sel(text)))).toStrictEqual(sel(text));
  });

  it('writes addresses as their fewest CIDRs', () => {
    expect(endpointSelectorText(sel('203.0.113.7'))).toBe('203.0.113.7/32');
    expect(endpointSelectorText(sel('10.1.2.3/16'))).toBe('10.1.0.0/16');
    expect(
      endpointSelectorText({ kind: 'addresses', addresses: addressesOf(['192.168.0.0/16', '10.0.0.0/8']), text: 'x' }),
    ).toBe('10.0.0.0/8, 192.168.0.0/16');
  });
});

// --- answers -------------------------------------------------------------------------------------------------------

const workloadOf = (e: Endpoint) => ('workload' in e ? e.workload : undefined);
const cidrs = (e: Endpoint) => ('addresses' in e ? toCidrs(e.addresses) : undefined);

const firstCidr = (a: PairAnswer) => (cidrs(a.from) ?? cidrs(a.to) ?? [''])[0];
const sortByCidr = (answers: PairAnswer[]) => [...answers].sort((x, y) => (firstCidr(x) < firstCidr(y) ? -1 : 1));

function one(answers: PairAnswer[]): PairAnswer {
  expect(answers).toHaveLength(1);
  return answers[0];
}

function unisolated(direction: 'Ingress' | 'Egress', workload: KWorkload, hostNetwork = false): SideEvidence {
  return { direction, workload, hostNetwork, isolatedBy: [], allowedBy: [], ports: ALL_PORTS };
}

const outside = (direction: 'Ingress' | 'Egress'): SideEvidence => ({
  direction,
  hostNetwork: false,
  isolatedBy: [],
  allowedBy: [],
  ports: ALL_PORTS,
});

describe('answerReach: workload to workload', () => {
  it('refuses addresses to addresses: no NetworkPolicy is ever between them', () => {
    const map = mapOf([]);
    expect(() => answerReach(map, sel('10.0.0.0/8'), sel('0.0.0.0/0'))).toThrow(
      new SelectorSyntaxError(
        'one end must be a workload: traffic between two address ranges never meets a NetworkPolicy',
      ),
    );
    expect(() => answerReach(map, sel('10.0.0.0/8'), sel('0.0.0.0/0'))).toThrow(SelectorSyntaxError);
  });

  it('not isolated either way: everything, with both sides unisolated', () => {
    const a = one(answerReach(mapOf([]), sel('Deployment:shop/web'), sel('pay/ledger')));
    expect(a.from).toStrictEqual({ workload: web });
    expect(a.to).toStrictEqual({ workload: ledger });
    expect(isAll(a.allowed)).toBe(true);
    expect(a.egress).toStrictEqual(unisolated('Egress', web));
    expect(a.ingress).toStrictEqual(unisolated('Ingress', ledger));
  });

  it('one answer per pair, sources by destinations', () => {
    const answers = answerReach(mapOf([]), sel('shop/*'), sel('app=web'));
    expect(answers).toHaveLength(9);
    expect(answers.map((a) => `${workloadOf(a.from)?.name} ${workloadOf(a.to)?.namespace}`)).toContain('cart ops');
    expect(answerReach(mapOf([]), sel('shop/*'), sel('nobody/*'))).toEqual([]);
    expect(answerReach(mapOf([]), sel('nobody/*'), sel('shop/*'))).toEqual([]);
  });

  it('isolated for ingress with an allowing rule: the policy key and the index of the rule', () => {
    const p = policy('pay', 'ledger-in', {
      podSelector: named({ app: 'ledger' }),
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: named({ app: 'web' }) }], ports: [tcp(1)] },
        { from: [{ namespaceSelector: inNs('shop') }], ports: [tcp(5432), { protocol: 'UDP', port: 53 }] },
        { from: [{ namespaceSelector: { matchLabels: { team: 'pay' } } }], ports: [tcp(6000)] },
      ],
    });
    const a = one(answerReach(mapOf([p]), sel('Deployment:shop/web'), sel('pay/ledger')));
    expect(keyOf(a.allowed)).toBe(keyOf({ TCP: [[5432, 5432]], UDP: [[53, 53]] }));
    expect(a.egress).toStrictEqual(unisolated('Egress', web));
    expect(a.ingress).toStrictEqual({
      direction: 'Ingress',
      workload: ledger,
      hostNetwork: false,
      isolatedBy: ['pay/ledger-in'],
      allowedBy: [{ policy: 'pay/ledger-in', rule: 1, ports: { TCP: [[5432, 5432]], UDP: [[53, 53]] } }],
      ports: { TCP: [[5432, 5432]], UDP: [[53, 53]] },
    });
  });

  it('isolated with no allowing rule: nothing, and the side says which policies isolate it', () => {
    const a = one(
      answerReach(
        mapOf([denyIngress('pay'), denyIngress('pay', 'second')]),
        sel('Deployment:shop/web'),
        sel('pay/ledger'),
      ),
    );
    expect(isEmpty(a.allowed)).toBe(true);
    expect(a.ingress).toStrictEqual({
      direction: 'Ingress',
      workload: ledger,
      hostNetwork: false,
      isolatedBy: ['pay/default-deny-ingress', 'pay/second'],
      allowedBy: [],
      ports: NO_PORTS,
    });
    expect(a.egress).toStrictEqual(unisolated('Egress', web));
  });

  it('a side lists only the policies isolating it for its own direction', () => {
    const a = one(answerReach(mapOf([denyIngress('shop'), denyEgress('shop')]), sel('shop/cart'), sel('shop/cart')));
    expect(a.egress.isolatedBy).toEqual(['shop/default-deny-egress']);
    expect(a.ingress.isolatedBy).toEqual(['shop/default-deny-ingress']);
  });

  it('egress rules: the peers each form names, and the rule index per policy', () => {
    const p = policy('shop', 'web-out', {
      podSelector: named({ app: 'web' }),
      policyTypes: ['Egress'],
      egress: [
        // A pod selector alone names pods of the policy's namespace only.
        { to: [{ podSelector: named({ app: 'ledger' }) }], ports: [tcp(1)] },
        // Both selectors: the namespace and the pods must match.
        { to: [{ namespaceSelector: inNs('pay'), podSelector: named({ app: 'other' }) }], ports: [tcp(2)] },
        { to: [{ namespaceSelector: inNs('shop'), podSelector: named({ app: 'cart' }) }], ports: [tcp(3)] },
        { to: [{}], ports: [tcp(4)] },
        { to: [{ namespaceSelector: inNs('pay'), podSelector: named({ app: 'ledger' }) }], ports: [tcp(5)] },
        { to: [{ namespaceSelector: { matchLabels: { team: 'pay' } } }], ports: [tcp(6)] },
        { to: [], ports: [tcp(7)] },
        { ports: [tcp(8)] },
      ],
    });
    const a = one(answerReach(mapOf([p]), sel('Deployment:shop/web'), sel('pay/ledger')));
    expect(a.egress.isolatedBy).toEqual(['shop/web-out']);
    expect(a.egress.allowedBy).toStrictEqual([
      { policy: 'shop/web-out', rule: 4, ports: { TCP: [[5, 5]] } },
      { policy: 'shop/web-out', rule: 5, ports: { TCP: [[6, 6]] } },
      { policy: 'shop/web-out', rule: 6, ports: { TCP: [[7, 7]] } },
      { policy: 'shop/web-out', rule: 7, ports: { TCP: [[8, 8]] } },
    ]);
    expect(keyOf(a.allowed)).toBe(keyOf({ TCP: [[5, 8]] }));
    // Within its own namespace, the pod selector alone names the peer.
    const b = one(answerReach(mapOf([p]), sel('Deployment:shop/web'), sel('shop/cart')));
    expect(b.egress.allowedBy.map((r) => r.rule)).toEqual([2, 6, 7]);
    const c = one(
      answerReach(
        mapOf([{ ...p, egress: [{ to: [{ podSelector: named({ app: 'cart' }) }], ports: [tcp(9)] }] }]),
        sel('Deployment:shop/web'),
        sel('shop/cart'),
      ),
    );
    expect(c.egress.allowedBy).toStrictEqual([{ policy: 'shop/web-out', rule: 0, ports: { TCP: [[9, 9]] } }]);
  });

  it('a rule names the peer when any one of its peers does', () => {
    const p = policy('pay', 'either', {
      podSelector: {},
      ingress: [
        { from: [{ podSelector: named({ app: 'nope' }) }, { namespaceSelector: inNs('shop') }], ports: [tcp(1)] },
        { from: [{ podSelector: named({ app: 'nope' }) }, { namespaceSelector: inNs('ops') }], ports: [tcp(2)] },
      ],
    });
    const a = one(answerReach(mapOf([p]), sel('shop/cart'), sel('pay/ledger')));
    expect(a.ingress.allowedBy.map((r) => r.rule)).toEqual([0]);
  });

  it('the rules of every isolating policy count, each under its own key', () => {
    const a = policy('pay', 'a', { podSelector: {}, ingress: [{ ports: [tcp(1)] }] });
    const b = policy('pay', 'b', {
      podSelector: named({ app: 'ledger' }),
      ingress: [{ ports: [tcp(2)] }, { ports: [tcp(3)] }],
    });
    const x = one(answerReach(mapOf([a, b]), sel('shop/cart'), sel('pay/ledger')));
    expect(x.ingress.isolatedBy).toEqual(['pay/a', 'pay/b']);
    expect(x.ingress.allowedBy).toStrictEqual<AllowingRule[]>([
      { policy: 'pay/a', rule: 0, ports: { TCP: [[1, 1]] } },
      { policy: 'pay/b', rule: 0, ports: { TCP: [[2, 2]] } },
      { policy: 'pay/b', rule: 1, ports: { TCP: [[3, 3]] } },
    ]);
    expect(keyOf(x.allowed)).toBe(keyOf({ TCP: [[1, 3]] }));
  });

  it('host-network endpoints: no policy applies to their side, and no pod peer names them', () => {
    const inOps = [denyIngress('ops'), denyEgress('ops')];
    const toAgent = one(answerReach(mapOf(inOps), sel('shop/cart'), sel('ops/agent')));
    expect(toAgent.ingress).toStrictEqual(unisolated('Ingress', agent, true));
    expect(isAll(toAgent.allowed)).toBe(true);
    const fromAgent = one(answerReach(mapOf(inOps), sel('ops/agent'), sel('shop/cart')));
    expect(fromAgent.egress).toStrictEqual(unisolated('Egress', agent, true));
    // A rule naming every pod of every namespace still does not name a host-network workload.
    const open = policy('pay', 'from-all-pods', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: {} }] }, { from: [{ podSelector: {} }] }],
    });
    const fromHost = one(answerReach(mapOf([open]), sel('ops/agent'), sel('pay/ledger')));
    expect(fromHost.ingress.allowedBy).toEqual([]);
    expect(isEmpty(fromHost.allowed)).toBe(true);
    const fromPod = one(answerReach(mapOf([open]), sel('shop/cart'), sel('pay/ledger')));
    expect(fromPod.ingress.allowedBy.map((r) => r.rule)).toEqual([0]);
  });

  it('ipBlock peers name pods only with ipBlockMatchesPods and a block holding every pod', () => {
    const p = policy('pay', 'from-anywhere', {
      podSelector: {},
      ingress: [
        { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [tcp(1)] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [tcp(2)] },
      ],
    });
    const plain = one(answerReach(mapOf([p]), sel('shop/cart'), sel('pay/ledger')));
    expect(plain.ingress.allowedBy).toEqual([]);
    expect(isEmpty(plain.allowed)).toBe(true);
    const matching = one(answerReach(mapOf([p], { ipBlockMatchesPods: true }), sel('shop/cart'), sel('pay/ledger')));
    expect(matching.ingress.allowedBy).toStrictEqual([
      { policy: 'pay/from-anywhere', rule: 0, ports: { TCP: [[1, 1]] } },
    ]);
    const host = one(answerReach(mapOf([p], { ipBlockMatchesPods: true }), sel('ops/agent'), sel('pay/ledger')));
    expect(host.ingress.allowedBy).toEqual([]);
  });

  it('named ports resolve on the destination, for ingress and for egress', () => {
    const p = policy('pay', 'pg', {
      podSelector: {},
      ingress: [{ ports: [{ port: 'pg' }] }, { ports: [{ port: 'nope' }] }],
    });
    const a = one(answerReach(mapOf([p]), sel('shop/cart'), sel('pay/ledger')));
    expect(a.ingress.allowedBy).toStrictEqual([{ policy: 'pay/pg', rule: 0, ports: { TCP: [[5432, 5432]] } }]);
    expect(keyOf(a.allowed)).toBe(keyOf(ports('TCP/5432')));
    const out = policy('shop', 'pg-out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 'metrics' }] }],
    });
    const b = one(answerReach(mapOf([out]), sel('shop/cart'), sel('pay/ledger')));
    expect(b.egress.allowedBy).toStrictEqual([{ policy: 'shop/pg-out', rule: 0, ports: { TCP: [[9187, 9187]] } }]);
    // The source's own container ports do not count: cart declares none, web declares metrics elsewhere.
    const c = one(answerReach(mapOf([out]), sel('pay/ledger'), sel('shop/cart')));
    expect(c.egress).toStrictEqual(unisolated('Egress', ledger));
    const d = one(answerReach(mapOf([out]), sel('shop/cart'), sel('Deployment:shop/web')));
    expect(d.egress.allowedBy).toEqual([]);
    expect(d.egress.ports).toStrictEqual(NO_PORTS);
  });

  it('the ports argument limits what is allowed, never the evidence', () => {
    const p = policy('pay', 'pg', { podSelector: {}, ingress: [{ ports: [tcp(5432), tcp(6000)] }] });
    const asked = one(answerReach(mapOf([p]), sel('shop/cart'), sel('pay/ledger'), ports('TCP/5432')));
    expect(keyOf(asked.allowed)).toBe(keyOf(ports('TCP/5432')));
    expect(keyOf(asked.ingress.ports)).toBe(
      keyOf({
        TCP: [
          [5432, 5432],
          [6000, 6000],
        ],
      }),
    );
    const other = one(answerReach(mapOf([p]), sel('shop/cart'), sel('pay/ledger'), ports('UDP/53')));
    expect(isEmpty(other.allowed)).toBe(true);
    expect(isAll(other.egress.ports)).toBe(true);
    const open = one(answerReach(mapOf([]), sel('shop/cart'), sel('pay/ledger'), ports('TCP/80-90')));
    expect(keyOf(open.allowed)).toBe(keyOf(ports('TCP/80-90')));
  });
});

describe('answerReach: addresses and workloads', () => {
  const fromNets = policy('pay', 'from-nets', {
    podSelector: named({ app: 'ledger' }),
    policyTypes: ['Ingress'],
    ingress: [
      { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [tcp(80)] },
      { from: [{ ipBlock: { cidr: '10.2.0.0/16' } }, { podSelector: {} }], ports: [tcp(443)] },
      { from: [{ podSelector: {} }], ports: [tcp(1)] },
      { from: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 'nope' }] },
    ],
  });
  // Sorted by their first CIDR: the order of the pieces is no part of the answer.
  const pieces = (answers: PairAnswer[]) =>
    sortByCidr(answers).map((a) => ({
      cidrs: cidrs(a.from) ?? cidrs(a.to),
      allowed: keyOf(a.allowed),
      rules: (a.from && 'addresses' in a.from ? a.ingress : a.egress).allowedBy.map((r) => `${r.policy}#${r.rule}`),
    }));

  it('addresses to a workload: pieces split by rule, with the uncovered remainder at nothing', () => {
    const answers = answerReach(mapOf([fromNets]), sel('10.0.0.0/7'), sel('pay/ledger'));
    expect(pieces(answers)).toEqual([
      {
        cidrs: [
          '10.0.0.0/16',
          '10.3.0.0/16',
          '10.4.0.0/14',
          '10.8.0.0/13',
          '10.16.0.0/12',
          '10.32.0.0/11',
          '10.64.0.0/10',
          '10.128.0.0/9',
        ],
        allowed: keyOf(ports('TCP/80')),
        rules: ['pay/from-nets#0'],
      },
      { cidrs: ['10.1.0.0/16', '11.0.0.0/8'], allowed: keyOf(NO_PORTS), rules: [] },
      {
        cidrs: ['10.2.0.0/16'],
        allowed: keyOf({
          TCP: [
            [80, 80],
            [443, 443],
          ],
        }),
        rules: ['pay/from-nets#0', 'pay/from-nets#1'],
      },
    ]);
    for (const a of answers) {
      expect(a.to).toStrictEqual({ workload: ledger });
      expect(a.egress).toStrictEqual(outside('Egress'));
      expect(a.ingress.workload).toBe(ledger);
      expect(a.ingress.isolatedBy).toEqual(['pay/from-nets']);
      expect(a.ingress.direction).toBe('Ingress');
      expect(a.ingress.hostNetwork).toBe(false);
      expect(keyOf(a.ingress.ports)).toBe(keyOf(a.allowed));
    }
  });

  it('the asked ports limit each piece', () => {
    const answers = answerReach(mapOf([fromNets]), sel('10.0.0.0/7'), sel('pay/ledger'), ports('TCP/443'));
    expect(sortByCidr(answers).map((a) => [cidrs(a.from)?.[0], keyOf(a.allowed)])).toEqual([
      ['10.0.0.0/16', keyOf(NO_PORTS)],
      ['10.1.0.0/16', keyOf(NO_PORTS)],
      ['10.2.0.0/16', keyOf(ports('TCP/443'))],
    ]);
  });

  it('a rule without peers covers every address asked', () => {
    const p = policy('pay', 'any', {
      podSelector: {},
      ingress: [{ ports: [tcp(80)] }, { from: [], ports: [tcp(81)] }],
    });
    const a = one(answerReach(mapOf([p]), sel('203.0.113.0/24'), sel('pay/ledger')));
    expect(cidrs(a.from)).toEqual(['203.0.113.0/24']);
    expect(keyOf(a.allowed)).toBe(keyOf({ TCP: [[80, 81]] }));
    expect(a.ingress.allowedBy.map((r) => r.rule)).toEqual([0, 1]);
  });

  it('named ports: resolved on the workload for ingress; towards addresses they name nothing', () => {
    const inP = policy('pay', 'pg', {
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'pg' }] }],
    });
    const a = one(answerReach(mapOf([inP]), sel('0.0.0.0/0'), sel('pay/ledger')));
    expect(a.ingress.allowedBy).toStrictEqual([{ policy: 'pay/pg', rule: 0, ports: { TCP: [[5432, 5432]] } }]);
    const outP = policy('pay', 'pg-out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'pg' }] }, { ports: [tcp(53)] }],
    });
    const b = one(answerReach(mapOf([outP]), sel('pay/ledger'), sel('0.0.0.0/0')));
    expect(b.egress.allowedBy).toStrictEqual([{ policy: 'pay/pg-out', rule: 1, ports: { TCP: [[53, 53]] } }]);
  });

  it('a workload to addresses: the workload egress per piece; the far side is outside every policy', () => {
    const p = policy('shop', 'out', {
      podSelector: named({ app: 'cart' }),
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '198.51.100.0/24', except: ['198.51.100.128/25'] } }], ports: [tcp(443)] }],
    });
    const answers = answerReach(mapOf([p]), sel('shop/cart'), sel('198.51.100.0/24'));
    expect(pieces(answers)).toEqual([
      { cidrs: ['198.51.100.0/25'], allowed: keyOf(ports('TCP/443')), rules: ['shop/out#0'] },
      { cidrs: ['198.51.100.128/25'], allowed: keyOf(NO_PORTS), rules: [] },
    ]);
    for (const a of answers) {
      expect(a.from).toStrictEqual({ workload: cart });
      expect(a.ingress).toStrictEqual(outside('Ingress'));
      expect(a.egress.direction).toBe('Egress');
      expect(a.egress.isolatedBy).toEqual(['shop/out']);
      expect(a.egress.workload).toBe(cart);
    }
    // The asked ports limit each piece.
    const asked = sortByCidr(answerReach(mapOf([p]), sel('shop/cart'), sel('198.51.100.0/24'), ports('TCP/80-443')));
    expect(asked.map((a) => keyOf(a.allowed))).toEqual([keyOf(ports('TCP/443')), keyOf(NO_PORTS)]);
    const openAsked = one(answerReach(mapOf([p]), sel('Deployment:shop/web'), sel('198.51.100.0/24'), ports('UDP/53')));
    expect(keyOf(openAsked.allowed)).toBe(keyOf(ports('UDP/53')));
    expect(isAll(openAsked.egress.ports)).toBe(true);
    // Not isolated: one piece, everything.
    const open = one(answerReach(mapOf([p]), sel('Deployment:shop/web'), sel('198.51.100.0/24')));
    expect(open.egress).toStrictEqual(unisolated('Egress', web));
    expect(cidrs(open.to)).toEqual(['198.51.100.0/24']);
    expect(isAll(open.allowed)).toBe(true);
    // Isolated, no rule reaches the addresses: one piece, nothing.
    const none = one(answerReach(mapOf([p]), sel('shop/cart'), sel('203.0.113.0/24')));
    expect(none.egress.allowedBy).toEqual([]);
    expect(none.egress.ports).toStrictEqual(NO_PORTS);
    expect(cidrs(none.to)).toEqual(['203.0.113.0/24']);
  });

  it('host network and unisolated workloads: one piece, everything', () => {
    const m = mapOf([denyIngress('ops'), denyEgress('ops')]);
    const a = one(answerReach(m, sel('10.0.0.0/8'), sel('ops/agent')));
    expect(a.ingress).toStrictEqual(unisolated('Ingress', agent, true));
    expect(isAll(a.allowed)).toBe(true);
    const b = one(answerReach(m, sel('ops/agent'), sel('fd00::/8')));
    expect(b.egress).toStrictEqual(unisolated('Egress', agent, true));
    expect(cidrs(b.to)).toEqual(['fd00::/8']);
  });

  it('addresses inside the pod ranges are left out: they are pods, not outside addresses', () => {
    const m = mapOf([], { podCidrs: ['10.244.0.0/16'] });
    const a = one(answerReach(m, sel('10.0.0.0/8'), sel('pay/ledger')));
    expect(cidrs(a.from)).not.toContain('10.244.0.0/16');
    expect(cidrs(a.from)).toContain('10.245.0.0/16');
    expect(answerReach(m, sel('10.244.1.0/24'), sel('pay/ledger'))).toEqual([]);
    expect(answerReach(m, sel('pay/ledger'), sel('10.244.0.7'))).toEqual([]);
    const isolated = mapOf([fromNets], { podCidrs: ['10.0.0.0/9'] });
    expect(answerReach(isolated, sel('10.0.0.0/9'), sel('pay/ledger'))).toEqual([]);
    const left = answerReach(isolated, sel('10.0.0.0/8'), sel('pay/ledger'));
    expect(left.map((x) => cidrs(x.from))).toEqual([['10.128.0.0/9']]);
  });
});

// --- the answer against the map, on random clusters -------------------------------------------------------------

const NS = ['a', 'b'];
const labelArb = fc.record({ app: fc.constantFrom('x', 'y') }, { requiredKeys: [] });
const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(fc.constant({}), fc.record({ matchLabels: labelArb }));
const peerArb: fc.Arbitrary<KNetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: fc.constantFrom({}, inNs('a'), inNs('b')) }),
  fc.record({ namespaceSelector: fc.constantFrom({}, inNs('b')), podSelector: selectorArb }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '0.0.0.0/0' }, { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }) }),
);
const portArb: fc.Arbitrary<KNetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom(53, 80) }),
  fc.record({ port: fc.constantFrom(80, 8000), endPort: fc.constantFrom(8080) }),
  fc.record({ port: fc.constant('http') }),
);
const ruleArb = fc.record(
  { peers: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) },
  { requiredKeys: [] },
);
const clusterArb = fc.record({
  workloads: fc.array(
    fc.record({
      namespace: fc.constantFrom(...NS),
      labels: labelArb,
      http: fc.option(fc.constantFrom(80, 8080), { nil: undefined }),
      host: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  policies: fc.array(
    fc.record({
      namespace: fc.constantFrom(...NS),
      podSelector: selectorArb,
      types: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[]),
      ingress: fc.array(ruleArb, { maxLength: 2 }),
      egress: fc.array(ruleArb, { maxLength: 2 }),
    }),
    { maxLength: 4 },
  ),
  asked: fc.constantFrom('TCP/80', 'UDP/53', 'TCP/1-100', null),
  matchPods: fc.boolean(),
});

describe('Property: the answer agrees with the reachability map', () => {
  it('on random small clusters, every workload pair gets what the map allows, within both sides', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const ws = c.workloads.map((w, i) =>
          deploy(w.namespace, `w${i}`, w.labels, 1, {
            ...(w.host && i % 3 === 0 ? { hostNetwork: true } : {}),
            ...(w.http ? { ports: [{ name: 'http', containerPort: w.http, protocol: 'TCP' }] } : {}),
          }),
        );
        const policies = c.policies.map((p, i) =>
          policy(p.namespace, `p${i}`, {
            podSelector: p.podSelector,
            policyTypes: p.types,
            ingress: p.ingress.map((r) => ({
              ...(r.peers ? { from: r.peers } : {}),
              ...(r.ports ? { ports: r.ports } : {}),
            })),
            egress: p.egress.map((r) => ({
              ...(r.peers ? { to: r.peers } : {}),
              ...(r.ports ? { ports: r.ports } : {}),
            })),
          }),
        );
        const map = computeReach(
          { namespaces: NS.map((n) => ns(n)), workloads: ws, policies },
          { ipBlockMatchesPods: c.matchPods },
        );
        const asked = c.asked === null ? ALL_PORTS : ports(c.asked);
        for (const s of ws)
          for (const d of ws) {
            const [a] = answerReach(
              map,
              sel(`Deployment:${s.namespace}/${s.name}`),
              sel(`${d.namespace}/${d.name}`),
              asked,
            );
            expect(keyOf(a.allowed)).toBe(keyOf(intersect(map.allowed(s, d), asked)));
            expect(isEmpty(subtract(a.allowed, a.egress.ports))).toBe(true);
            expect(isEmpty(subtract(a.allowed, a.ingress.ports))).toBe(true);
            expect(isEmpty(subtract(a.allowed, asked))).toBe(true);
            for (const side of [a.egress, a.ingress]) {
              if (side.isolatedBy.length === 0) expect(isAll(side.ports)).toBe(true);
              for (const r of side.allowedBy) {
                expect(side.isolatedBy).toContain(r.policy);
                expect(isEmpty(r.ports)).toBe(false);
              }
            }
          }
        // Addresses to each workload: each piece gets what the map gives those addresses.
        for (const w of ws) {
          const external = map.external(map.group(w)!, 'Ingress');
          for (const a of answerReach(map, sel('0.0.0.0/0'), sel(`${w.namespace}/${w.name}`), asked)) {
            const from = 'addresses' in a.from ? a.from.addresses : [];
            const hits = external.filter((e) => overlaps(e.addresses, from));
            if (hits.length === 0) expect(isEmpty(a.allowed)).toBe(true);
            for (const e of hits) expect(keyOf(a.allowed)).toBe(keyOf(intersect(e.ports, asked)));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

function overlaps(
  a: readonly { family: number; start: bigint; end: bigint }[],
  b: readonly { family: number; start: bigint; end: bigint }[],
) {
  return a.some((x) => b.some((y) => x.family === y.family && x.start <= y.end && y.start <= x.end));
}

// --- sentences -----------------------------------------------------------------------------------------------------

describe('sideText', () => {
  const toWeb: Endpoint = { workload: web };
  const isolated = (
    direction: 'Ingress' | 'Egress',
    isolatedBy: string[],
    allowedBy: AllowingRule[] = [],
  ): SideEvidence => ({
    direction,
    workload: ledger,
    hostNetwork: false,
    isolatedBy,
    allowedBy,
    ports: NO_PORTS,
  });

  it.each<[string, SideEvidence, Endpoint, PortSet, string]>([
    [
      'addresses, ingress',
      outside('Ingress'),
      toWeb,
      ALL_PORTS,
      'ingress: addresses outside the pods are under no NetworkPolicy',
    ],
    [
      'addresses, egress',
      outside('Egress'),
      toWeb,
      ALL_PORTS,
      'egress: addresses outside the pods are under no NetworkPolicy',
    ],
    [
      'host network',
      unisolated('Egress', agent, true),
      toWeb,
      ALL_PORTS,
      'egress: Deployment ops/agent runs on the host network: no NetworkPolicy applies to it',
    ],
    [
      'host network, isolated by name only',
      { ...isolated('Ingress', ['ops/deny']), workload: agent, hostNetwork: true },
      toWeb,
      ALL_PORTS,
      'ingress: Deployment ops/agent runs on the host network: no NetworkPolicy applies to it',
    ],
    [
      'not isolated for ingress',
      unisolated('Ingress', ledger),
      toWeb,
      ALL_PORTS,
      'ingress: Deployment pay/ledger is not isolated for ingress (no policy selects it for Ingress)',
    ],
    [
      'not isolated for egress',
      unisolated('Egress', ledger),
      toWeb,
      ports('TCP/80'),
      'egress: Deployment pay/ledger is not isolated for egress (no policy selects it for Egress)',
    ],
    [
      'allowed by two rules, numbered from 1',
      isolated(
        'Ingress',
        ['pay/a', 'pay/b'],
        [
          { policy: 'pay/a', rule: 1, ports: ports('TCP/5432') },
          { policy: 'pay/b', rule: 0, ports: ALL_PORTS },
        ],
      ),
      toWeb,
      ALL_PORTS,
      'ingress: allowed by pay/a (ingress rule 2: TCP/5432), pay/b (ingress rule 1: all traffic)',
    ],
    [
      'allowed, only the rules holding an asked port',
      isolated(
        'Egress',
        ['pay/a'],
        [
          { policy: 'pay/a', rule: 0, ports: ports('UDP/53') },
          { policy: 'pay/a', rule: 2, ports: { TCP: [[5000, 6000]] } },
        ],
      ),
      toWeb,
      ports('TCP/5432'),
      'egress: allowed by pay/a (egress rule 3: TCP/5000-6000)',
    ],
    [
      'blocked by one policy, ingress',
      isolated('Ingress', ['pay/deny']),
      toWeb,
      ALL_PORTS,
      'ingress: blocked: Deployment pay/ledger is isolated for ingress by pay/deny; no rule of theirs allows traffic from Deployment shop/web',
    ],
    [
      'blocked by two policies, egress, on asked ports',
      isolated('Egress', ['pay/a', 'pay/b'], [{ policy: 'pay/a', rule: 0, ports: ports('UDP/53') }]),
      toWeb,
      ports('TCP/5432'),
      'egress: blocked: Deployment pay/ledger is isolated for egress by pay/a and pay/b; no rule of theirs allows traffic to Deployment shop/web on TCP/5432',
    ],
    [
      'blocked by three policies, towards addresses',
      isolated('Egress', ['pay/a', 'pay/b', 'pay/c']),
      { addresses: addressesOf(['203.0.113.0/24']) },
      ALL_PORTS,
      'egress: blocked: Deployment pay/ledger is isolated for egress by pay/a, pay/b and pay/c; no rule of theirs allows traffic to 203.0.113.0/24',
    ],
    [
      'blocked, every port asked as a set built elsewhere',
      isolated('Ingress', ['pay/deny']),
      toWeb,
      union(ports('TCP/1-65535'), ports('UDP/1-65535'), ports('SCTP/1-65535')),
      'ingress: blocked: Deployment pay/ledger is isolated for ingress by pay/deny; no rule of theirs allows traffic from Deployment shop/web',
    ],
  ])('%s', (_, side, other, asked, want) => {
    expect(sideText(side, other, asked)).toBe(want);
  });

  it('speaks of the evidence answerReach gives', () => {
    const p = policy('pay', 'pg', { podSelector: {}, ingress: [{ ports: [{ port: 'pg' }] }] });
    const a = one(answerReach(mapOf([p, denyEgress('shop')]), sel('shop/cart'), sel('pay/ledger'), ports('TCP/5432')));
    expect(sideText(a.ingress, a.from, ports('TCP/5432'))).toBe(
      'ingress: allowed by pay/pg (ingress rule 1: TCP/5432)',
    );
    expect(sideText(a.egress, a.to, ports('TCP/5432'))).toBe(
      'egress: blocked: Deployment shop/cart is isolated for egress by shop/default-deny-egress; no rule of theirs allows traffic to Deployment pay/ledger on TCP/5432',
    );
  });
});
