import type { AnyCheck } from '../../../src/core/model';

/** The k8s/tls checks, in catalogue order. */
export const tlsChecks: AnyCheck[] = [];
