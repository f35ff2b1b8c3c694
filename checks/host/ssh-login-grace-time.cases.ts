import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-login-grace-time';

export default defineCases(check, [
  {
    name: 'passes when LoginGraceTime is 60 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '60' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when LoginGraceTime is 120 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '120' }) },
    expect: [{ status: 'fail', message: 'LoginGraceTime is 120 in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets LoginGraceTime 120',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, logingracetime: '60' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { logingracetime: '120' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when LoginGraceTime is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with LoginGraceTime 1 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '1' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: LoginGraceTime is between 1 and 60 seconds in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'passes with LoginGraceTime 60 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '60' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: LoginGraceTime is between 1 and 60 seconds in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with LoginGraceTime 0 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '0' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: LoginGraceTime is 0 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): unauthenticated connections are held open longer than the benchmark accepts (0 means no limit).',
      },
    ],
  },
  {
    name: 'fails with LoginGraceTime 61 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '61' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: LoginGraceTime is 61 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): unauthenticated connections are held open longer than the benchmark accepts (0 means no limit).',
      },
    ],
  },
  {
    name: 'fails with LoginGraceTime x60 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: 'x60' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: LoginGraceTime is x60 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): unauthenticated connections are held open longer than the benchmark accepts (0 means no limit).',
      },
    ],
  },
  {
    name: 'fails with LoginGraceTime 60x and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '60x' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: LoginGraceTime is 60x in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): unauthenticated connections are held open longer than the benchmark accepts (0 means no limit).',
      },
    ],
  },
  {
    name: 'fails with LoginGraceTime +60, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '+60' }) },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: LoginGraceTime is +60 in the global context and a connection as root',
      },
    ],
  },
  {
    name: 'fails with LoginGraceTime 60.0, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, logingracetime: '60.0' }) },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: LoginGraceTime is 60.0 in the global context and a connection as root',
      },
    ],
  },
]);
