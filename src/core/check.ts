import type { Check, FactKey } from './model';

/** Declares a check; the identity function that gives a check its types. */
export function defineCheck<K extends FactKey>(check: Check<K>): Check<K> {
  return check;
}
