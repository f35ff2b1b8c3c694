import { defineCases } from '../../test/support/cases';
import { at, ok, sudo } from './os-case-helpers';
import check from './sudo-no-nopasswd';

export default defineCases(check, [
  {
    name: 'passes when no rule carries NOPASSWD, counting the files read',
    facts: { 'host.sudo': sudo({ files: ['/etc/sudoers', '/etc/sudoers.d/admins'] }) },
    expect: [
      {
        status: 'pass',
        kind: 'Sudoers',
        message: 'No sudoers rule on node-1 carries NOPASSWD (2 files read).',
        evidence: { files: ['/etc/sudoers', '/etc/sudoers.d/admins'] },
      },
    ],
  },
  {
    name: 'passes with /etc/sudoers alone, saying one file was read',
    facts: { 'host.sudo': sudo() },
    expect: [
      {
        status: 'pass',
        message: 'No sudoers rule on node-1 carries NOPASSWD (1 file read).',
        evidence: { files: ['/etc/sudoers'] },
      },
    ],
  },
  {
    name: 'fails once per NOPASSWD rule, naming file and line (the cloud-init default user)',
    facts: {
      'host.sudo': sudo({
        nopasswd: [at('ec2-user ALL=(ALL) NOPASSWD: ALL', '/etc/sudoers.d/90-cloud-init-users', 2)],
      }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'SudoersRule',
        resource: '/etc/sudoers.d/90-cloud-init-users:2',
        message:
          'sudo on node-1 runs commands without a password for "ec2-user ALL=(ALL) NOPASSWD: ALL" (/etc/sudoers.d/90-cloud-init-users line 2): any process of that user becomes root.',
        evidence: {
          file: '/etc/sudoers.d/90-cloud-init-users',
          line: 2,
          rule: 'ec2-user ALL=(ALL) NOPASSWD: ALL',
        },
      },
    ],
  },
  {
    name: 'is not applicable without sudo',
    facts: { 'host.sudo': ok({ installed: false, files: [], defaults: {}, nopasswd: [] }) },
    expect: [{ status: 'not-applicable', message: 'sudo is not installed' }],
  },
  {
    name: 'is unknown when a sudoers file could not be read',
    facts: {
      'host.sudo': {
        ok: false,
        reason: 'the sudoers files could not be read completely (/etc/sudoers.d/x: not readable)',
      },
    },
    expect: [{ status: 'unknown', message: 'not readable' }],
  },
]);
