import type { AnyCheck } from '../../src/core/model';

/** The host checks, in catalogue order. */
export const hostChecks: AnyCheck[] = [];
