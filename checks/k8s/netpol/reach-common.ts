import {
  type CheckOptions,
  DEFAULT_REACH_OPTIONS,
  type FactValues,
  type ReachCheckOptions,
} from '../../../src/core/model';
import type { NetpolAnalysis } from '../../../src/core/netpol';
import { computeReach, type ReachMap } from '../../../src/core/netpol/reach';
import { analysisOf, type NetpolFact } from './common';

/** Maps by analysis and settings: the reachability checks of one scan share one map. */
const maps = new WeakMap<NetpolAnalysis, Map<string, ReachMap>>();

export function reachOptionsOf(options: CheckOptions): ReachCheckOptions {
  return options.reach ?? DEFAULT_REACH_OPTIONS;
}

/** The reachability map of the check's facts, with the configured ipBlock setting. */
export function reachOf(facts: FactValues<NetpolFact> & { 'k8s.services'?: unknown }, options: CheckOptions): ReachMap {
  const analysis = analysisOf(facts);
  const r = reachOptionsOf(options);
  const key = JSON.stringify([r.ipBlockMatchesPods, r.podCidrs]);
  let byOptions = maps.get(analysis);
  if (!byOptions) {
    byOptions = new Map();
    maps.set(analysis, byOptions);
  }
  let map = byOptions.get(key);
  if (!map) {
    map = computeReach(analysis, { ipBlockMatchesPods: r.ipBlockMatchesPods, podCidrs: r.podCidrs });
    byOptions.set(key, map);
  }
  return map;
}
