import { createHash } from 'node:crypto';
import type { ResourceRef } from './model';

/**
 * Stable identity of a finding: the same check, target and resource give the same fingerprint from one night to
 * the next, whatever the message says. 20 hex characters (80 bits).
 */
export function fingerprint(checkId: string, target: string, resource: ResourceRef): string {
  return createHash('sha256')
    .update([checkId, target, resource.kind, resource.namespace ?? '', resource.name].join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}
