import type { AnyCheck } from '../../../src/core/model';
import allowAll from './allow-all';
import defaultDenyEgress from './default-deny-egress';
import defaultDenyIngress from './default-deny-ingress';
import exposedUnisolated from './exposed-unisolated';
import internetReachable from './internet-reachable';
import namespaceHasPolicy from './namespace-has-policy';
import podIsolated from './pod-isolated';
import reachPaths from './reach-paths';
import sensitiveReachable from './sensitive-reachable';

/** The k8s/netpol checks, in catalogue order. */
export const netpolChecks: AnyCheck[] = [
  namespaceHasPolicy,
  defaultDenyIngress,
  defaultDenyEgress,
  podIsolated,
  allowAll,
  exposedUnisolated,
  internetReachable,
  sensitiveReachable,
  reachPaths,
];
