import { defineCases } from '../../test/support/cases';
import check from './auto-security-updates';
import { ok, services } from './os-case-helpers';

export default defineCases(check, [
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
  {
    name: 'passes unattended-upgrades with APT::Periodic::Unattended-Upgrade "1", naming the setting and its file, with the evidence',
    facts: {
      'host.updates': ok({
        tools: ['unattended-upgrade'],
        settings: { 'APT::Periodic::Unattended-Upgrade': { value: '1', file: '/etc/apt/apt.conf.d/20auto-upgrades' } },
      }),
      'host.services': services({ enabled: ['apt-daily-upgrade.timer'] }),
    },
    expect: [
      {
        status: 'pass',
        message:
          'node-1 installs updates automatically: unattended-upgrades (APT::Periodic::Unattended-Upgrade "1" in ' +
          '/etc/apt/apt.conf.d/20auto-upgrades).',
        evidence: {
          tools: ['unattended-upgrade'],
          settings: {
            'APT::Periodic::Unattended-Upgrade': { value: '1', file: '/etc/apt/apt.conf.d/20auto-upgrades' },
          },
          enabled: ['apt-daily-upgrade.timer'],
        },
      },
    ],
  },
  ...(
    [
      ['unattended-upgrades switched off', ['unattended-upgrade'], { 'APT::Periodic::Unattended-Upgrade': '0' }, []],
      ['the APT setting without unattended-upgrades installed', [], { 'APT::Periodic::Unattended-Upgrade': '1' }, []],
      [
        'dnf-automatic.timer that only downloads',
        ['dnf-automatic'],
        { 'dnf-automatic:apply_updates': 'no' },
        ['dnf-automatic.timer'],
      ],
      ['a dnf-automatic timer without dnf-automatic installed', [], {}, ['dnf-automatic-install.timer']],
      ['yum-cron that does not apply updates', ['yum-cron'], { 'yum-cron:apply_updates': 'no' }, ['yum-cron.service']],
      ['yum-cron applying updates but not enabled', ['yum-cron'], { 'yum-cron:apply_updates': 'yes' }, []],
      [
        'yum-cron.service enabled without yum-cron installed',
        [],
        { 'yum-cron:apply_updates': 'yes' },
        ['yum-cron.service'],
      ],
      ['two tools installed, neither enabled', ['dnf-automatic', 'yum-cron'], {}, []],
    ] as const
  ).map(([what, tools, settings, enabled]) => ({
    name: `fails ${what}`,
    facts: {
      'host.updates': ok({
        tools: [...tools],
        settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, { value: v, file: '/etc/x.conf' }])),
      }),
      'host.services': services({ enabled: [...enabled] }),
    },
    expect: [
      {
        status: 'fail' as const,
        message: `node-1 has no automatic security updates (${tools.length ? `${tools.join(', ')} installed but not enabled` : 'no unattended-upgrades, dnf-automatic or yum-cron'}).`,
      },
    ],
  })),
  {
    name: 'passes dnf-automatic.timer applying updates, naming the timer and the upgrade type',
    facts: {
      'host.updates': ok({
        tools: ['dnf-automatic'],
        settings: {
          'dnf-automatic:apply_updates': { value: 'yes', file: '/etc/dnf/automatic.conf' },
          'dnf-automatic:upgrade_type': { value: 'security', file: '/etc/dnf/automatic.conf' },
        },
      }),
      'host.services': services({ enabled: ['dnf-automatic.timer'] }),
    },
    expect: [
      {
        status: 'pass',
        message: 'node-1 installs updates automatically: dnf-automatic (dnf-automatic.timer, upgrade_type security).',
      },
    ],
  },
  {
    name: 'passes dnf-automatic-install.timer whatever apply_updates says, without an upgrade type',
    facts: {
      'host.updates': ok({
        tools: ['dnf-automatic'],
        settings: { 'dnf-automatic:apply_updates': { value: 'no', file: '/etc/dnf/automatic.conf' } },
      }),
      'host.services': services({ enabled: ['dnf-automatic-install.timer'] }),
    },
    expect: [
      {
        status: 'pass',
        message: 'node-1 installs updates automatically: dnf-automatic (dnf-automatic-install.timer).',
      },
    ],
  },
  {
    name: 'passes yum-cron applying updates with its service enabled',
    facts: {
      'host.updates': ok({
        tools: ['yum-cron'],
        settings: { 'yum-cron:apply_updates': { value: 'yes', file: '/etc/yum/yum-cron.conf' } },
      }),
      'host.services': services({ enabled: ['yum-cron.service'] }),
    },
    expect: [{ status: 'pass', message: 'node-1 installs updates automatically: yum-cron (apply_updates = yes).' }],
  },
  {
    name: 'is unknown when the unit folders could not be read and nothing else shows updates installed',
    facts: {
      'host.updates': ok({ tools: ['dnf-automatic'], settings: {} }),
      'host.services': services({ error: 'EACCES' }),
    },
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess automatic updates on node-1: the systemd unit folders could not be read (EACCES).',
        evidence: { tools: ['dnf-automatic'], settings: {}, enabled: [] },
      },
    ],
  },
  {
    name: 'passes unattended-upgrades although the unit folders could not be read (APT needs no unit)',
    facts: {
      'host.updates': ok({
        tools: ['unattended-upgrade'],
        settings: { 'APT::Periodic::Unattended-Upgrade': { value: '1', file: '/etc/apt/apt.conf.d/20auto-upgrades' } },
      }),
      'host.services': services({ error: 'EACCES' }),
    },
    expect: [{ status: 'pass', message: 'unattended-upgrades' }],
  },
]);
