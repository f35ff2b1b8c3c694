import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-empty-passwords-disabled';

export default defineCases(check, [
  {
    name: 'passes when PermitEmptyPasswords is no in every context, saying so in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitemptypasswords: 'no' }) },
    expect: [
      {
        status: 'pass',
        kind: 'SshdConfig',
        resource: 'sshd',
        message:
          'sshd on node-1: PermitEmptyPasswords is no in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails when PermitEmptyPasswords is yes in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitemptypasswords: 'yes' }) },
    expect: [{ status: 'fail', message: 'PermitEmptyPasswords is yes in the global context' }],
  },
  {
    name: 'fails and names the Match block and the risk when "Match Group admins" sets PermitEmptyPasswords yes',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match Group admins',
            spec: 'user=alice,host=probe.invalid,addr=192.0.2.10',
            settings: { permitemptypasswords: 'yes' },
          },
        ],
      }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'SshdConfig',
        resource: 'sshd',
        message:
          'sshd on node-1: PermitEmptyPasswords is yes in "Match Group admins" (user=alice,host=probe.invalid,addr=192.0.2.10) (from sshd -T): an account without a password can log in with nothing at all.',
        evidence: {
          failing: [
            { context: 'user=alice,host=probe.invalid,addr=192.0.2.10', match: 'Match Group admins', value: 'yes' },
          ],
        },
      },
    ],
  },
  {
    name: 'fails when a files-fallback view leaves PermitEmptyPasswords at a weak value for one user',
    facts: {
      'host.sshd': sshd(HARDENED, {
        source: 'files',
        matches: [
          {
            match: 'Match User bob',
            spec: 'user=bob,host=probe.invalid,addr=192.0.2.10',
            settings: { permitemptypasswords: 'yes' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: 'from the configuration files' }],
  },
  {
    name: 'is unknown when PermitEmptyPasswords is missing from the view',
    facts: { 'host.sshd': sshd({ somethingelse: 'x' }) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with PermitEmptyPasswords no and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitemptypasswords: 'no' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: PermitEmptyPasswords is no in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with PermitEmptyPasswords yes and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitemptypasswords: 'yes' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: PermitEmptyPasswords is yes in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): an account without a password can log in with nothing at all.',
      },
    ],
  },
]);
