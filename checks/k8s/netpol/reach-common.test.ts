import { type CheckOptions, DEFAULT_CHECK_OPTIONS, type ReachCheckOptions } from '../../../src/core/model';
import { toCidrs } from '../../../src/core/netpol/addresses';
import { portSetText } from '../../../src/core/netpol/ports';
import type { ReachMap } from '../../../src/core/netpol/reach';
import { deploy, ns, policy } from './fixtures';
import { reachOf } from './reach-common';

const ledger = deploy('payments', 'ledger', { app: 'ledger' });
const frontend = deploy('shop', 'frontend', { app: 'frontend' });

/** ledger admits 10.0.0.0/7 on TCP/5432; frontend is a pod somewhere in the cluster. */
function facts() {
  return {
    'k8s.namespaces': [ns('payments'), ns('shop')],
    'k8s.workloads': [ledger, frontend],
    'k8s.networkPolicies': [
      policy('payments', 'ledger-from-10-7', {
        podSelector: { matchLabels: { app: 'ledger' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/7' } }], ports: [{ port: 5432 }] }],
      }),
    ],
  };
}

const withReach = (reach: Partial<ReachCheckOptions>): CheckOptions => ({
  ...DEFAULT_CHECK_OPTIONS,
  reach: { intendedPorts: {}, sensitiveNamespaces: [], ipBlockMatchesPods: false, podCidrs: [], ...reach },
});

/** What the map says: the addresses outside the pods that reach ledger, and what frontend's pods may send it. */
function answers(map: ReachMap) {
  return {
    fromOutside: map.external(map.group(ledger)!, 'Ingress').map((e) => toCidrs(e.addresses)),
    fromFrontend: portSetText(map.allowed(frontend, ledger)),
  };
}

describe('reachOf', () => {
  it('answers for the ipBlock setting and pod ranges asked, whatever was asked before for the same facts', () => {
    const f = facts();
    expect(answers(reachOf(f, DEFAULT_CHECK_OPTIONS))).toEqual({
      fromOutside: [['10.0.0.0/7']],
      fromFrontend: 'nothing',
    });
    // 10.0.0.0/8 holds the pods: only 11.0.0.0/8 of the block is outside them.
    expect(answers(reachOf(f, withReach({ podCidrs: ['10.0.0.0/8'] })))).toEqual({
      fromOutside: [['11.0.0.0/8']],
      fromFrontend: 'nothing',
    });
    // The block holds every pod address, and ipBlocks match pod traffic: every pod reaches ledger on TCP/5432.
    expect(answers(reachOf(f, withReach({ ipBlockMatchesPods: true, podCidrs: ['10.0.0.0/8'] })))).toEqual({
      fromOutside: [['11.0.0.0/8']],
      fromFrontend: 'TCP/5432',
    });
    // Without pod ranges, a block short of every IPv4 address may hold some pods only: it counts for none.
    expect(answers(reachOf(f, withReach({ ipBlockMatchesPods: true })))).toEqual({
      fromOutside: [['10.0.0.0/7']],
      fromFrontend: 'nothing',
    });
  });

  it('shares one map between the checks of a scan: the same facts and settings give the same map', () => {
    const f = facts();
    const first = reachOf(f, DEFAULT_CHECK_OPTIONS);
    expect(reachOf(f, { ...DEFAULT_CHECK_OPTIONS, reach: undefined })).toBe(first);
    expect(reachOf(f, withReach({}))).toBe(first);
    const pods = reachOf(f, withReach({ podCidrs: ['10.0.0.0/8'] }));
    expect(pods).not.toBe(first);
    expect(reachOf(f, withReach({ podCidrs: ['10.0.0.0/8'] }))).toBe(pods);
    expect(reachOf(facts(), DEFAULT_CHECK_OPTIONS)).not.toBe(first);
  });
});
