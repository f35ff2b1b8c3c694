import { defineCases } from '../../test/support/cases';
import check from './auto-security-updates';
import { ok, services } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes unattended-upgrades with APT::Periodic::Unattended-Upgrade "1"',
    facts: {
      'host.updates': ok({
        tools: ['unattended-upgrade'],
        settings: { 'APT::Periodic::Unattended-Upgrade': { value: '1', file: '/etc/apt/apt.conf.d/20auto-upgrades' } },
      }),
      'host.services': services({ enabled: ['apt-daily-upgrade.timer'] }),
    },
    expect: [{ status: 'pass', message: 'unattended-upgrades' }],
  },
  {
    name: 'passes dnf-automatic-install.timer',
    facts: {
      'host.updates': ok({ tools: ['dnf-automatic'], settings: {} }),
      'host.services': services({ enabled: ['dnf-automatic-install.timer'] }),
    },
    expect: [{ status: 'pass', message: 'dnf-automatic' }],
  },
  {
    name: 'fails when dnf-automatic is installed but its timer is not enabled',
    facts: {
      'host.updates': ok({
        tools: ['dnf-automatic'],
        settings: { 'dnf-automatic:apply_updates': { value: 'yes', file: '/etc/dnf/automatic.conf' } },
      }),
      'host.services': services({ enabled: [] }),
    },
    expect: [{ status: 'fail', message: 'dnf-automatic installed but not enabled' }],
  },
  {
    name: 'fails when nothing installs updates',
    facts: { 'host.updates': ok({ tools: [], settings: {} }), 'host.services': services() },
    expect: [{ status: 'fail', message: 'no unattended-upgrades, dnf-automatic or yum-cron' }],
  },
]);
