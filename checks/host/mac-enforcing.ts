import { defineCheck } from '../../src/core/check';
import type { HostMac, HostServices } from '../../src/core/facts/host';
import type { Finding } from '../../src/core/model';
import { dil, hostResource } from './os-helpers';

type Verdict = { status: 'pass' | 'fail' | 'unknown'; why: string };

function live(m: HostMac): Verdict {
  if (m.selinuxEnforce === '1') return { status: 'pass', why: 'SELinux is enforcing' };
  if (m.apparmorEnabled) {
    if (!m.apparmorProfiles) {
      return {
        status: 'unknown',
        why: `AppArmor is enabled, but its profiles could not be read (${m.apparmorProfilesError ?? 'not read'})`,
      };
    }
    const enforce = m.apparmorProfiles.enforce ?? 0;
    const complain = m.apparmorProfiles.complain ?? 0;
    if (enforce > 0 && complain === 0) return { status: 'pass', why: `AppArmor enforces ${enforce} profiles` };
    return {
      status: 'fail',
      why: `AppArmor is enabled with ${enforce} enforcing and ${complain} complain-mode profiles (complain mode only logs)`,
    };
  }
  if (m.selinuxEnforce === '0') return { status: 'fail', why: 'SELinux is permissive (it logs, it does not block)' };
  return { status: 'fail', why: 'neither SELinux nor AppArmor is active in the running kernel' };
}

function configured(m: HostMac, services: HostServices | undefined): Verdict {
  if (m.selinuxConfig === 'enforcing')
    return { status: 'pass', why: 'SELinux is configured enforcing (/etc/selinux/config)' };
  if (
    m.apparmorConfig &&
    services?.enabled.includes('apparmor.service') &&
    !services.masked.includes('apparmor.service')
  ) {
    return { status: 'pass', why: 'AppArmor profiles are installed and apparmor.service is enabled at boot' };
  }
  if (m.selinuxConfig) return { status: 'fail', why: `SELinux is configured ${m.selinuxConfig} (/etc/selinux/config)` };
  if (m.apparmorConfig && !services) {
    return {
      status: 'unknown',
      why: 'AppArmor profiles are installed; whether apparmor.service is enabled is not known',
    };
  }
  return { status: 'fail', why: 'neither SELinux (enforcing) nor AppArmor (enabled) is configured' };
}

export default defineCheck({
  id: 'host.mac.enforcing',
  title: 'SELinux or AppArmor is enforcing',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('1.6')],
  remediation:
    'Set SELINUX=enforcing in /etc/selinux/config (and reboot, or "setenforce 1"), or enable AppArmor ' +
    '("systemctl enable --now apparmor") with its profiles in enforce mode ("aa-enforce /etc/apparmor.d/*").',
  requires: ['host.mac'],
  uses: ['host.services'],
  evaluate: ({ facts, optional, target }): Finding[] => {
    const m = facts['host.mac'];
    const services = optional['host.services'];
    const v = m.live ? live(m) : configured(m, services?.ok ? services.value : undefined);
    const evidence = {
      live: m.live,
      selinuxEnforce: m.selinuxEnforce ?? null,
      selinuxConfig: m.selinuxConfig ?? null,
      apparmorEnabled: m.apparmorEnabled ?? null,
      apparmorProfiles: m.apparmorProfiles ?? null,
    };
    const message =
      v.status === 'unknown'
        ? `Could not assess mandatory access control on ${target.name}: ${v.why}.`
        : v.status === 'pass'
          ? `${v.why} on ${target.name}.`
          : `${target.name}: ${v.why}; a compromised container process meets no second barrier.`;
    return [{ status: v.status, resource: hostResource(target), message, evidence }];
  },
});
