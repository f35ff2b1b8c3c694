import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-max-sessions';

export default defineCases(check, [
  {
    name: 'passes when MaxSessions is 4 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '4' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when MaxSessions is 20 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '20' }) },
    expect: [{ status: 'fail', message: 'MaxSessions is 20 in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets MaxSessions 20',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, maxsessions: '4' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { maxsessions: '20' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when MaxSessions is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with MaxSessions 10 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '10' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxSessions is 10 or less in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'passes with MaxSessions 04 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '04' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxSessions is 10 or less in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with MaxSessions 11 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '11' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxSessions is 11 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): one connection can open more sessions than the benchmark accepts.',
      },
    ],
  },
  {
    name: 'fails with MaxSessions x4 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: 'x4' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxSessions is x4 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): one connection can open more sessions than the benchmark accepts.',
      },
    ],
  },
  {
    name: 'fails with MaxSessions 4x and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '4x' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxSessions is 4x in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): one connection can open more sessions than the benchmark accepts.',
      },
    ],
  },
  {
    name: 'fails with MaxSessions +4, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '+4' }) },
    expect: [
      { status: 'fail', message: 'sshd on node-1: MaxSessions is +4 in the global context and a connection as root' },
    ],
  },
  {
    name: 'fails with MaxSessions 4.0, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxsessions: '4.0' }) },
    expect: [
      { status: 'fail', message: 'sshd on node-1: MaxSessions is 4.0 in the global context and a connection as root' },
    ],
  },
]);
