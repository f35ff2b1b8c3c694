import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-max-auth-tries';

export default defineCases(check, [
  {
    name: 'passes when MaxAuthTries is 3 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxauthtries: '3' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd' }],
  },
  {
    name: 'fails when MaxAuthTries is 6 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxauthtries: '6' }) },
    expect: [{ status: 'fail', message: 'MaxAuthTries is 6 in the global context' }],
  },
  {
    name: 'fails and names the Match block when "Match Group admins" sets MaxAuthTries 6',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match Group admins',
            spec: 'user=alice,host=probe.invalid,addr=192.0.2.10',
            settings: { maxauthtries: '6' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: '"Match Group admins"' }],
  },
  {
    name: 'fails when a files-fallback view leaves MaxAuthTries at a weak value for one user',
    facts: {
      'host.sshd': sshd(HARDENED, {
        source: 'files',
        matches: [
          {
            match: 'Match User bob',
            spec: 'user=bob,host=probe.invalid,addr=192.0.2.10',
            settings: { maxauthtries: '6' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: 'from the configuration files' }],
  },
  {
    name: 'is unknown when MaxAuthTries is missing from the view',
    facts: { 'host.sshd': sshd({ somethingelse: 'x' }) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
]);
