import { defineCases } from '../../test/support/cases';
import check from './mac-enforcing';
import { mac, services } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes when SELinux enforces',
    facts: { 'host.mac': mac({ selinuxEnforce: '1' }) },
    expect: [{ status: 'pass', message: 'SELinux is enforcing' }],
  },
  {
    name: 'passes when AppArmor enforces every loaded profile',
    facts: { 'host.mac': mac({ apparmorEnabled: true, apparmorProfiles: { enforce: 12 } }) },
    expect: [{ status: 'pass', message: 'AppArmor enforces 12 profiles' }],
  },
  {
    name: 'fails when SELinux is permissive (Amazon Linux 2023 default)',
    facts: { 'host.mac': mac({ selinuxEnforce: '0' }) },
    expect: [{ status: 'fail', message: 'permissive' }],
  },
  {
    name: 'fails when AppArmor profiles are in complain mode',
    facts: { 'host.mac': mac({ apparmorEnabled: true, apparmorProfiles: { enforce: 3, complain: 2 } }) },
    expect: [{ status: 'fail', message: '2 complain-mode' }],
  },
  {
    name: 'is unknown when AppArmor profiles could not be read',
    facts: {
      'host.mac': mac({ apparmorEnabled: true, apparmorProfilesError: 'not readable (the probe must run as root)' }),
    },
    expect: [{ status: 'unknown', message: 'must run as root' }],
  },
  {
    name: 'under a host root, passes SELINUX=enforcing and fails SELINUX=permissive',
    facts: { 'host.mac': mac({ live: false, selinuxConfig: 'enforcing' }) },
    expect: [{ status: 'pass', message: '/etc/selinux/config' }],
  },
  {
    name: 'under a host root, fails SELINUX=disabled',
    facts: { 'host.mac': mac({ live: false, selinuxConfig: 'disabled' }) },
    expect: [{ status: 'fail', message: 'configured disabled' }],
  },
  {
    name: 'under a host root, passes AppArmor installed with apparmor.service enabled',
    facts: {
      'host.mac': mac({ live: false, apparmorConfig: true }),
      'host.services': services({ enabled: ['apparmor.service'] }),
    },
    expect: [{ status: 'pass', message: 'apparmor.service is enabled' }],
  },
  {
    name: 'fails a live host with neither SELinux nor AppArmor, in full, its evidence all null',
    facts: { 'host.mac': mac({}) },
    expect: [
      {
        status: 'fail',
        message:
          'node-1: neither SELinux nor AppArmor is active in the running kernel; a compromised container process meets no second barrier.',
        evidence: {
          live: true,
          selinuxEnforce: null,
          selinuxConfig: null,
          apparmorEnabled: null,
          apparmorProfiles: null,
        },
      },
    ],
  },
  {
    name: 'fails permissive SELinux in full, with its evidence',
    facts: { 'host.mac': mac({ selinuxEnforce: '0', selinuxConfig: 'enforcing' }) },
    expect: [
      {
        status: 'fail',
        message:
          'node-1: SELinux is permissive (it logs, it does not block); a compromised container process meets no second barrier.',
        evidence: { live: true, selinuxEnforce: '0', selinuxConfig: 'enforcing', apparmorEnabled: null },
      },
    ],
  },
  {
    name: 'fails AppArmor enabled with no enforcing profile loaded, in full',
    facts: { 'host.mac': mac({ apparmorEnabled: true, apparmorProfiles: { complain: 0 } }) },
    expect: [
      {
        status: 'fail',
        message:
          'node-1: AppArmor is enabled with 0 enforcing and 0 complain-mode profiles (complain mode only logs); a compromised container process meets no second barrier.',
        evidence: { apparmorEnabled: true, apparmorProfiles: { complain: 0 } },
      },
    ],
  },
  {
    name: 'passes AppArmor enforcing every loaded profile, in full',
    facts: { 'host.mac': mac({ apparmorEnabled: true, apparmorProfiles: { enforce: 1, complain: 0 } }) },
    expect: [{ status: 'pass', message: 'AppArmor enforces 1 profiles on node-1.' }],
  },
  {
    name: 'is unknown, in full, when AppArmor is enabled and its profiles were not read, with no reason given',
    facts: { 'host.mac': mac({ apparmorEnabled: true }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess mandatory access control on node-1: AppArmor is enabled, but its profiles could not be read (not read).',
      },
    ],
  },
  {
    name: 'under a host root, fails SELINUX=permissive in full even with AppArmor profiles installed',
    facts: { 'host.mac': mac({ live: false, selinuxConfig: 'permissive', apparmorConfig: true }) },
    expect: [
      {
        status: 'fail',
        message:
          'node-1: SELinux is configured permissive (/etc/selinux/config); a compromised container process meets no second barrier.',
      },
    ],
  },
  {
    name: 'under a host root, is unknown with AppArmor profiles installed when the services were not read',
    facts: {
      'host.mac': mac({ live: false, apparmorConfig: true }),
      'host.services': { ok: false, reason: 'not read' },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess mandatory access control on node-1: AppArmor profiles are installed; whether apparmor.service is enabled is not known.',
        evidence: { live: false },
      },
    ],
  },
  ...(
    [
      ['with AppArmor profiles installed but apparmor.service not enabled', true, [], []],
      ['with apparmor.service enabled but masked', true, ['apparmor.service'], ['apparmor.service']],
      ['with apparmor.service enabled but no AppArmor profile installed', false, ['apparmor.service'], []],
    ] as const
  ).map(([what, apparmorConfig, enabled, masked]) => ({
    name: `under a host root, fails ${what}`,
    facts: {
      'host.mac': mac({ live: false, apparmorConfig }),
      'host.services': services({ enabled: [...enabled], masked: [...masked] }),
    },
    expect: [
      {
        status: 'fail' as const,
        message:
          'node-1: neither SELinux (enforcing) nor AppArmor (enabled) is configured; a compromised container process meets no second barrier.',
      },
    ],
  })),
  {
    name: 'under a host root, passes AppArmor with apparmor.service enabled, in full',
    facts: {
      'host.mac': mac({ live: false, apparmorConfig: true }),
      'host.services': services({ enabled: ['apparmor.service'] }),
    },
    expect: [
      { status: 'pass', message: 'AppArmor profiles are installed and apparmor.service is enabled at boot on node-1.' },
    ],
  },
]);
