import type { AnyCheck } from '../../../src/core/model';

/** The k8s/netpol checks, in catalogue order. */
export const netpolChecks: AnyCheck[] = [];
