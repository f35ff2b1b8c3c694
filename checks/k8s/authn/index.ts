import type { AnyCheck } from '../../../src/core/model';

/** The k8s/authn checks, in catalogue order. */
export const authnChecks: AnyCheck[] = [];
