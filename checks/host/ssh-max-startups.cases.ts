import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-max-startups';

export default defineCases(check, [
  {
    name: 'passes when MaxStartups is 10:30:60 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:30:60' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when MaxStartups is 10:30:100 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:30:100' }) },
    expect: [{ status: 'fail', message: 'MaxStartups is 10:30:100 in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets MaxStartups 10:30:100',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, maxstartups: '10:30:60' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { maxstartups: '10:30:100' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when MaxStartups is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with MaxStartups 10:30:60 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:30:60' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxStartups is 10:30:60 or stricter in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with MaxStartups 11:30:60 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '11:30:60' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxStartups is 11:30:60 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): floods of unauthenticated connections can exhaust the daemon.',
      },
    ],
  },
  {
    name: 'fails with MaxStartups 10:29:60 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:29:60' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxStartups is 10:29:60 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): floods of unauthenticated connections can exhaust the daemon.',
      },
    ],
  },
  {
    name: 'fails with MaxStartups 10:30:61 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:30:61' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxStartups is 10:30:61 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): floods of unauthenticated connections can exhaust the daemon.',
      },
    ],
  },
  {
    name: 'fails with MaxStartups x10:30:60 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: 'x10:30:60' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxStartups is x10:30:60 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): floods of unauthenticated connections can exhaust the daemon.',
      },
    ],
  },
  {
    name: 'fails with MaxStartups 10:30:60x and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:30:60x' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxStartups is 10:30:60x in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): floods of unauthenticated connections can exhaust the daemon.',
      },
    ],
  },
  {
    name: 'fails with MaxStartups 10:30 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxstartups: '10:30' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxStartups is 10:30 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): floods of unauthenticated connections can exhaust the daemon.',
      },
    ],
  },
]);
