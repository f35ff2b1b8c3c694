/** The sudo checks: not applicable without sudo, unknown when sudoers could not be read. */
import type { HostSudo } from '../../src/core/facts/host';
import type { Finding, TargetInfo } from '../../src/core/model';
import { hostResource } from './os-helpers';

/** The finding when sudo is not installed (the check does not apply), or null. */
export function noSudo(sudo: HostSudo, target: TargetInfo): Finding[] | null {
  if (sudo.installed) return null;
  return [
    {
      status: 'not-applicable',
      resource: hostResource(target),
      message: `sudo is not installed on ${target.name} (no sudo binary, no /etc/sudoers).`,
    },
  ];
}

export const SUDOERS = { kind: 'Sudoers', name: 'sudoers' };
