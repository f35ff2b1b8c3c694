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
]);
