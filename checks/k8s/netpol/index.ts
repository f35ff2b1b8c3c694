import type { AnyCheck } from '../../../src/core/model';
import namespaceHasPolicy from './namespace-has-policy';

/** The k8s/netpol checks, in catalogue order. */
export const netpolChecks: AnyCheck[] = [namespaceHasPolicy];
