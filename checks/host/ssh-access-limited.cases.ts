import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-access-limited';

export default defineCases(check, [
  {
    name: 'passes when AllowGroups is set in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, allowgroups: 'ssh-users' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd' }],
  },
  {
    name: 'passes on DenyUsers alone',
    facts: { 'host.sshd': sshd({ ...HARDENED, denyusers: 'guest\nnobody' }) },
    expect: [{ status: 'pass', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when no access list is set',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'fail', message: 'AllowUsers/AllowGroups/DenyUsers/DenyGroups is none in the global context' }],
  },
  {
    name: 'fails on the global view when only a Match block sets a list',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match User ops',
            spec: 'user=ops,host=probe.invalid,addr=192.0.2.10',
            settings: { allowusers: 'ops' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: 'the global context' }],
  },
  {
    name: 'is unknown when sshd refused its configuration',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [],
          validation: { by: 'sshd-T', accepted: false, message: 'line 3: bad' },
        },
      },
    },
    expect: [{ status: 'unknown', message: 'line 3: bad' }],
  },
  {
    name: 'passes with AllowUsers and DenyGroups, shows every set list in the evidence and says so in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, allowusers: 'alice\nbob', denygroups: 'guests' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: AllowUsers/AllowGroups/DenyUsers/DenyGroups is set in the global context and in 2 connection evaluations (from sshd -T).',
        evidence: {
          source: 'sshd-T',
          contexts: [
            { context: 'global', access: 'allowusers alice,bob; denygroups guests' },
            {
              context: 'user=root,host=probe.invalid,addr=192.0.2.10',
              access: 'allowusers alice,bob; denygroups guests',
            },
            {
              context: 'user=compliance-probe,host=probe.invalid,addr=192.0.2.10',
              access: 'allowusers alice,bob; denygroups guests',
            },
          ],
        },
      },
    ],
  },
  {
    name: 'fails with no access list and says the whole risk sentence',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: AllowUsers/AllowGroups/DenyUsers/DenyGroups is none in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): every account with a usable key or password may log in.',
      },
    ],
  },
]);
