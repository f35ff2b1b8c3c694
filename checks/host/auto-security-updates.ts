import { defineCheck } from '../../src/core/check';
import type { HostUpdates } from '../../src/core/facts/host';
import type { Finding } from '../../src/core/model';
import { hostResource } from './os-helpers';

function mechanism(u: HostUpdates, enabled: readonly string[]): string | null {
  const s = (k: string) => u.settings[k]?.value;
  if (u.tools.includes('unattended-upgrade') && s('APT::Periodic::Unattended-Upgrade') === '1') {
    return `unattended-upgrades (APT::Periodic::Unattended-Upgrade "1" in ${u.settings['APT::Periodic::Unattended-Upgrade'].file})`;
  }
  const timer = ['dnf-automatic.timer', 'dnf-automatic-install.timer'].find((t) => enabled.includes(t));
  if (
    u.tools.includes('dnf-automatic') &&
    timer &&
    (timer.endsWith('-install.timer') || s('dnf-automatic:apply_updates') === 'yes')
  ) {
    return `dnf-automatic (${timer}${s('dnf-automatic:upgrade_type') ? `, upgrade_type ${s('dnf-automatic:upgrade_type')}` : ''})`;
  }
  if (u.tools.includes('yum-cron') && s('yum-cron:apply_updates') === 'yes' && enabled.includes('yum-cron.service')) {
    return 'yum-cron (apply_updates = yes)';
  }
  return null;
}

export default defineCheck({
  id: 'host.os.auto-security-updates',
  title: 'Security updates are installed automatically',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Debian/Ubuntu: install unattended-upgrades and set APT::Periodic::Unattended-Upgrade "1". RHEL family and ' +
    'Amazon Linux 2023: install dnf-automatic, set upgrade_type = security and apply_updates = yes, and enable ' +
    'dnf-automatic.timer. Nodes replaced from a patched image on a schedule (EKS managed node groups, Karpenter ' +
    'drift) meet the aim another way: waive this check for them with that reason.',
  requires: ['host.updates', 'host.services'],
  evaluate: ({ facts, target }): Finding[] => {
    const u = facts['host.updates'];
    const services = facts['host.services'];
    const how = mechanism(u, services.enabled);
    const evidence = { tools: u.tools, settings: u.settings, enabled: services.enabled };
    if (how) {
      return [
        {
          status: 'pass',
          resource: hostResource(target),
          message: `${target.name} installs updates automatically: ${how}.`,
          evidence,
        },
      ];
    }
    if (services.error) {
      return [
        {
          status: 'unknown',
          resource: hostResource(target),
          message: `Could not assess automatic updates on ${target.name}: the systemd unit folders could not be read (${services.error}).`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource: hostResource(target),
        message: `${target.name} has no automatic security updates (${u.tools.length ? `${u.tools.join(', ')} installed but not enabled` : 'no unattended-upgrades, dnf-automatic or yum-cron'}).`,
        evidence,
      },
    ];
  },
});
